// Spec 1, "Conditions (`when`)": a structured condition, evaluated against a
// provider's facts. `{fact, op, value}` compares; `all`, `any` and `not`
// combine. A fact the provider lacks (absent or null) makes a comparison
// false, and the check records `actual: null` so the trace can say so.
// Values that both read as decimals compare as exact decimals ("3" == "3.0");
// otherwise true/false and text compare as they are.
import { D, DECIMAL_PATTERN } from "../decimal";
import type { Comparison, Condition, Scalar } from "../format/kader";
import type { Fact } from "../format/inputs";
import type { ConditionCheck } from "../trace/steps";

export type Facts = Readonly<Record<string, Fact>>;
export type ConditionOutcome = { holds: boolean; checks: ConditionCheck[] };
/** Fact id → its label, from the kader's `facts` section (spec 1): checks carry the label for people. */
export type FactLabels = ReadonlyMap<string, string>;

export function evaluateCondition(condition: Condition, facts: Facts, labels: FactLabels = new Map()): ConditionOutcome {
  const checks: ConditionCheck[] = [];
  const holds = evaluate(condition, facts, labels, checks);
  return { holds, checks };
}

// Every branch is evaluated (no short cut) so that the trace lists every check.
function evaluate(condition: Condition, facts: Facts, labels: FactLabels, checks: ConditionCheck[]): boolean {
  if ("all" in condition) return condition.all.map((c) => evaluate(c, facts, labels, checks)).every(Boolean);
  if ("any" in condition) return condition.any.map((c) => evaluate(c, facts, labels, checks)).some(Boolean);
  if ("not" in condition) return !evaluate(condition.not, facts, labels, checks);
  const fact = Object.hasOwn(facts, condition.fact) ? facts[condition.fact] : undefined;
  const actual = fact === undefined || fact === null ? null : fact;
  const holds = actual !== null && compare(condition, actual);
  const label = labels.get(condition.fact);
  checks.push({ fact: condition.fact, ...(label !== undefined && { label }), op: condition.op, expected: condition.value, actual, holds });
  return holds;
}

function compare(c: Comparison, actual: Scalar): boolean {
  const v = c.value;
  switch (c.op) {
    case "==":
      return !Array.isArray(v) && same(actual, v);
    case "!=":
      return !Array.isArray(v) && !same(actual, v);
    case "in":
      return Array.isArray(v) && v.some((x) => same(actual, x));
    default: {
      if (Array.isArray(v) || !isNumeric(actual) || !isNumeric(v)) return false;
      const order = new D(actual).cmp(v);
      return c.op === "<" ? order < 0 : c.op === "<=" ? order <= 0 : c.op === ">" ? order > 0 : order >= 0;
    }
  }
}

const isNumeric = (v: Scalar): v is string => typeof v === "string" && DECIMAL_PATTERN.test(v);

function same(a: Scalar, b: Scalar): boolean {
  if (isNumeric(a) && isNumeric(b)) return new D(a).eq(b);
  return a === b;
}
