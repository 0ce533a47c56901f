// Building blocks shared by the kader and inputs formats: the zod pieces for
// decimals and texts, and the translation of problems into `Issue`s with
// readable paths (`surcharges[1].mapping.bands[2].from`).
import { z } from "zod";
import { DECIMAL_PATTERN, canonicalOf, sizeProblem } from "../decimal";

/** One problem in a document: where (a path like `providers[0].scores.aanpak`) and what. */
export type Issue = { path: string; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };
export type PathSegment = string | number;

// ---------------------------------------------------------------------------
// Describing values in messages

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 37) + "..." : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "an object";
}

const expectedWords: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "a list",
};

/** Marks a union failure that `toIssues` resolves by looking into its branches. */
const UNION = "\u0000union";

/** Default English messages for zod's generic problems (per-parse error map). */
export function messageFor(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      return `expected ${expectedWords[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`;
    case "invalid_union":
      return UNION;
    case "too_small":
      if (issue.origin === "array" || issue.origin === "string") return "must not be empty";
      return undefined;
    case "invalid_value":
      return `unknown value ${describe(issue.input)}, expected ${issue.values.map((v) => String(v)).join(" or ")}`;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Paths

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else {
      const key = String(s);
      out += PLAIN_KEY.test(key) ? (out === "" ? key : "." + key) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** Join a prefix (`kader`, `inputs`) and a path. */
export function prefixPath(prefix: string, path: string): string {
  if (path === "") return prefix;
  return path.startsWith("[") ? prefix + path : `${prefix}.${path}`;
}

/** zod issues → our issues: one per unknown key, the best-fitting branch of a failed union. */
export function toIssues(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: "unknown key" });
    } else if (issue.code === "invalid_union" && issue.message === UNION) {
      out.push(...unionIssues(issue.errors, path));
    } else {
      out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}

// A union (a condition) failed in every branch: report the branch the author
// evidently meant, i.e. one whose keys all fit; if none fits, say what is allowed.
function unionIssues(branches: readonly (readonly z.core.$ZodIssue[])[], path: PropertyKey[]): Issue[] {
  const fitting = branches.filter((b) => !b.some((i) => i.path.length === 0));
  if (fitting.length === 0) {
    return [{ path: formatPath(path), message: "expected a condition: {fact, op, value}, {all: [...]}, {any: [...]} or {not: {...}}" }];
  }
  const best = fitting.reduce((a, b) => (b.length < a.length ? b : a));
  return toIssues(best, path);
}

export function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = i.path + "\u0000" + i.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------
// zod pieces

const DECIMAL_MESSAGE = 'expected a number or a decimal string like "250.12"';
const decimalMessage = (i: { input?: unknown }) => (i.input === undefined ? "required" : `${DECIMAL_MESSAGE}, got ${describe(i.input)}`);

/** A number given as a JSON number or a decimal string; parsed to its canonical decimal string. */
export const decimal = () =>
  z
    .union([z.number({ error: decimalMessage }), z.string().regex(DECIMAL_PATTERN, { error: decimalMessage })], { error: decimalMessage })
    .transform((value, ctx) => {
      const text = canonicalOf(value);
      if (text === undefined) {
        ctx.addIssue({ code: "custom", message: `${DECIMAL_MESSAGE}, got ${describe(value)}` });
        return z.NEVER;
      }
      const problem = sizeProblem(text);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return text;
    });

/** A percentage: a decimal that is 0 or more. */
export const percentage = () =>
  decimal().superRefine((value, ctx) => {
    if (value.startsWith("-")) ctx.addIssue({ code: "custom", message: `percentage ${value} is below 0` });
  });

/** A decimal that is 0 or more, named in the message (`weight -1 is below 0`). */
export const nonNegative = (what: string) =>
  decimal().superRefine((value, ctx) => {
    if (value.startsWith("-")) ctx.addIssue({ code: "custom", message: `${what} ${value} is below 0` });
  });

/** Non-empty text. */
export const text = () => z.string().min(1, { error: "must not be empty" });

