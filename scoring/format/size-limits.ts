// Limits on what one computation may produce, checked before computing: every line carries its
// own trace, so memory grows with the number of lines. The national field of a year is some
// 3,000 providers and 7,000 lines per kader; these limits leave ample room above that.
import { appliesTo } from "../compute/surcharges";
import type { Issue } from "./common";
import type { Inputs } from "./inputs";
import type { Kader } from "./kader";

export const MAX_PROVIDERS = 20_000;
export const MAX_LINES = 500_000;

/** The number of result lines (spec 3): a regular line per prestatie, and target group lines. */
export function lineCount(kader: Kader, inputs: Inputs): number {
  const tariffs = new Map(inputs.tariffs.map((t) => [t.code, t]));
  const modules = new Map(kader.surcharges.flatMap((s) => (s.kind === "points" && s.targetGroups ? [[s.id, s] as const] : [])));
  let lines = 0;
  for (const provider of inputs.providers) {
    const own = provider.prestaties ? provider.prestaties.flatMap((c) => tariffs.get(c) ?? []) : inputs.tariffs;
    lines += own.length;
    for (const assessment of provider.assessments ?? []) {
      const module = modules.get(assessment.module);
      if (!module || assessment.targetGroup == null) continue;
      for (const tariff of own) if (appliesTo(module.appliesTo, tariff)) lines++;
    }
  }
  return lines;
}

/** Problems with the size of a computation, named by path like every other problem. */
export function sizeIssues(kader: Kader, inputs: Inputs): Issue[] {
  if (inputs.providers.length > MAX_PROVIDERS) {
    return [{ path: "inputs.providers", message: `${inputs.providers.length} providers, more than the limit of ${MAX_PROVIDERS}` }];
  }
  const lines = lineCount(kader, inputs);
  if (lines > MAX_LINES) return [{ path: "inputs.providers", message: `the computation would give ${lines} lines, more than the limit of ${MAX_LINES}` }];
  return [];
}
