// The kader format (`zorginkoop.kader/v1`, spec section 1): its zod schema,
// the checks that relate one part of a kader to another (spec section 5), and
// `parseKader`. A parsed kader is plain JSON data: every number is a canonical
// decimal string ("94", "250.12") and the defaults are filled in.
import { z } from "zod";
import { D } from "../decimal";
import {
  asDecimal,
  asList,
  asObject,
  asText,
  code,
  decimal,
  dedupe,
  describe,
  duplicates,
  formatPath,
  messageFor,
  nameItems,
  nonNegative,
  percentage,
  scalar,
  text,
  toIssues,
  wholeNumber,
  type Issue,
  type Parsed,
  type PathSegment,
} from "./common";

export const KADER_FORMAT = "zorginkoop.kader/v1";

// ---------------------------------------------------------------------------
// Conditions (`when`): structured, never a string to evaluate.

export const OPERATORS = ["==", "!=", "<", "<=", ">", ">=", "in"] as const;
export type Operator = (typeof OPERATORS)[number];
/** A fact or condition value; numbers are kept as canonical decimal strings. */
export type Scalar = boolean | string;
export type Comparison = { fact: string; op: Operator; value: Scalar | Scalar[] };
export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const ORDERING: ReadonlySet<string> = new Set(["<", "<=", ">", ">="]);

const comparisonSchema = z
  .strictObject({
    fact: code(),
    op: z.enum(OPERATORS, {
      error: (i) => (i.input === undefined ? "required" : `unknown operator ${describe(i.input)}, expected one of ${OPERATORS.join(" ")}`),
    }),
    value: z.union([scalar(), z.array(scalar())], {
      error: (i) => (i.input === undefined ? "required" : `expected true, false, a number, text or (for in) a list of those, got ${describe(i.input)}`),
    }),
  })
  .superRefine((c, ctx) => {
    if (c.op === "in" && !Array.isArray(c.value)) ctx.addIssue({ code: "custom", path: ["value"], message: "in takes a list" });
    if (c.op !== "in" && Array.isArray(c.value)) ctx.addIssue({ code: "custom", path: ["value"], message: `${c.op} takes a single value, not a list` });
    if (ORDERING.has(c.op) && !Array.isArray(c.value) && (typeof c.value !== "string" || asDecimal(c.value) === undefined)) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `${c.op} needs a number, got ${describe(c.value)}` });
    }
  });

export const conditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  z.union([
    comparisonSchema,
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

// ---------------------------------------------------------------------------
// Surcharges

const appliesToSchema = z.strictObject({
  sectors: z.array(code()).optional(),
  prestaties: z.array(code()).optional(),
});

const targetGroupSchema = z.strictObject({ id: code(), label: text() });

const criterionSchema = z.strictObject({
  id: code(),
  label: text(),
  weight: nonNegative("weight").default("1"),
  scale: z.array(decimal()).min(1),
  minScore: decimal().optional(),
});

const bandSchema = z.strictObject({ from: decimal(), percent: percentage() });
const linearSchema = z.strictObject({ from: decimal(), to: decimal(), fromPercent: percentage(), toPercent: percentage() });

const mappingSchema = z.strictObject({
  basis: z.enum(["absolute", "relative"], {
    error: (i) => (i.input === undefined ? "required (absolute or relative)" : `unknown basis ${describe(i.input)}, expected absolute or relative`),
  }),
  bands: z.array(bandSchema).min(1).optional(),
  linear: linearSchema.optional(),
});

const fixedSchema = z.strictObject({
  id: code(),
  kind: z.literal("fixed"),
  label: text(),
  ref: text().optional(),
  percent: percentage(),
  when: conditionSchema.optional(),
  appliesTo: appliesToSchema.optional(),
});

const pointsSchema = z.strictObject({
  id: code(),
  kind: z.literal("points"),
  label: text(),
  ref: text().optional(),
  appliesTo: appliesToSchema.optional(),
  targetGroups: z.array(targetGroupSchema).min(1).optional(),
  criteria: z.array(criterionSchema).min(1),
  threshold: decimal().optional(),
  mapping: mappingSchema,
});

const surchargeSchema = z.discriminatedUnion("kind", [fixedSchema, pointsSchema], {
  error: (i) => {
    const kind = asObject(i.input)?.kind;
    if (asObject(i.input) === undefined) return `expected an object, got ${describe(i.input)}`;
    return kind === undefined ? "required (fixed or points)" : `unknown surcharge kind ${describe(kind)}, expected fixed or points`;
  },
});

// ---------------------------------------------------------------------------
// Facts and assessment (spec 1, "Facts and assessment"): what each fact in a
// condition means, who establishes it, and how points modules are assessed.

export const FACT_TYPES = ["boolean", "number", "text", "choice"] as const;
export const FACT_SOURCES = ["aanbieder", "zorgkantoor", "register"] as const;
export const EVIDENCE = ["required", "optional", "none"] as const;
export const DECISION_METHODS = ["consensus", "mean"] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (i) => (i.input === undefined ? `required (${values.join(", ")})` : `unknown ${what} ${describe(i.input)}, expected one of ${values.join(", ")}`) });

