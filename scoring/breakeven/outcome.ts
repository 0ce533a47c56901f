// The published outcome of a test (`zorginkoop.breakeven-outcome/v1`, docs/spec/breakeven.md
// section 5) as far as `--check` reads it, and the comparison: a recomputation matches when the
// pass/fail, the share (to 0.01 %) and the break-even percentage (to the step of 0.01 %) agree.
import { z } from "zod";
import { D } from "../decimal";
import { describe } from "../format/common";
import { formatPercent } from "../format/nl";

export const OUTCOME_FORMAT = "zorginkoop.breakeven-outcome/v1";

const percentText = z.string().regex(/^\d{1,3}\.\d{2}$/, { error: (i) => `expected a percentage with 2 decimals like "75.00", got ${describe(i.input)}` });

/** What a published outcome must hold for a check; the rest (providers, traces, curve) may be there too. */
export const outcomeSchema = z.looseObject({
  format: z.literal(OUTCOME_FORMAT, { error: (i) => (i.input === undefined ? "required" : `unknown format ${describe(i.input)}, expected ${OUTCOME_FORMAT}`) }),
  kader: z.string().min(1),
  test: z.looseObject({ share: percentText, passes: z.boolean() }),
  breakEven: z.looseObject({ percent: percentText.nullable() }),
});
export type PublishedOutcome = z.output<typeof outcomeSchema>;

const pct = (p: string | null) => (p === null ? "geen (ook niet bij het maximum)" : formatPercent(p, { decimals: 2 }));

/** The differences in Dutch; none means the recomputation confirms the published outcome. */
export function compareOutcomes(expected: PublishedOutcome, actual: PublishedOutcome): string[] {
  const out: string[] = [];
  if (expected.kader !== actual.kader) out.push(`kader: gepubliceerd ${expected.kader}, herberekend ${actual.kader}`);
  if (!new D(expected.test.share).eq(actual.test.share)) out.push(`aandeel in de omzet: gepubliceerd ${pct(expected.test.share)}, herberekend ${pct(actual.test.share)}`);
  if (expected.test.passes !== actual.test.passes) {
    out.push(`uitkomst: gepubliceerd ${expected.test.passes ? "voldoet" : "voldoet niet"}, herberekend ${actual.test.passes ? "voldoet" : "voldoet niet"}`);
  }
  const a = expected.breakEven.percent;
  const b = actual.breakEven.percent;
  if (a === null ? b !== null : b === null || !new D(a).eq(b)) out.push(`break-evenpercentage: gepubliceerd ${pct(a)}, herberekend ${pct(b)}`);
  return out;
}
