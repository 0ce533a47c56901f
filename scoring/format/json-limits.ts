// One linear pass over a JSON text before JSON.parse builds it: refuses nesting past the depth
// limit and repeated keys (JSON.parse silently keeps the last one), and finds numbers that a
// JavaScript number cannot hold exactly, so that they can be read as decimal strings instead
// (the format accepts a decimal string wherever it accepts a number). Syntax errors are left to
// JSON.parse, which reports them with their position.
import { canonical, canonicalOf, D } from "../decimal";
import type { Issue } from "./common";
import { MAX_DEPTH } from "./yaml-limits";

type Frame = { object: boolean; keys: Set<string> | null; expectKey: boolean };

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A JavaScript number holds every integer up to 15 digits and every decimal of up to 15
// significant digits exactly; only longer literals can change when read as one.
const SAFE_NUMBER_LENGTH = 16;

function position(source: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf("\n"); i !== -1 && i < index; i = source.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/** The JSON text to parse (lossy numbers quoted), or the first problem found. */
export function scanJson(source: string): { ok: true; text: string } | { ok: false; issue: Issue } {
  const stack: Frame[] = [];
  // Start and end of each number literal that must be read as a decimal string.
  const lossy: [number, number][] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      while (end < n) {
        const e = source.charCodeAt(end);
        if (e === 0x5c /* \ */) end += 2;
        else if (e === 0x22) break;
        else end++;
      }
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        top.expectKey = false;
        let key: string;
        try {
          key = JSON.parse(source.slice(i, end + 1)) as string;
        } catch {
          return { ok: true, text: source }; // a broken string: JSON.parse says where
        }
        if (top.keys!.has(key)) {
          return { ok: false, issue: { path: "", message: `duplicate key ${JSON.stringify(key)} at ${position(source, i)}` } };
        }
        top.keys!.add(key);
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_DEPTH) {
        return { ok: false, issue: { path: "", message: `nested too deeply: more than ${MAX_DEPTH} levels (${position(source, i)})` } };
      }
      const object = c === 0x7b;
      stack.push({ object, keys: object ? new Set() : null, expectKey: object });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source);
      if (match) {
        const literal = match[0];
        if (literal.length >= SAFE_NUMBER_LENGTH && !/[eE]/.test(literal) && canonicalOf(Number(literal)) !== canonical(new D(literal))) {
          lossy.push([i, i + literal.length]);
        }
        i += literal.length;
        continue;
      }
    }
    i++;
  }
  if (lossy.length === 0) return { ok: true, text: source };
  let text = "";
  let from = 0;
  for (const [start, end] of lossy) {
    text += source.slice(from, start) + '"' + source.slice(start, end) + '"';
    from = end;
  }
  return { ok: true, text: text + source.slice(from) };
}