const factDeclarationSchema = z.strictObject({
  id: code(),
  label: text(),
  type: oneOf(FACT_TYPES, "fact type"),
  options: z.array(text()).min(1).optional(),
  source: oneOf(FACT_SOURCES, "fact source"),
  question: text().optional(),
  evidence: oneOf(EVIDENCE, "evidence").optional(),
  ref: text().optional(),
});

const assessmentSchema = z.strictObject({
  assessors: wholeNumber(1, 20).default(2),
  decides: oneOf(DECISION_METHODS, "decision method").default("consensus"),
});

export { DEFAULT_ASSESSMENT } from "./assessment";

// ---------------------------------------------------------------------------
// The kader

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const kaderSchema = z.strictObject({
  format: z.literal(KADER_FORMAT, {
    error: (i) => (i.input === undefined ? "required" : `unknown format ${describe(i.input)}, expected ${KADER_FORMAT}`),
  }),
  id: code().regex(SLUG, { error: "must be a slug: lowercase letters and digits, joined by hyphens" }),
  title: text(),
  zorgkantoor: text(),
  year: wholeNumber(2000, 2100),
  rounding: z
    .strictObject({
      decimals: wholeNumber(0, 10).default(2),
      mode: z.literal("half-up", { error: (i) => `unknown rounding mode ${describe(i.input)}, expected half-up` }).default("half-up"),
    })
    .default({ decimals: 2, mode: "half-up" }),
  percentDecimals: wholeNumber(0, 20).default(4),
  maxPercent: percentage()
    .superRefine((v, ctx) => {
      if (new D(v).gt(100)) ctx.addIssue({ code: "custom", message: `maxPercent ${v} is above 100: a tariff never exceeds the NZa maximum` });
    })
    .default("100"),
  nonNegotiable: z.array(code()).default([]),
  baseRate: z.strictObject({
    default: percentage(),
    bySector: z.record(code(), percentage()).optional(),
    byPrestatie: z.record(code(), percentage()).optional(),
  }),
  previousYear: z
    .strictObject({
      mode: z.enum(["cap", "floor"], {
        error: (i) => (i.input === undefined ? "required (cap or floor)" : `unknown previous-year mode ${describe(i.input)}, expected cap or floor`),
      }),
      over: z.array(code()),
    })
    .optional(),
  surcharges: z.array(surchargeSchema).default([]),
  facts: z.array(factDeclarationSchema).optional(),
  assessment: assessmentSchema.optional(),
});

export type Kader = z.output<typeof kaderSchema>;
export type Surcharge = Kader["surcharges"][number];
export type FixedSurcharge = Extract<Surcharge, { kind: "fixed" }>;
export type PointsSurcharge = Extract<Surcharge, { kind: "points" }>;
export type Criterion = PointsSurcharge["criteria"][number];
export type Mapping = PointsSurcharge["mapping"];
export type AppliesTo = NonNullable<Surcharge["appliesTo"]>;
export type FactDeclaration = NonNullable<Kader["facts"]>[number];
export type FactType = FactDeclaration["type"];

export { assessmentMethod } from "./assessment";

/** A declared fact by id (own entries only), or undefined when the kader declares none by that id. */
export function declaredFact(kader: Pick<Kader, "facts">, id: string): FactDeclaration | undefined {
  return kader.facts?.find((f) => f.id === id);
}

/** The facts a condition names, each once, in order of appearance. */
export function factsOfCondition(condition: Condition | undefined, into: Set<string> = new Set()): string[] {
  if (!condition) return [...into];
  if ("all" in condition) condition.all.forEach((c) => factsOfCondition(c, into));
  else if ("any" in condition) condition.any.forEach((c) => factsOfCondition(c, into));
  else if ("not" in condition) factsOfCondition(condition.not, into);
  else into.add(condition.fact);
  return [...into];
}

// ---------------------------------------------------------------------------
// Checks that relate parts of a kader (spec section 5). They read the raw
// document tolerantly, so they run even where other parts are malformed.

