// Established facts (issue 11): after the opening the inkoper sets, per provider, the facts the
// kader says the zorgkantoor establishes (`source: zorgkantoor`), with a note, and checks the
// provider's declarations (`source: aanbieder`): accepted, or corrected with a reason. Written
// into `established_facts`, which the tender inputs prefer over the declaration; the provider
// sees both its declaration and the check (factChecksForProvider).
import { and, eq } from "drizzle-orm";
import { appendAudit } from "../../../db/audit.server";
import { canonicalJson } from "../../../db/canonical-json";
import type { Db } from "../../../db/client.server";
import { establishedFacts, organisations } from "../../../db/schema";
import type { EstablishedFactKind } from "../../../db/schema/assessment-outcome";
import { formatNumber, type FactDeclaration } from "../../../scoring";
import { asDecimal } from "../../../scoring/format/common";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { getDb } from "../db.server";
import { sha256Hex } from "../submissions/receipt.server";
import type { SubmissionContent } from "../submissions/content";
import { currentKader, currentSubmissions } from "./plans.server";
import { isOpened, isStaffOf, kaderBySlug, KADER_NOT_FOUND, NOT_OPENED, refusal, type Refusal } from "./state.server";
import type { FormLike } from "./score-input.server";

type FactValue = boolean | string;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_NOTE = 2000;

/** A fact value the Dutch way: ja/nee, 12,5, or the text. */
export function factValueText(fact: Pick<FactDeclaration, "type">, value: FactValue | null | undefined): string {
  if (value === null || value === undefined) return "onbekend";
  if (typeof value === "boolean") return value ? "ja" : "nee";
  return fact.type === "number" ? formatNumber(value) : value;
}

/** Reads a value of the fact's type from a form field (ja/nee, a decimal with a comma or a point, text, an option). */
export function parseFactValue(fact: FactDeclaration, raw: string): { ok: true; value: FactValue } | { ok: false; message: string } {
  const v = raw.trim();
  switch (fact.type) {
    case "boolean":
      return v === "ja" ? { ok: true, value: true } : v === "nee" ? { ok: true, value: false } : { ok: false, message: "Kies ja of nee." };
    case "number": {
      const d = asDecimal(v.replace(",", "."));
      return v !== "" && d !== undefined ? { ok: true, value: d } : { ok: false, message: "Vul een getal in, bijvoorbeeld 12,5." };
    }
    case "text":
      if (v === "") return { ok: false, message: "Vul de waarde in." };
      if (v.length > 500 || CONTROL.test(v))
        return {
          ok: false,
          message: "Vul een gewone tekst in van hooguit 500 tekens.",
        };
      return { ok: true, value: v };
    case "choice": {
      const options = fact.options ?? [];
      return options.includes(v) ? { ok: true, value: v } : { ok: false, message: `Kies een van: ${options.join(", ")}.` };
    }
  }
}

export type FactRow = {
  fact: FactDeclaration;
  declared: FactValue | undefined;
  established:
    | {
        kind: EstablishedFactKind;
        value: FactValue | null;
        note: string | null;
      }
    | undefined;
};
export type FactsProvider = {
  providerId: number;
  name: string;
  facts: FactRow[];
};
export type FactsPage = { opened: false } | { opened: true; providers: FactsProvider[]; hasFacts: boolean };

function requireInkoper(db: Db, actor: SessionUser, slug: string) {
  const row = kaderBySlug(db, slug);
  if (!row || actor.organisation?.id !== row.zorgkantoorId) return { ok: false as const, refusal: refusal(404, KADER_NOT_FOUND) };
  if (!isStaffOf(actor, row, "inkoper"))
    return {
      ok: false as const,
      refusal: refusal(403, "Alleen een inkoper van het zorgkantoor stelt feiten vast."),
    };
  return { ok: true as const, row };
}

