// The audit trail's filter parameters (GET, so a filtered view is a link and the CSV export
// takes the same query). Parsed with zod; every problem is a Dutch message by field.
import { z } from "zod";
import { parseAmsterdamLocal } from "./amsterdam-time";
import { isAuditCategory, type AuditCategory } from "./audit-actions";

export const AUDIT_PARAM = { kader: "kader", provider: "aanbieder", actor: "wie", category: "soort", from: "van", to: "tot", before: "voor" } as const;

const empty = (v: unknown) => (v === "" ? undefined : v);
const day = (label: string) =>
  z.preprocess(
    empty,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Vul ${label} in als datum.`)
      .transform((v, ctx) => {
        const at = parseAmsterdamLocal(`${v}T00:00`);
        if (!at) {
          ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} is geen bestaande datum.` });
          return z.NEVER;
        }
        return at;
      })
      .optional(),
  );

export const auditQuerySchema = z
  .object({
    [AUDIT_PARAM.kader]: z.preprocess(empty, z.string().max(200, "Dat kenmerk is te lang.").optional()),
    [AUDIT_PARAM.provider]: z.preprocess(empty, z.string().regex(/^\d{8}$/, "Een AGB-code heeft 8 cijfers.").optional()),
    [AUDIT_PARAM.actor]: z.preprocess(empty, z.coerce.number({ error: "Kies een persoon uit de lijst." }).int().positive("Kies een persoon uit de lijst.").optional()),
    [AUDIT_PARAM.category]: z.preprocess(
      empty,
      z
        .string()
        .refine((v) => isAuditCategory(v), "Kies een soort uit de lijst.")
        .transform((v) => v as AuditCategory)
        .optional(),
    ),
    [AUDIT_PARAM.from]: day("de begindatum"),
    [AUDIT_PARAM.to]: day("de einddatum"),
    [AUDIT_PARAM.before]: z.preprocess(empty, z.coerce.number({ error: "Ongeldige paginering." }).int().positive("Ongeldige paginering.").optional()),
  })
  .refine((q) => !(q[AUDIT_PARAM.from] && q[AUDIT_PARAM.to]) || q[AUDIT_PARAM.from]!.getTime() <= q[AUDIT_PARAM.to]!.getTime(), {
    message: "De einddatum ligt voor de begindatum.",
    path: [AUDIT_PARAM.to],
  });

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** Query parameters → the service's filters; or the Dutch errors by parameter name. */
export function parseAuditQuery(params: URLSearchParams):
  | { ok: true; filters: { kader?: string; provider?: string; actor?: number; category?: AuditCategory; from?: Date; to?: Date; before?: number }; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> } {
  const values: Record<string, string> = Object.create(null);
  for (const name of Object.values(AUDIT_PARAM)) {
    const v = params.get(name);
    if (v !== null) values[name] = v;
  }
  const parsed = auditQuerySchema.safeParse({ ...values });
  if (!parsed.success) {
    const errors: Record<string, string> = Object.create(null);
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "_form");
      if (!(key in errors)) errors[key] = issue.message;
    }
    return { ok: false, errors, values };
  }
  const q = parsed.data;
  return {
    ok: true,
    values,
    filters: {
      ...(q.kader !== undefined ? { kader: q.kader } : {}),
      ...(q.aanbieder !== undefined ? { provider: q.aanbieder } : {}),
      ...(q.wie !== undefined ? { actor: q.wie } : {}),
      ...(q.soort !== undefined ? { category: q.soort } : {}),
      ...(q.van !== undefined ? { from: q.van } : {}),
      ...(q.tot !== undefined ? { to: q.tot } : {}),
      ...(q.voor !== undefined ? { before: q.voor } : {}),
    },
  };
}
