// The consistency checks a jurist sees beside each award decision (issue 12). Pure: the caller
// gathers the stored run, the stored scores and assessors and the letter's own lines, and this
// module says, per check, whether it holds and where it does not, in Dutch. A decision with any
// failing check cannot be approved; warnings are shown and must be read, not fixed.
import { D } from "../../../scoring/decimal";
import type { Kader, PointsSurcharge } from "../../../scoring";

export type CheckStatus = "ok" | "fout" | "waarschuwing";
export type ConsistencyCheck = { id: CheckId; title: string; status: CheckStatus; findings: string[] };

export const CHECKS = {
  scoresComplete: "Elk criterium heeft een score en een motivering",
  onScale: "Elke score ligt op de schaal van het criterium",
  missingStated: "Bij een score onder het maximum staat wat ontbrak",
  announced: "Alleen criteria, wegingen en schijven die het gepubliceerde kader aankondigde",
  tariffsEqualRun: "De tarieven in de brief zijn die van de opgeslagen scoringsronde, tot op de cent",
  currentVersion: "De scoringsronde gebruikte de geldende versie van het kader",
  assessors: "Elk plan had genoeg onafhankelijke beoordelaars, met verklaringen over belangenconflicten",
  deviations: "Afwijkingen van alle individuele scores zijn gemotiveerd",
  equalTreatment: "Gelijke invoer gaf gelijke tarieven",
  motivationReuse: "Gelijke motiveringen bij verschillende scores",
  rankOrder: "Waarschuwingen over de rangorde (relatieve beoordeling)",
} as const;
export type CheckId = keyof typeof CHECKS;

export type PlanUnderReview = {
  module: string;
  targetGroup: string | null;
  scores: {
    criterion: string;
    score: string | null;
    motivation: string;
    missing: string | null;
    method: "consensus" | "mean";
    deviationReason: string | null;
    /** The assessors' submitted scores for this criterion. */
    individual: string[];
  }[];
  assessors: { name: string; conflictDeclared: boolean; conflicted: boolean }[];
};

export type LineValues = { prestatie: string; targetGroup: string | null; percent: string; tariff: string };

export type DecisionUnderReview = {
  provider: string;
  plans: PlanUnderReview[];
  /** What the letter states, as its view model holds it. */
  letterLines: LineValues[];
  /** The criteria and weights the letter names, per plan. */
  letterCriteria: { module: string; criterion: string; weight: string }[];
};

export type RunUnderReview = {
  kaderVersionId: number;
  /** The run's kader: the published content it computed with. */
  kader: Kader;
  /** Every provider's stored lines. */
  lines: (LineValues & { provider: string })[];
  /** Per provider the canonical JSON of its engine input without its id and name: equal strings are equal inputs. */
  inputsWithoutIdentity: ReadonlyMap<string, string>;
  rankWarnings: string[];
};

export type FieldMotivation = { provider: string; module: string; targetGroup: string | null; criterion: string; score: string; motivation: string };

const where = (module: PointsSurcharge | undefined, plan: { module: string; targetGroup: string | null }) => {
  const label = module?.label ?? plan.module;
  const group = plan.targetGroup === null ? null : (module?.targetGroups?.find((g) => g.id === plan.targetGroup)?.label ?? plan.targetGroup);
  return group ? `${label}, ${group}` : label;
};
const lineKey = (l: { prestatie: string; targetGroup: string | null }) => `${l.prestatie}\u0000${l.targetGroup ?? ""}`;
const lineName = (l: { prestatie: string; targetGroup: string | null }) => (l.targetGroup ? `${l.prestatie} (doelgroep ${l.targetGroup})` : l.prestatie);
const same = (a: string, b: string) => new D(a).equals(new D(b));

function status(findings: string[], failing: CheckStatus = "fout"): CheckStatus {
  return findings.length === 0 ? "ok" : failing;
}

/**
 * Every check for one decision. `publishedKader` is the kader's published version in force (the
 * latest; for a sent decision the one in force when it was sent), `currentVersionId` its id;
 * `field` holds the kader's final motivations (at least those sharing a text with this
 * provider's), for the reuse check.
 */
