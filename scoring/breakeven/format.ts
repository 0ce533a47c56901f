// The reële-tarieventoets file (`zorginkoop.breakeven/v1`, docs/spec/breakeven.md section 4):
// the stated assumptions, the annual accounts figures used (providers under pseudonyms in a
// published file) and the SHA-256 references to the kader and inputs it was run against.
// `parseBreakevenTest(data, kader?, inputs?)` also checks it against the kader and inputs
// (unknown provider, a provider twice, the kader's id, the search's lower bound).
import { z } from "zod";
import { D, decimalsOf } from "../decimal";
import { MAX_ACCOUNTS } from "../format/breakeven-limits";
import { asList, asObject, asText, code, decimal, dedupe, describe, duplicates, formatPath, messageFor, nonNegative, text, toIssues, wholeNumber, type Issue, type Parsed, type PathSegment } from "../format/common";
import type { Inputs } from "../format/inputs";
import type { Kader } from "../format/kader";

export const BREAKEVEN_FORMAT = "zorginkoop.breakeven/v1";
export const DEFAULT_THRESHOLD = "75";
export const DEFAULT_THRESHOLD_REF = "ECLI:NL:GHDHA:2024:199";
export const DEFAULT_SEARCH_FROM = "80";

/** Money from annual accounts: euros with at most 2 decimals (cents), 0 or more. */
const money = (what: string) =>
  nonNegative(what).superRefine((v, ctx) => {
    if (decimalsOf(v) > 2) ctx.addIssue({ code: "custom", message: `${what} ${v} has more than 2 decimals (cents)` });
  });

/** A percentage change that keeps its factor positive: above −100. */
const change = (what: string) =>
  decimal().superRefine((v, ctx) => {
    if (new D(v).lte(-100)) ctx.addIssue({ code: "custom", message: `${what} ${v} must be above -100` });
  });

const sha256 = () => z.string({ error: (i) => (i.input === undefined ? "required" : `expected a SHA-256 (64 hex digits), got ${describe(i.input)}`) }).regex(/^[0-9a-f]{64}$/, { error: "expected a SHA-256: 64 lowercase hex digits" });

export const accountsSchema = z.strictObject({
  provider: code(),
  year: wholeNumber(1990, 2100),
  wlzOmzet: money("Wlz revenue"),
  totaleOmzet: money("total revenue"),
  personeelskosten: money("personnel costs"),
  overigeBedrijfskosten: money("other operating costs"),
  financieleBaten: money("financing income"),
  financieleLasten: money("financing costs"),
  tariefpercentage: decimal().superRefine((v, ctx) => {
    const p = new D(v);
    if (p.lte(0) || p.gt(100)) ctx.addIssue({ code: "custom", message: `tariff percentage ${v} must be above 0 and at most 100` });
  }),
});

export const OPSLAGEN = ["none", "fixed", "expected"] as const;

export const assumptionsSchema = z.strictObject({
  costIndexation: change("cost indexation"),
  volumeChange: change("volume change").default("0"),
  opslagen: z.enum(OPSLAGEN),
  threshold: decimal()
    .superRefine((v, ctx) => {
      const t = new D(v);
      if (t.lte(0) || t.gt(100)) ctx.addIssue({ code: "custom", message: `threshold ${v} must be above 0 and at most 100` });
    })
    .default(DEFAULT_THRESHOLD),
  thresholdRef: text().default(DEFAULT_THRESHOLD_REF),
  searchFrom: nonNegative("lower bound").superRefine((v, ctx) => {
    if (decimalsOf(v) > 2) ctx.addIssue({ code: "custom", message: `lower bound ${v} is not a step of 0.01` });
  }).default(DEFAULT_SEARCH_FROM),
});

export const breakevenTestSchema = z.strictObject({
  format: z.literal(BREAKEVEN_FORMAT, { error: (i) => (i.input === undefined ? "required" : `unknown format ${describe(i.input)}, expected ${BREAKEVEN_FORMAT}`) }),
  kader: code(),
  references: z.strictObject({
    kader: z.strictObject({ sha256: sha256() }),
    inputs: z.strictObject({ sha256: sha256() }),
    tariffTable: z.strictObject({ sha256: sha256(), name: text().optional() }).optional(),
  }),
  assumptions: assumptionsSchema,
  accounts: z.array(accountsSchema).max(MAX_ACCOUNTS, { error: `more than ${MAX_ACCOUNTS} accounts rows` }),
});

export type BreakevenTest = z.output<typeof breakevenTestSchema>;
export type Accounts = BreakevenTest["accounts"][number];
export type Assumptions = BreakevenTest["assumptions"];
export type Opslagen = (typeof OPSLAGEN)[number];

/** Parse and check a test file; with the kader and inputs, also against them. Every problem at once, with its path. */
export function parseBreakevenTest(data: unknown, kader?: Kader, inputs?: Inputs): Parsed<BreakevenTest> {
  const result = breakevenTestSchema.safeParse(data, { error: messageFor });
  const relational: Issue[] = [];
  const at = (path: PathSegment[], message: string) => relational.push({ path: formatPath(path), message });
  const raw = asObject(data);
  const rows = asList(raw?.accounts);
  duplicates(
    rows,
    (row) => asText(asObject(row)?.provider),
    (index, value, first) => at(["accounts", index, "provider"], `provider ${value} has two accounts rows (also accounts[${first}])`),
  );
  rows.forEach((row, index) => {
    const r = asObject(row);
    const wlz = typeof r?.wlzOmzet === "number" || typeof r?.wlzOmzet === "string" ? r.wlzOmzet : undefined;
    const total = typeof r?.totaleOmzet === "number" || typeof r?.totaleOmzet === "string" ? r.totaleOmzet : undefined;
    if (wlz !== undefined && total !== undefined && isDecimal(wlz) && isDecimal(total) && new D(total).lt(new D(wlz))) {
      at(["accounts", index, "totaleOmzet"], `total revenue ${total} is below the Wlz revenue ${wlz}`);
    }
  });
  if (kader) {
    const id = asText(raw?.kader);
    if (id !== undefined && id !== kader.id) at(["kader"], `the test is for kader ${id}, not ${kader.id}`);
    const from = asObject(raw?.assumptions)?.searchFrom;
    if ((typeof from === "number" || typeof from === "string") && isDecimal(from) && new D(from).gte(new D(kader.maxPercent))) {
      at(["assumptions", "searchFrom"], `lower bound ${from} must be below the kader's maxPercent ${kader.maxPercent}`);
    }
  }
  if (inputs) {
    const known = new Set(inputs.providers.map((p) => p.id));
    rows.forEach((row, index) => {
      const id = asText(asObject(row)?.provider);
      if (id !== undefined && !known.has(id)) at(["accounts", index, "provider"], `unknown provider ${id}: not in the inputs`);
    });
  }
  const issues = dedupe([...(result.success ? [] : toIssues(result.error.issues)), ...relational]);
  if (!result.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: result.data };
}

function isDecimal(value: number | string): boolean {
  return typeof value === "number" ? Number.isFinite(value) : /^-?\d+(?:\.\d+)?$/.test(value);
}

/** JSON Schema of the test file as written (numbers or decimal strings, defaults optional), for anyone's own tools. */
export function breakevenJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(breakevenTestSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return { $schema, $id: "urn:zorginkoop:breakeven:v1", title: "Zorginkoop reële-tarieventoets (zorginkoop.breakeven/v1)", ...rest };
}
