// The inputs format (`zorginkoop.inputs/v1`, spec section 2): NZa maximum
// tariffs, providers with facts, assessments and volumes, and `fieldBest`.
// `parseInputs(data, kader)` also checks the inputs against the kader
// (unknown module, target group or criterion, missing score, score not on
// the scale, non-negotiable part above the maximum, ...).
import { z } from "zod";
import { D, canonicalOf, decimalsOf } from "../decimal";
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
  text,
  toIssues,
  type Issue,
  type Parsed,
  type PathSegment,
} from "./common";
import type { Kader, PointsSurcharge } from "./kader";

export const INPUTS_FORMAT = "zorginkoop.inputs/v1";

const tariffSchema = z.strictObject({
  code: code(),
  sector: code(),
  label: text().optional(),
  unit: text().optional(),
  max: nonNegative("maximum"),
  components: z.record(code(), nonNegative("component")).optional(),
});

/** A provider's fact: true/false, a number (canonical decimal string), text, or null (counts as missing). */
const factSchema = z.union(
  [
    z.boolean(),
    z.number().transform((n, ctx) => {
      const t = canonicalOf(n);
      if (t === undefined) {
        ctx.addIssue({ code: "custom", message: `expected a finite number, got ${n}` });
        return z.NEVER;
      }
      return t;
    }),
    z.string(),
    z.null(),
  ],
  { error: (i) => `expected true, false, a number, text or null, got ${describe(i.input)}` },
);

/** `targetGroup` may be omitted or null for a module without target groups (spec 2). */
const targetGroupRef = () => code().nullable().optional();

const assessmentSchema = z.strictObject({
  module: code(),
  targetGroup: targetGroupRef(),
  scores: z.record(code(), decimal()),
});

const providerSchema = z.strictObject({
  id: code(),
  name: text().optional(),
  prestaties: z.array(code()).optional(),
  previousYearPercent: percentage().optional(),
  facts: z.record(code(), factSchema).optional(),
  assessments: z.array(assessmentSchema).optional(),
  volumes: z.record(code(), nonNegative("volume")).optional(),
});

const fieldBestSchema = z.strictObject({
  module: code(),
  targetGroup: targetGroupRef(),
  points: decimal(),
});

export const inputsSchema = z.strictObject({
  format: z.literal(INPUTS_FORMAT, {
    error: (i) => (i.input === undefined ? "required" : `unknown format ${describe(i.input)}, expected ${INPUTS_FORMAT}`),
  }),
  kader: code(),
  tariffs: z.array(tariffSchema).min(1),
  providers: z.array(providerSchema),
  fieldBest: z.array(fieldBestSchema).optional(),
});

export type Inputs = z.output<typeof inputsSchema>;
export type Tariff = Inputs["tariffs"][number];
export type Provider = Inputs["providers"][number];
export type Assessment = NonNullable<Provider["assessments"]>[number];
export type FieldBest = NonNullable<Inputs["fieldBest"]>[number];
export type Fact = NonNullable<Provider["facts"]>[string];

type At = (path: PathSegment[], message: string) => void;
const assessmentKey = (a: unknown) => {
  const o = asObject(a);
  const module = asText(o?.module);
  return module === undefined ? undefined : `${module}\u0000${asText(o?.targetGroup) ?? ""}`;
};
// The module is named by the message's prefix (nameItems); the target group here.
const assessmentName = (key: string) => {
  const group = key.split("\u0000")[1];
  return group ? ` for target group ${group}` : "";
};

// Checks within the inputs (no kader needed).
function inputsChecks(raw: unknown, at: At): void {
  const inputs = asObject(raw);
  if (!inputs) return;
  const tariffs = asList(inputs.tariffs);
  duplicates(tariffs, (t) => asText(asObject(t)?.code), (i, c) => at(["tariffs", i, "code"], `duplicate tariff code ${c}`));
  const codes = new Set(tariffs.map((t) => asText(asObject(t)?.code)).filter((c) => c !== undefined));

  const providers = asList(inputs.providers);
  duplicates(providers, (p) => asText(asObject(p)?.id), (i, id) => at(["providers", i, "id"], `duplicate provider id ${id}`));
  providers.forEach((p, pi) => {
    const provider = asObject(p);
    if (!provider) return;
    const base: PathSegment[] = ["providers", pi];
    const prestaties = asList(provider.prestaties);
    prestaties.forEach((c, ci) => {
      if (typeof c === "string" && c !== "" && !codes.has(c)) at([...base, "prestaties", ci], `unknown prestatie ${c}`);
    });
    duplicates(prestaties, (c) => asText(c), (i, c) => at([...base, "prestaties", i], `duplicate prestatie ${c}`));
    const own = provider.prestaties === undefined ? codes : new Set(prestaties.filter((c) => typeof c === "string"));
    for (const c of Object.keys(asObject(provider.volumes) ?? {})) {
      if (!codes.has(c)) at([...base, "volumes", c], `unknown prestatie ${c}`);
      else if (!own.has(c)) at([...base, "volumes", c], `prestatie ${c} is not among the provider's prestaties`);
    }
    duplicates(asList(provider.assessments), assessmentKey, (i, key) =>
      at([...base, "assessments", i], `duplicate assessment${assessmentName(key)}`),
    );
  });
  duplicates(asList(inputs.fieldBest), assessmentKey, (i, key) => at(["fieldBest", i], `duplicate fieldBest entry${assessmentName(key)}`));
}