function kaderChecks(raw: unknown): Issue[] {
  const issues: Issue[] = [];
  const at = (path: PathSegment[], message: string) => issues.push({ path: formatPath(path), message });
  const kader = asObject(raw);
  if (!kader) return issues;

  duplicates(asList(kader.nonNegotiable), (c) => asText(c), (i, c) => at(["nonNegotiable", i], `duplicate component ${c}`));

  // A base rate above maxPercent could never be paid.
  const maxPercent = kader.maxPercent === undefined ? "100" : asDecimal(kader.maxPercent);
  const baseRate = asObject(kader.baseRate);
  if (maxPercent !== undefined && baseRate) {
    const tooHigh = (path: PathSegment[], value: unknown) => {
      const v = asDecimal(value);
      if (v !== undefined && new D(v).gt(maxPercent)) at(path, `base rate ${v} is above maxPercent ${maxPercent}`);
    };
    tooHigh(["baseRate", "default"], baseRate.default);
    for (const group of ["bySector", "byPrestatie"] as const) {
      for (const [key, value] of Object.entries(asObject(baseRate[group]) ?? {})) tooHigh(["baseRate", group, key], value);
    }
  }

  const surcharges = asList(kader.surcharges);
  duplicates(surcharges, (s) => asText(asObject(s)?.id), (i, id) => at(["surcharges", i, "id"], `duplicate surcharge id ${id}`));
  const surchargeIds = new Set(surcharges.map((s) => asText(asObject(s)?.id)).filter((id) => id !== undefined));

  const previousYear = asObject(kader.previousYear);
  if (previousYear) {
    const over = asList(previousYear.over);
    over.forEach((id, i) => {
      if (typeof id === "string" && id !== "" && !surchargeIds.has(id)) at(["previousYear", "over", i], `unknown surcharge ${id}`);
    });
    duplicates(over, (id) => asText(id), (i, id) => at(["previousYear", "over", i], `duplicate surcharge ${id}`));
  }

  // Target group ids are unique within the whole kader (spec 1, appliesTo).
  const groups: { id: string; path: PathSegment[] }[] = [];
  surcharges.forEach((s, si) => {
    const surcharge = asObject(s);
    if (!surcharge || surcharge.kind !== "points") return;
    asList(surcharge.targetGroups).forEach((g, gi) => {
      const id = asText(asObject(g)?.id);
      if (id !== undefined) groups.push({ id, path: ["surcharges", si, "targetGroups", gi, "id"] });
    });
    pointsChecks(surcharge, ["surcharges", si], at);
  });
  // A surcharge above 100 % can never be meant: no tariff exceeds the NZa maximum (maxPercent ≤ 100).
  surcharges.forEach((s, si) => {
    const surcharge = asObject(s);
    if (surcharge?.kind === "fixed") above100(surcharge.percent, ["surcharges", si, "percent"], at);
  });
  duplicates(groups, (g) => g.id, (i, id) => at(groups[i]!.path, `duplicate target group id ${id}`));
  factChecks(kader, surcharges, at);
  return issues;
}

// Spec 1, "Facts and assessment": with a `facts` section, every fact a condition names is declared
// there, ids are unique, and `options` is given exactly for `choice` (without repeats).
function factChecks(kader: Record<string, unknown>, surcharges: unknown[], at: (path: PathSegment[], message: string) => void): void {
  if (kader.facts === undefined) return;
  const facts = asList(kader.facts);
  duplicates(facts, (f) => asText(asObject(f)?.id), (i, id) => at(["facts", i, "id"], `duplicate fact id ${id}`));
  facts.forEach((f, fi) => {
    const fact = asObject(f);
    if (!fact) return;
    if (fact.type === "choice" && fact.options === undefined) at(["facts", fi, "options"], "a choice needs options");
    if (fact.type !== undefined && fact.type !== "choice" && fact.options !== undefined) at(["facts", fi, "options"], `options are only for a choice, not for ${describe(fact.type)}`);
    duplicates(asList(fact.options), (o) => asText(o), (i, o) => at(["facts", fi, "options", i], `duplicate option ${o}`));
  });
  const declared = new Set(facts.map((f) => asText(asObject(f)?.id)).filter((id) => id !== undefined));
  surcharges.forEach((s, si) => {
    const surcharge = asObject(s);
    if (surcharge?.when === undefined) return;
    walkComparisons(surcharge.when, ["surcharges", si, "when"], (fact, path) => {
      if (!declared.has(fact)) at(path, `undeclared fact ${fact}`);
    });
  });
}