/** The kader's zorgkantoor and aanbieder facts (register facts come from the registry, not from here). */
function checkableFacts(kader: ReturnType<typeof currentKader>): FactDeclaration[] {
  return (kader?.facts ?? []).filter((f) => f.source === "zorgkantoor" || f.source === "aanbieder");
}

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Per provider with a current submission: each fact with its declaration and its establishment. */
export function factsPage(actor: SessionUser, slug: string, now: Date = new Date(), db: Db = getDb()): { ok: true; page: FactsPage } | Refusal {
  const ctx = requireInkoper(db, actor, slug);
  if (!ctx.ok) return ctx.refusal;
  if (!isOpened(db, ctx.row, now)) return { ok: true, page: { opened: false } };
  const kader = currentKader(db, ctx.row.id);
  const facts = checkableFacts(kader);
  const subs = currentSubmissions(db, ctx.row.id);
  const est = new Map<string, FactRow["established"]>();
  for (const f of db.select().from(establishedFacts).where(eq(establishedFacts.kaderId, ctx.row.id)).all())
    est.set(`${f.providerId}\u0000${f.factId}`, {
      kind: f.kind,
      value: f.value ?? null,
      note: f.note,
    });
  const names = new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .all()
      .map((o) => [o.id, o.name])
  );
  const providers = subs
    .map((s) => ({
      providerId: s.providerId,
      name: names.get(s.providerId) ?? String(s.providerId),
      facts: facts.map((fact) => ({
        fact,
        declared: fact.source === "aanbieder" ? own(s.content.declarations as Record<string, FactValue>, fact.id) : undefined,
        established: est.get(`${s.providerId}\u0000${fact.id}`),
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return {
    ok: true,
    page: { opened: true, providers, hasFacts: facts.length > 0 },
  };
}

export const FACT_DECISIONS = ["vaststellen", "accepteren", "corrigeren"] as const;

/**
 * One fact of one provider: `vaststellen` (a zorgkantoor fact: value and note required),
 * `accepteren` (a declaration as declared; a note is optional) or `corrigeren` (a declaration
 * replaced by another value, with the reason). Setting it again overwrites, audited.
 */
export function setFact(
  actor: SessionUser,
  slug: string,
  providerId: number,
  factId: string,
  form: FormLike,
  now: Date = new Date(),
  db: Db = getDb()
): { ok: true; notice: string } | Refusal {
  const ctx = requireInkoper(db, actor, slug);
  if (!ctx.ok) return ctx.refusal;
  if (!isOpened(db, ctx.row, now)) return refusal(409, NOT_OPENED);
  const fact = checkableFacts(currentKader(db, ctx.row.id)).find((f) => f.id === factId);
  const sub = currentSubmissions(db, ctx.row.id, [providerId])[0];
  if (!fact || !sub) return refusal(404, "Dit feit of deze aanbieder bestaat niet in dit kader.");
  const get = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const decision = get("besluit");
  const note = get("toelichting").trim();
  const errors: FieldErrors = Object.create(null);
  if (CONTROL.test(note) || note.length > MAX_NOTE) errors.toelichting = `Schrijf een gewone tekst van hooguit ${formatNumber(MAX_NOTE)} tekens.`;
  let kind: EstablishedFactKind;
  let value: FactValue | null = null;
  const declared = own(sub.content.declarations as SubmissionContent["declarations"], fact.id);
  if (fact.source === "zorgkantoor") {
    if (decision !== "vaststellen") return refusal(400, "Dit feit stelt het zorgkantoor vast; kies een waarde.", "besluit");
    kind = "established";
    const parsed = parseFactValue(fact, get("waarde"));
    if (!parsed.ok) errors.waarde = parsed.message;
    else value = parsed.value;
    if (note === "") errors.toelichting ??= "Schrijf een toelichting: waarop berust deze vaststelling?";
  } else if (decision === "accepteren") {
    if (declared === undefined) return refusal(400, "De aanbieder heeft dit feit niet verklaard; u kunt het alleen corrigeren.", "besluit");
    kind = "accepted";
    value = declared;
  } else if (decision === "corrigeren") {
    kind = "corrected";
    const parsed = parseFactValue(fact, get("waarde"));
    if (!parsed.ok) errors.waarde = parsed.message;
    else if (declared !== undefined && parsed.value === declared) errors.waarde = "Dit is wat de aanbieder verklaarde: kies dan 'accepteren'.";
    else value = parsed.value;
    if (note === "") errors.toelichting ??= "Geef de reden van de correctie; de aanbieder ziet haar.";
  } else return refusal(400, "Kies accepteren of corrigeren.", "besluit");
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };
  const stored = { kind, value, note: note === "" ? null : note };
  db.transaction(
    (tx) => {
      tx.insert(establishedFacts)
        .values({
          kaderId: ctx.row.id,
          providerId,
          factId: fact.id,
          ...stored,
          setBy: actor.id,
          setAt: now,
        })
        .onConflictDoUpdate({
          target: [establishedFacts.kaderId, establishedFacts.providerId, establishedFacts.factId],
          set: { ...stored, setBy: actor.id, setAt: now },
        })
        .run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: `assessment.fact_${kind}`,
        entityType: "established_fact",
        entityId: `${ctx.row.slug}/${providerId}/${fact.id}`,
        payload: {
          providerId,
          factId: fact.id,
          kind,
          valueSha256: sha256Hex(canonicalJson(stored.value)),
          ...(stored.note ? { noteSha256: sha256Hex(stored.note) } : {}),
        },
        organisationIds: [ctx.row.zorgkantoorId, providerId],
        at: now,
      });
    },
    { behavior: "immediate" }
  );
  const label = kind === "established" ? "vastgesteld" : kind === "accepted" ? "geaccepteerd" : "gecorrigeerd";
  return {
    ok: true,
    notice: `${fact.label}: ${label} (${factValueText(fact, value)}).`,
  };
}

export type FactCheck = {
  factId: string;
  label: string;
  kind: EstablishedFactKind;
  declared: string | null;
  value: string;
  note: string | null;
  setAt: Date;
};

/**
 * The zorgkantoor's establishments and checks of one provider's facts, for the provider's own
 * page: its declaration beside the value the zorgkantoor uses, and the note or reason.
 */
export function factChecksForProvider(db: Db, kaderId: number, providerId: number): FactCheck[] {
  const kader = currentKader(db, kaderId);
  const facts = new Map((kader?.facts ?? []).map((f) => [f.id, f]));
  const sub = currentSubmissions(db, kaderId, [providerId])[0];
  return db
    .select()
    .from(establishedFacts)
    .where(and(eq(establishedFacts.kaderId, kaderId), eq(establishedFacts.providerId, providerId)))
    .all()
    .filter((r) => facts.has(r.factId))
    .map((r) => {
      const fact = facts.get(r.factId)!;
      const declared = fact.source === "aanbieder" && sub ? own(sub.content.declarations as Record<string, FactValue>, fact.id) : undefined;
      return {
        factId: r.factId,
        label: fact.label,
        kind: r.kind,
        declared: declared === undefined ? null : factValueText(fact, declared),
        value: factValueText(fact, r.value),
        note: r.note,
        setAt: r.setAt,
      };
    });
}