// Checks of the inputs against the kader they are for.
function againstKader(raw: unknown, kader: Kader, at: At): void {
  const inputs = asObject(raw);
  if (!inputs) return;
  if (typeof inputs.kader === "string" && inputs.kader !== kader.id) {
    at(["kader"], `inputs are for kader ${inputs.kader}, but the kader is ${kader.id}`);
  }

  const decimals = kader.rounding.decimals;
  asList(inputs.tariffs).forEach((t, ti) => {
    const tariff = asObject(t);
    if (!tariff) return;
    const max = asDecimal(tariff.max);
    // Amounts finer than the rounding could round a full tariff above its maximum.
    if (max !== undefined && decimalsOf(max) > decimals) at(["tariffs", ti, "max"], `${max} has more decimals than the kader's rounding (${decimals})`);
    const components = asObject(tariff.components) ?? {};
    let sum = new D(0);
    let readable = true;
    for (const name of kader.nonNegotiable) {
      if (!Object.hasOwn(components, name) || components[name] === undefined) continue;
      const v = asDecimal(components[name]);
      if (v === undefined) readable = false;
      else {
        sum = sum.plus(v);
        if (decimalsOf(v) > decimals) at(["tariffs", ti, "components", name], `${v} has more decimals than the kader's rounding (${decimals})`);
      }
    }
    if (readable && max !== undefined && sum.gt(max)) {
      const places = Math.max(decimals, decimalsOf(max));
      at(["tariffs", ti, "components"], `non-negotiable part ${sum.toFixed(places)} (${kader.nonNegotiable.join(" + ")}) is above the maximum ${new D(max).toFixed(places)}`);
    }
  });

  const modules = new Map<string, PointsSurcharge>();
  const kinds = new Map<string, string>();
  for (const s of kader.surcharges) {
    kinds.set(s.id, s.kind);
    if (s.kind === "points") modules.set(s.id, s);
  }
  const moduleOf = (entry: Record<string, unknown>, base: PathSegment[]): PointsSurcharge | undefined => {
    const id = asText(entry.module);
    if (id === undefined) return undefined;
    const module = modules.get(id);
    if (!module) {
      at([...base, "module"], kinds.has(id) ? `${id} is a fixed surcharge, not a points module` : `unknown module ${id}`);
      return undefined;
    }
    const group = entry.targetGroup ?? undefined;
    if (module.targetGroups) {
      if (group === undefined) at([...base, "targetGroup"], `required: the module has target groups ${module.targetGroups.map((g) => g.id).join(", ")}`);
      else if (typeof group === "string" && !module.targetGroups.some((g) => g.id === group)) at([...base, "targetGroup"], `unknown target group ${group}`);
    } else if (group !== undefined) {
      at([...base, "targetGroup"], "the module has no target groups");
    }
    return module;
  };

  asList(inputs.providers).forEach((p, pi) => {
    asList(asObject(p)?.assessments).forEach((a, ai) => {
      const assessment = asObject(a);
      if (!assessment) return;
      const base: PathSegment[] = ["providers", pi, "assessments", ai];
      const module = moduleOf(assessment, base);
      const scores = asObject(assessment.scores);
      if (!module || !scores) return;
      for (const criterion of module.criteria) {
        const path = [...base, "scores", criterion.id];
        // Own properties only: a criterion id like `constructor` must not find Object's.
        if (!Object.hasOwn(scores, criterion.id) || scores[criterion.id] === undefined) {
          at(path, `missing score for criterion ${criterion.id}`);
          continue;
        }
        const score = asDecimal(scores[criterion.id]);
        if (score !== undefined && !criterion.scale.includes(score)) at(path, `${score} is not on the scale ${criterion.scale.join(", ")}`);
      }
      for (const key of Object.keys(scores)) {
        if (!module.criteria.some((c) => c.id === key)) at([...base, "scores", key], `unknown criterion ${key}`);
      }
    });
  });
  asList(inputs.fieldBest).forEach((f, fi) => {
    const entry = asObject(f);
    if (entry) moduleOf(entry, ["fieldBest", fi]);
  });
  if (kader.facts) factValueChecks(asList(inputs.providers), kader.facts, at);
}

// Spec 1: with a `facts` section, a provider's fact values fit their declared type and options.
// Undeclared facts are not refused: a condition never reads them.
function factValueChecks(providers: unknown[], declared: NonNullable<Kader["facts"]>, at: At): void {
  const byId = new Map(declared.map((f) => [f.id, f]));
  providers.forEach((p, pi) => {
    const facts = asObject(asObject(p)?.facts);
    if (!facts) return;
    for (const [id, value] of Object.entries(facts)) {
      const fact = byId.get(id);
      if (!fact || value === null) continue;
      const problem = factValueProblem(fact, value);
      if (problem) at(["providers", pi, "facts", id], `fact ${id}: ${problem}`);
    }
  });
}

function factValueProblem(fact: NonNullable<Kader["facts"]>[number], value: unknown): string | undefined {
  switch (fact.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : `expected true or false, got ${describe(value)}`;
    case "number":
      return typeof value !== "boolean" && asDecimal(value) !== undefined ? undefined : `expected a number, got ${describe(value)}`;
    case "text":
      return typeof value === "string" ? undefined : `expected text, got ${describe(value)}`;
    case "choice": {
      const options = fact.options ?? [];
      if (typeof value === "string" && options.includes(value)) return undefined;
      return `${typeof value === "string" ? value : describe(value)} is not one of ${options.join(", ")}`;
    }
  }
}

/** Parse and check an inputs document; with `kader`, also check it against that kader. */
export function parseInputs(data: unknown, kader?: Kader): Parsed<Inputs> {
  const result = inputsSchema.safeParse(data, { error: messageFor });
  const relational: Issue[] = [];
  const at: At = (path, message) => relational.push({ path: formatPath(path), message });
  inputsChecks(data, at);
  if (kader) againstKader(data, kader, at);
  const issues = nameItems(dedupe([...(result.success ? [] : toIssues(result.error.issues)), ...relational]), data);
  if (!result.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: result.data };
}
