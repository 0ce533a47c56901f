// Limits checked on YAML's tokens before a document is built. Building is far from linear:
// every key of a map is compared with every earlier one (50,000 keys take tens of seconds),
// aliases and merge keys copy whole subtrees, and deep nesting recurses. The lexer is linear and
// lazy, so this check stops at the first problem or at the token limit. Kader and input
// documents need none of anchors, aliases or merge keys; they only make a document unreadable.
import YAML from "yaml";
import type { Issue } from "./common";

/** Tokens, spaces and newlines included: ~650 for the demo kader; 100,000 is some 150 kB of YAML. */
export const MAX_TOKENS = 100_000;
/** Nesting of flow collections (`[`, `{`) and of block levels by indentation. */
export const MAX_DEPTH = 64;
const MAX_INDENT = 2 * MAX_DEPTH;

export function yamlLimitIssue(source: string): Issue | null {
  let tokens = 0;
  let line = 1;
  let flowDepth = 0;
  let atLineStart = true;
  let lineIndicators = 0;
  // The token after a scalar marker (\x1f) is a plain scalar's text, and after a block scalar
  // header (| or >) the block's text follows: neither is syntax, whatever its first character.
  let textFollows = false;
  let blockScalar = false;
  for (const token of new YAML.Lexer().lex(source)) {
    if (++tokens > MAX_TOKENS) return { path: "", message: `document too large: more than ${MAX_TOKENS} YAML tokens (write a large inputs document as JSON)` };
    const at = line;
    for (let i = token.indexOf("\n"); i !== -1; i = token.indexOf("\n", i + 1)) line++;
    if (textFollows) {
      textFollows = false;
      if (token === "<<") return { path: "", message: `merge keys (<<) are not allowed (line ${at})` };
      continue;
    }
    const type = YAML.CST.tokenType(token);
    if (blockScalar) {
      // Header, its comment, its line break; then one token with the block's text.
      if (type === "newline") continue;
      if (type === "space" || type === "comment") continue;
      blockScalar = false;
      if (type === null || type === "anchor" || type === "alias") continue;
    }
    switch (type) {
      case "scalar":
        textFollows = true;
        break;
      case "block-scalar-header":
        blockScalar = true;
        break;
      case "anchor":
      case "alias":
        return { path: "", message: `anchors (&) and aliases (*) are not allowed (line ${at})` };
      case "flow-map-start":
      case "flow-seq-start":
        if (++flowDepth > MAX_DEPTH) return { path: "", message: `nested too deeply: more than ${MAX_DEPTH} levels (line ${at})` };
        break;
      case "flow-map-end":
      case "flow-seq-end":
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case "seq-item-ind":
      case "explicit-key-ind":
        // `- - - x` nests on one line.
        if (++lineIndicators > MAX_DEPTH) return { path: "", message: `nested too deeply: more than ${MAX_DEPTH} levels (line ${at})` };
        break;
      case "space":
        if (atLineStart && token.length > MAX_INDENT) return { path: "", message: `nested too deeply: more than ${MAX_DEPTH} levels (line ${at})` };
        break;
    }
    atLineStart = type === "newline";
    if (atLineStart) lineIndicators = 0;
  }
  return null;
}