export function consistencyChecks(input: {
  currentVersionId: number;
  publishedKader: Kader;
  requiredAssessors: number;
  decision: DecisionUnderReview;
  run: RunUnderReview;
  field: readonly FieldMotivation[];
}): ConsistencyCheck[] {
  const { decision, run } = input;
  const modules = new Map<string, PointsSurcharge>();
  for (const s of input.publishedKader.surcharges) if (s.kind === "points") modules.set(s.id, s);
  const checks: ConsistencyCheck[] = [];
  const add = (id: CheckId, findings: string[], failing: CheckStatus = "fout") => checks.push({ id, title: CHECKS[id], status: status(findings, failing), findings });

  const complete: string[] = [];
  const onScale: string[] = [];
  const missingStated: string[] = [];
  const deviations: string[] = [];
  const assessors: string[] = [];
  for (const plan of decision.plans) {
    const module = modules.get(plan.module);
    const place = where(module, plan);
    if (!module) {
      complete.push(`${place}: deze module staat niet in het gepubliceerde kader.`);
      continue;
    }
    const byCriterion = new Map(plan.scores.map((s) => [s.criterion, s]));
    for (const c of module.criteria) {
      const s = byCriterion.get(c.id);
      if (!s || s.score === null) {
        complete.push(`${place}, ${c.label}: geen score.`);
        continue;
      }
      if (s.motivation.trim() === "") complete.push(`${place}, ${c.label}: geen motivering.`);
      if (!c.scale.some((v) => same(v, s.score!))) onScale.push(`${place}, ${c.label}: ${s.score} ligt niet op de schaal ${c.scale.join(", ")}.`);
      const max = c.scale[c.scale.length - 1]!;
      if (!same(s.score, max) && !(s.missing ?? "").trim()) missingStated.push(`${place}, ${c.label}: score ${s.score} van ${max} zonder wat ontbrak.`);
      if (s.method === "consensus" && s.individual.length > 0 && !s.individual.some((v) => same(v, s.score!)) && !(s.deviationReason ?? "").trim())
        deviations.push(`${place}, ${c.label}: consensusscore ${s.score} wijkt af van alle individuele scores (${s.individual.join(", ")}) zonder reden.`);
    }
    const independent = plan.assessors.filter((a) => a.conflictDeclared && !a.conflicted);
    for (const a of plan.assessors) {
      if (!a.conflictDeclared) assessors.push(`${place}: ${a.name} heeft geen verklaring over belangenconflicten afgelegd.`);
      else if (a.conflicted) assessors.push(`${place}: ${a.name} heeft een belangenconflict verklaard en heeft toch beoordeeld.`);
    }
    if (independent.length < input.requiredAssessors)
      assessors.push(`${place}: ${independent.length} onafhankelijke beoordelaar(s), vereist ${input.requiredAssessors}.`);
  }
  add("scoresComplete", complete);
  add("onScale", onScale);
  add("missingStated", missingStated);

  // Announced: the letter's criteria and weights, and the run's kader, against the published kader.
  const announced: string[] = [];
  for (const c of decision.letterCriteria) {
    const module = modules.get(c.module);
    const criterion = module?.criteria.find((x) => x.id === c.criterion);
    if (!criterion) announced.push(`${module?.label ?? c.module}: criterium ${c.criterion} is niet aangekondigd.`);
    else if (!same(String(criterion.weight), c.weight)) announced.push(`${module!.label}, ${criterion.label}: weging ${c.weight}, aangekondigd ${criterion.weight}.`);
  }
  if (JSON.stringify(run.kader.surcharges) !== JSON.stringify(input.publishedKader.surcharges) || JSON.stringify(run.kader.baseRate) !== JSON.stringify(input.publishedKader.baseRate))
    announced.push("De scoringsronde rekende met opslagen, schijven of een basistarief die afwijken van het gepubliceerde kader.");
  add("announced", announced);

  // The letter's lines against the run's lines for this provider, both ways.
  const runLines = new Map(run.lines.filter((l) => l.provider === decision.provider).map((l) => [lineKey(l), l]));
  const letterLines = new Map(decision.letterLines.map((l) => [lineKey(l), l]));
  const tariffs: string[] = [];
  for (const [key, l] of letterLines) {
    const r = runLines.get(key);
    if (!r) tariffs.push(`${lineName(l)}: staat in de brief maar niet in de scoringsronde.`);
    else {
      if (!same(l.tariff, r.tariff)) tariffs.push(`${lineName(l)}: brief ${l.tariff}, scoringsronde ${r.tariff}.`);
      if (!same(l.percent, r.percent)) tariffs.push(`${lineName(l)}: percentage in de brief ${l.percent}, in de scoringsronde ${r.percent}.`);
    }
  }
  for (const [key, r] of runLines) if (!letterLines.has(key)) tariffs.push(`${lineName(r)}: staat in de scoringsronde maar niet in de brief.`);
  add("tariffsEqualRun", tariffs);

  add("currentVersion", run.kaderVersionId === input.currentVersionId ? [] : ["De scoringsronde is gemaakt op een eerdere versie van het kader; maak een nieuwe ronde op de geldende versie."]);
  add("assessors", assessors);
  add("deviations", deviations);

  // Equal treatment: providers with identical inputs (apart from who they are) got identical lines.
  const equal: string[] = [];
  const mine = run.inputsWithoutIdentity.get(decision.provider);
  if (mine !== undefined) {
    const own = [...runLines.values()].map((l) => `${lineKey(l)}=${l.percent}/${l.tariff}`).sort().join("|");
    for (const [other, inputs] of run.inputsWithoutIdentity) {
      if (other === decision.provider || inputs !== mine) continue;
      const theirs = run.lines
        .filter((l) => l.provider === other)
        .map((l) => `${lineKey(l)}=${l.percent}/${l.tariff}`)
        .sort()
        .join("|");
      if (theirs !== own) equal.push(`Aanbieder ${other} had dezelfde invoer maar kreeg andere tarieven.`);
    }
  }
  add("equalTreatment", equal);

  // The same motivation text with different scores, for this provider's criteria against the whole field.
  const reuse: string[] = [];
  const texts = new Map<string, FieldMotivation[]>();
  for (const m of input.field) {
    const key = m.motivation.trim().replace(/\s+/g, " ").toLowerCase();
    if (key === "") continue;
    texts.set(key, [...(texts.get(key) ?? []), m]);
  }
  for (const group of texts.values()) {
    if (!group.some((m) => m.provider === decision.provider)) continue;
    const scores = new Set(group.map((m) => new D(m.score).toString()));
    if (scores.size > 1) {
      const mineHere = group.filter((m) => m.provider === decision.provider);
      for (const m of mineHere)
        reuse.push(`„${m.motivation.slice(0, 80)}${m.motivation.length > 80 ? "…" : ""}” staat ook bij scores ${[...scores].join(", ")} (${group.length} keer in het veld).`);
    }
  }
  add("motivationReuse", reuse, "waarschuwing");
  add("rankOrder", run.rankWarnings, "waarschuwing");
  return checks;
}

/** A decision may be approved only when no check fails. */
export function approvable(checks: readonly ConsistencyCheck[]): boolean {
  return checks.every((c) => c.status !== "fout");
}