/** Every comparison's fact in a raw condition, with the path of its `fact` key (read tolerantly). */
function walkComparisons(raw: unknown, path: PathSegment[], visit: (fact: string, path: PathSegment[]) => void): void {
  // Explicit stack: a hostile condition nested thousands deep must not overflow the call stack.
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: raw, path }];
  while (stack.length > 0) {
    const { node, path: at } = stack.pop()!;
    const o = asObject(node);
    if (!o) continue;
    if (typeof o.fact === "string" && o.fact !== "") visit(o.fact, [...at, "fact"]);
    for (const key of ["all", "any"] as const) asList(o[key]).forEach((c, i) => stack.push({ node: c, path: [...at, key, i] }));
    if (o.not !== undefined) stack.push({ node: o.not, path: [...at, "not"] });
  }
}

function pointsChecks(module: Record<string, unknown>, base: PathSegment[], at: (path: PathSegment[], message: string) => void): void {
  const criteria = asList(module.criteria);
  duplicates(criteria, (c) => asText(asObject(c)?.id), (i, id) => at([...base, "criteria", i, "id"], `duplicate criterion id ${id}`));
  criteria.forEach((c, ci) => {
    const scale = asList(asObject(c)?.scale);
    ascending(scale, (v) => v, (i) => at([...base, "criteria", ci, "scale", i], "scale must ascend"), true);
    // A minimum above the highest score knocks out every assessment: never meant.
    const minScore = asDecimal(asObject(c)?.minScore);
    const scores = scale.map(asDecimal).filter((v): v is string => v !== undefined);
    if (minScore !== undefined && scores.length > 0) {
      const highest = scores.reduce((a, b) => (new D(b).gt(a) ? b : a));
      if (new D(minScore).gt(highest)) at([...base, "criteria", ci, "minScore"], `minScore ${minScore} is above the highest score ${highest} of the scale`);
    }
  });

  const mapping = asObject(module.mapping);
  if (!mapping) return;
  // Spec 3.3: R = P / best × 100 only ranks when no score can be negative.
  if (mapping.basis === "relative") {
    criteria.forEach((c, ci) => {
      asList(asObject(c)?.scale).forEach((v, vi) => {
        const d = asDecimal(v);
        if (d !== undefined && d.startsWith("-")) at([...base, "criteria", ci, "scale", vi], `${d} is negative: a relative module's scale holds no negative values`);
      });
    });
  }
  const path = [...base, "mapping"];
  const hasBands = mapping.bands !== undefined;
  const hasLinear = mapping.linear !== undefined;
  if (!hasBands && !hasLinear) at(path, "mapping needs either bands or linear");
  if (hasBands && hasLinear) at(path, "mapping has both bands and linear: give one");
  const bands = asList(mapping.bands);
  ascending(bands, (b) => asObject(b)?.from, (i) => at([...path, "bands", i, "from"], "bands must ascend"), true);
  // A higher band paying less would punish a better score.
  ascending(bands, (b) => asObject(b)?.percent, (i) => at([...path, "bands", i, "percent"], "band percents must not descend"), false);
  bands.forEach((b, i) => above100(asObject(b)?.percent, [...path, "bands", i, "percent"], at));
  const linear = asObject(mapping.linear);
  if (linear) {
    above100(linear.fromPercent, [...path, "linear", "fromPercent"], at);
    above100(linear.toPercent, [...path, "linear", "toPercent"], at);
    const from = asDecimal(linear.from);
    const to = asDecimal(linear.to);
    if (from !== undefined && to !== undefined && !new D(to).gt(from)) at([...path, "linear", "to"], `to ${to} must be above from ${from}`);
    const fp = asDecimal(linear.fromPercent);
    const tp = asDecimal(linear.toPercent);
    if (fp !== undefined && tp !== undefined && new D(tp).lt(fp)) at([...path, "linear", "toPercent"], `toPercent ${tp} must not be below fromPercent ${fp}`);
  }
}

function above100(value: unknown, path: PathSegment[], at: (path: PathSegment[], message: string) => void): void {
  const v = asDecimal(value);
  if (v !== undefined && new D(v).gt(100)) at(path, `surcharge ${v} % is above 100: a tariff never exceeds the NZa maximum`);
}

/** Report each item whose decimal does not (strictly) exceed the previous readable one. */
function ascending(items: unknown[], pick: (item: unknown) => unknown, report: (index: number) => void, strict: boolean): void {
  let previous: string | undefined;
  items.forEach((item, i) => {
    const v = asDecimal(pick(item));
    if (v === undefined) return;
    if (previous !== undefined && (strict ? !new D(v).gt(previous) : new D(v).lt(previous))) report(i);
    previous = v;
  });
}

/** Parse and check a kader document (already read from JSON or YAML). */
export function parseKader(data: unknown): Parsed<Kader> {
  const result = kaderSchema.safeParse(data, { error: messageFor });
  const issues = nameItems(dedupe([...(result.success ? [] : toIssues(result.error.issues)), ...kaderChecks(data)]), data);
  if (!result.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: result.data };
}
