// The result format (`zorginkoop.result/v1`, spec section 4). The types are
// what `computeTariffs` returns; the zod schema lets others (and our tests)
// check a result document, and gives its JSON Schema.
import { z } from "zod";
import { STEP_NAMES, type TraceStep } from "../trace/steps";
import type { Knockout } from "../compute/points";

export const RESULT_FORMAT = "zorginkoop.result/v1";

export type ResultLine = {
  provider: string;
  prestatie: string;
  /** null: the regular line; else the target group of a points module. */
  targetGroup: string | null;
  /** p, as a canonical decimal string ("96", "95.5"). */
  percent: string;
  /** The unit tariff with exactly `rounding.decimals` decimals ("172.15"). */
  tariff: string;
  /**
   * One step per rule that shaped the line, in order. Steps, and whole traces of lines with the
   * same tariff and percentage, are shared between lines and frozen: copy before changing.
   */
  trace: TraceStep[];
};

export type ModuleResult = {
  provider: string;
  module: string;
  targetGroup: string | null;
  points: string;
  input: string;
  percent: string;
  knockout: Knockout;
};

export type Budget = {
  total: string;
  byProvider: { provider: string; total: string }[];
};

export type Result = {
  format: typeof RESULT_FORMAT;
  kader: string;
  lines: ResultLine[];
  modules: ModuleResult[];
  /** Present when any provider (of those in the result) has volumes: Σ tariff × volume over regular lines. */
  budget?: Budget;
};

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);

const traceStepSchema = z.looseObject({
  step: z.enum(STEP_NAMES as [TraceStep["step"], ...TraceStep["step"][]]),
  id: z.string().optional(),
  ref: z.string().optional(),
  text: z.string().min(1),
  value: decimalText,
});

export const resultSchema = z.strictObject({
  format: z.literal(RESULT_FORMAT),
  kader: z.string(),
  lines: z.array(
    z.strictObject({
      provider: z.string(),
      prestatie: z.string(),
      targetGroup: z.string().nullable(),
      percent: decimalText,
      tariff: decimalText,
      trace: z.array(traceStepSchema).min(1),
    }),
  ),
  modules: z.array(
    z.strictObject({
      provider: z.string(),
      module: z.string(),
      targetGroup: z.string().nullable(),
      points: decimalText,
      input: decimalText,
      percent: decimalText,
      knockout: z.enum(["threshold", "minScore"]).nullable(),
    }),
  ),
  budget: z
    .strictObject({
      total: decimalText,
      byProvider: z.array(z.strictObject({ provider: z.string(), total: decimalText })),
    })
    .optional(),
});