/** An identifier or code: non-empty text without surrounding spaces. */
export const code = () =>
  z
    .string({
      error: (i) =>
        i.input === undefined
          ? "required"
          : typeof i.input === "number"
            ? `expected text, got the number ${i.input} (quote codes in YAML, e.g. "${i.input}")`
            : `expected text, got ${describe(i.input)}`,
    })
    .min(1, { error: "must not be empty" })
    .refine((s) => s.trim() === s, { error: "must not start or end with a space" });

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: (i) => (i.input === undefined ? "required" : `expected a whole number, got ${describe(i.input)}`) })
    .int({ error: (i) => `expected a whole number, got ${describe(i.input)}` })
    .min(min, { error: (i) => `must be a whole number from ${min} to ${max}, got ${describe(i.input)}` })
    .max(max, { error: (i) => `must be a whole number from ${min} to ${max}, got ${describe(i.input)}` });

/** A fact or condition value: true/false, a number (kept as its canonical decimal string) or text. */
export const scalar = () =>
  z.union(
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
    ],
    { error: (i) => `expected true, false, a number or text, got ${describe(i.input)}` },
  );

// ---------------------------------------------------------------------------
// Tolerant readers for the relational checks, which run on the raw document
// even when parts of it are malformed, so that every problem is reported at once.

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
export function asText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
export function asDecimal(value: unknown): string | undefined {
  return typeof value === "number" || typeof value === "string" ? canonicalOf(value) : undefined;
}

/** Report every repeated value of `key(item)` in a list, at the repeated item. */
export function duplicates<T>(
  items: readonly T[],
  key: (item: T, index: number) => string | undefined,
  report: (index: number, value: string, firstIndex: number) => void,
): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item, index);
    if (k === undefined) return;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, index);
    else report(index, k, seen);
  });
}

// ---------------------------------------------------------------------------
// Naming the item a problem is about (spec 5: "a message names the item by its
// id or code as well as by its path").

type ItemRule = { list: string; name: (item: Record<string, unknown>) => string | undefined; key: string; children?: ItemRule[] };

const idOf = (prefix: string, key = "id") => (item: Record<string, unknown>) => {
  const id = asText(item[key]);
  return id === undefined ? undefined : prefix === "" ? id : `${prefix} ${id}`;
};

const ITEM_RULES: readonly ItemRule[] = [
  { list: "tariffs", key: "code", name: idOf("", "code") },
  {
    list: "providers",
    key: "id",
    name: idOf("provider"),
    children: [
      {
        list: "assessments",
        key: "module",
        name: idOf("module", "module"),
      },
    ],
  },
  { list: "fieldBest", key: "module", name: idOf("module", "module") },
  {
    list: "surcharges",
    key: "id",
    name: (s) => idOf(s.kind === "points" ? "module" : "surcharge")(s),
    children: [{ list: "criteria", key: "id", name: idOf("criterion") }],
  },
  { list: "facts", key: "id", name: idOf("fact") },
];

const ITEM_PATH = /^([A-Za-z]+)\[(\d+)\](?:\.([A-Za-z]+)\[(\d+)\])?(.*)$/;

/**
 * Prefix each issue's message with the item its path points into (`4VV: …`, `provider A, module x: …`),
 * read from the raw document. An issue about the identifier itself, or whose item has no
 * readable identifier, keeps its message as it is.
 */
export function nameItems(issues: Issue[], raw: unknown): Issue[] {
  const doc = asObject(raw);
  if (!doc) return issues;
  return issues.map((issue) => {
    const m = ITEM_PATH.exec(issue.path);
    if (!m) return issue;
    const rule = ITEM_RULES.find((r) => r.list === m[1]);
    if (!rule) return issue;
    const item = asObject(asList(doc[rule.list])[Number(m[2])]);
    if (!item) return issue;
    const names: string[] = [];
    const own = rule.name(item);
    if (own === undefined) return issue;
    names.push(own);
    let rest = m[5] ?? "";
    let keyRule: ItemRule = rule;
    if (m[3] !== undefined) {
      const childRule = rule.children?.find((c) => c.list === m[3]);
      const child = childRule ? asObject(asList(item[childRule.list])[Number(m[4])]) : undefined;
      const childName = childRule && child ? childRule.name(child) : undefined;
      if (childRule && childName !== undefined) {
        names.push(childName);
        keyRule = childRule;
      } else {
        rest = `.${m[3]}[${m[4]}]${rest}`;
      }
    }
    // A problem with an identifier itself is named by the level above it, if any.
    if (rest === `.${keyRule.key}`) names.pop();
    if (names.length === 0) return issue;
    return { path: issue.path, message: `${names.join(", ")}: ${issue.message}` };
  });
}
