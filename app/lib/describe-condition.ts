import type { Condition } from "../../scoring";

const OP: Record<string, string> = { "==": "is", "!=": "is niet", "<": "is kleiner dan", "<=": "is hoogstens", ">": "is groter dan", ">=": "is minstens", in: "is een van" };

function scalar(v: unknown): string {
  if (v === true) return "ja";
  if (v === false) return "nee";
  return String(v);
}

/** A condition in Dutch words, one line per comparison, nesting shown by indentation. */
export function describeConditionNl(condition: Condition, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  if ("all" in condition) return [`${pad}alle van:`, ...condition.all.flatMap((c) => describeConditionNl(c, depth + 1))];
  if ("any" in condition) return [`${pad}een van:`, ...condition.any.flatMap((c) => describeConditionNl(c, depth + 1))];
  if ("not" in condition) return [`${pad}niet:`, ...describeConditionNl(condition.not, depth + 1)];
  const value = Array.isArray(condition.value) ? condition.value.map(scalar).join(", ") : scalar(condition.value);
  return [`${pad}${condition.fact} ${OP[condition.op] ?? condition.op} ${value}`];
}
