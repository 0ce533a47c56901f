// The assessment method of a kader (spec 1, "Facts and assessment"), free of zod so that pages
// that describe a kader can use it in the browser too.

export type AssessmentMethod = { assessors: number; decides: "consensus" | "mean" };

/** Without an `assessment` section: two assessors who decide by consensus (spec 1). */
export const DEFAULT_ASSESSMENT: Readonly<AssessmentMethod> = { assessors: 2, decides: "consensus" };

/** The kader's assessment method, with the spec's defaults when the section is absent. */
export function assessmentMethod(kader: { assessment?: AssessmentMethod }): AssessmentMethod {
  return kader.assessment ?? { ...DEFAULT_ASSESSMENT };
}
