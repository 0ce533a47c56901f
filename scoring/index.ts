// The public API of the scoring engine: the open kader format, the tariff
// computation with a trace on every line, and the Dutch renderings.
// Pure: no I/O here or below (the command line is scoring/cli.ts).
//
// Where each part of ../shared/spec/kader-format.md lives:
//   1 kader, 2 inputs, 4 result   format/kader.ts, format/inputs.ts, format/result.ts
//   3.1 maximum, N and V          compute/maximum.ts
//   3.2 base rate                 compute/base-rate.ts
//   3.3 surcharges                compute/surcharges.ts (appliesTo, fixed), compute/conditions.ts (`when`),
//                                 compute/points.ts (points, knock-outs, basis, bands and linear mapping)
//   3.4 previous-year rule        compute/previous-year.ts
//   3.5 cap, 3.6 rounding         compute/cap-and-rounding.ts
//   3 lines, 4 budget             compute/lines.ts (walks the rules in order), compute/budget.ts
//   5 errors                      format/kader.ts, format/inputs.ts (checks), format/common.ts (messages, paths)
//   trace steps and Dutch text    trace/steps.ts, trace/render.ts; numbers in Dutch: format/nl.ts
//   assessment, decides: mean      assessment/mean.ts (mean on the scale, halfway up, with a trace)
//   rank-order check              rank-check.ts (relative modules: does leaving one provider out change the others?)
//   stored run results            run-result.ts (the result with each trace step written once)
//   reële-tarieventoets           breakeven/ (docs/spec/breakeven.md): the test, the break-even search,
//                                 the test file and published outcome formats
import { computeTariffs, type ComputeOptions } from "./compute/lines";
import { dedupe, prefixPath, type Issue, type Parsed } from "./format/common";
import { parseInputs } from "./format/inputs";
import { parseKader } from "./format/kader";
import type { Result } from "./format/result";
import { sizeIssues } from "./format/size-limits";

export type { Issue, Parsed } from "./format/common";
export type { FactDeclaration, FactType, Kader, Surcharge, FixedSurcharge, PointsSurcharge, Condition, Comparison, Operator, Scalar, Criterion, Mapping, AppliesTo } from "./format/kader";
export type { Inputs, Provider, Tariff, Assessment, FieldBest, Fact } from "./format/inputs";
export type { Result, ResultLine, ModuleResult, Budget } from "./format/result";
export type {
  TraceStep,
  MaximumStep,
  NonNegotiableStep,
  BaseRateStep,
  SurchargeStep,
  FixedSurchargeStep,
  PointsSurchargeStep,
  PreviousYearStep,
  CapStep,
  RoundingStep,
  ConditionCheck,
  MappingOutcome,
  FailedCriterion,
} from "./trace/steps";
export type { ComputeOptions } from "./compute/lines";

export { KADER_FORMAT, parseKader, declaredFact, factsOfCondition } from "./format/kader";
export { assessmentMethod, DEFAULT_ASSESSMENT, type AssessmentMethod } from "./format/assessment";
export { INPUTS_FORMAT, parseInputs } from "./format/inputs";
export { RESULT_FORMAT } from "./format/result";
export { MAX_PROVIDERS, MAX_LINES, lineCount } from "./format/size-limits";
export { MAX_DOCUMENT_CHARS } from "./format/document";
export { MAX_TOKENS as MAX_YAML_TOKENS, MAX_DEPTH } from "./format/yaml-limits";
export { parseDocument, serializeKader } from "./format/document";
export { kaderJsonSchema, inputsJsonSchema, resultJsonSchema } from "./format/json-schema";
export { computeTariffs } from "./compute/lines";
export { ENGINE_VERSION } from "./version";
export { rankOrderCheck, type RankFinding, type RankChange } from "./rank-check";
export { RUN_RESULT_FORMAT, runResultBytes, runResultJson, expandRunResult, type RunResult, type RunResultLine } from "./run-result";
export { renderTraceStep, renderTrace } from "./trace/render";
export { formatEuro, formatPercent, formatNumber, type NumberFormatOptions } from "./format/nl";
export {
  BREAKEVEN_FORMAT,
  breakevenJsonSchema,
  OUTCOME_FORMAT as BREAKEVEN_OUTCOME_FORMAT,
  DEFAULT_THRESHOLD,
  DEFAULT_THRESHOLD_REF,
  DEFAULT_SEARCH_FROM,
  breakeven,
  scoreBreakeven,
  testAt,
  kaderForTest,
  parseBreakevenTest,
  pseudonymise,
  compareOutcomes,
  outcomeSchema as breakevenOutcomeSchema,
  stringifyOutcome as stringifyBreakevenOutcome,
  searchBreakEven,
  type BreakevenTest,
  type BreakevenOutcome,
  type ProviderOutcome as BreakevenProviderOutcome,
  type Accounts,
  type Assumptions as BreakevenAssumptions,
  type Opslagen,
  type BreakevenStep,
  type CurvePoint,
  type PublishedOutcome,
} from "./breakeven/index";
export { MAX_ACCOUNTS, MAX_CHART_POINTS } from "./format/breakeven-limits";
export { meanOnScale, type MeanTrace } from "./assessment/mean";

/**
 * Parse and check a kader and its inputs, then compute. Every problem of both
 * documents comes back at once, paths prefixed `kader.` and `inputs.`
 * (an unknown `provider` option: path `provider`). Bad input never yields a result.
 */
export function score(kaderData: unknown, inputsData: unknown, options: ComputeOptions = {}): Parsed<Result> {
  const kader = parseKader(kaderData);
  const inputs = parseInputs(inputsData, kader.ok ? kader.value : undefined);
  const issues: Issue[] = [
    ...(kader.ok ? [] : kader.issues.map((i) => ({ path: prefixPath("kader", i.path), message: i.message }))),
    ...(inputs.ok ? [] : inputs.issues.map((i) => ({ path: prefixPath("inputs", i.path), message: i.message }))),
  ];
  if (inputs.ok && options.provider !== undefined && !inputs.value.providers.some((p) => p.id === options.provider)) {
    issues.push({ path: "provider", message: `unknown provider ${options.provider}` });
  }
  if (!kader.ok || !inputs.ok || issues.length > 0) return { ok: false, issues: dedupe(issues) };
  const tooLarge = sizeIssues(kader.value, inputs.value);
  if (tooLarge.length > 0) return { ok: false, issues: tooLarge };
  return { ok: true, value: computeTariffs(kader.value, inputs.value, options) };
}

/** The result as pretty JSON (2 spaces, trailing newline): the same result always gives the same bytes. */
export function stringifyResult(result: Result): string {
  return JSON.stringify(result, null, 2) + "\n";
}
