// Hostile kader files: each is refused before the document is built, with a message the editor
// shows in Dutch. Without the token-level check these take tens of seconds (50,000 keys or merge
// keys) or overflow the stack (deep nesting).
import { describe, expect, it } from "vitest";
import { issueMessageNl } from "../../../app/lib/kader-issues-nl";
import { parseDocument } from "../../../scoring/index";
import { MAX_DEPTH, MAX_TOKENS } from "../../../scoring/format/yaml-limits";
import { demo } from "./helpers";

function refused(text: string): string {
  const parsed = parseDocument(text);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) throw new Error("accepted");
  expect(parsed.issues).toHaveLength(1);
  return parsed.issues[0]!.message;
}

const dutch = (message: string) => issueMessageNl({ path: "", message });

describe("YAML limits in parseDocument", () => {
  it("refuses 50,000 merge keys on one anchor at the first anchor", () => {
    const text = "base: &a {x: 1}\nkader:\n" + "  <<: *a\n".repeat(50_000);
    const message = refused(text);
    expect(message).toBe("anchors (&) and aliases (*) are not allowed (line 1)");
    expect(dutch(message)).toMatch(/^Regel 1 gebruikt een YAML-anker \(&\) of -verwijzing \(\*\)\..*niet toegestaan/);
  });

  it("refuses merge keys without anchors, and aliases on their own", () => {
    expect(refused("kader:\n  title: x\n  <<: {year: 2026}\n")).toBe("merge keys (<<) are not allowed (line 3)");
    expect(refused("- {<<: {a: 1}}\n")).toBe("merge keys (<<) are not allowed (line 1)");
    expect(refused("a: 1\nb: *a\n")).toBe("anchors (&) and aliases (*) are not allowed (line 2)");
    expect(dutch("merge keys (<<) are not allowed (line 3)")).toMatch(/^Regel 3 gebruikt een YAML-samenvoegsleutel \(<<\)/);
  });

  it("still reads &, * and << inside texts, quoted keys and block scalars", () => {
    const parsed = parseDocument("title: V&V *nieuw* &co\n'<<': 1\nnote: |\n  &tekst *ster\n  <<\n");
    expect(parsed).toEqual({ ok: true, value: { title: "V&V *nieuw* &co", "<<": 1, note: "&tekst *ster\n<<\n" } });
  });

  it("refuses 50,000 keys in YAML at the token limit, where a document build would compare every pair; JSON reads them in one linear pass", () => {
    const yaml = Array.from({ length: 50_000 }, (_, i) => `k${i}: 1`).join("\n");
    const message = refused(yaml);
    expect(message).toBe(`document too large: more than ${MAX_TOKENS} YAML tokens (write a large inputs document as JSON)`);
    expect(dutch(message)).toMatch(/^Het bestand is te groot of te ingewikkeld/);
    const json = "{" + Array.from({ length: 50_000 }, (_, i) => `"k${i}": 1`).join(",") + "}";
    const parsed = parseDocument(json);
    expect(parsed.ok && Object.keys(parsed.value as object)).toHaveLength(50_000);
  });

  it("refuses deep nesting: flow brackets, indentation, and compact sequences", () => {
    expect(refused("[".repeat(1_000_000))).toBe(`nested too deeply: more than ${MAX_DEPTH} levels (line 1, column ${MAX_DEPTH + 1})`);
    expect(refused("a: " + "[".repeat(1_000_000))).toBe(`nested too deeply: more than ${MAX_DEPTH} levels (line 1)`);
    expect(refused('{"a":'.repeat(10_000) + "1" + "}".repeat(10_000))).toMatch(/^nested too deeply/);
    expect(refused(Array.from({ length: 3000 }, (_, i) => " ".repeat(i) + "a:").join("\n"))).toMatch(/^nested too deeply/);
    expect(refused("- ".repeat(10_000) + "x")).toMatch(/^nested too deeply/);
    expect(dutch(`nested too deeply: more than ${MAX_DEPTH} levels (line 7)`)).toBe(`Het bestand is op regel 7 dieper genest dan ${MAX_DEPTH} niveaus; zo diep gaat een kader nooit.`);
  });

  it("keeps refusing duplicate keys (now checked in linear time), with line and column", () => {
    expect(refused("a: 1\nb: 2\na: 3\n")).toBe('duplicate key "a" at line 3, column 1');
    expect(refused('{"a": 1, "a": 2}')).toBe('duplicate key "a" at line 1, column 10');
    // 1 and "1" are different keys, as in yaml's own check.
    expect(parseDocument("1: a\n'1': b\n").ok).toBe(true);
  });

  it("reads a document just inside the limits", () => {
    const nested = "a:\n" + Array.from({ length: MAX_DEPTH - 2 }, (_, i) => " ".repeat(2 * (i + 1)) + "a:").join("\n") + " 1\n";
    expect(parseDocument(nested).ok).toBe(true);
    expect(parseDocument("[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH)).ok).toBe(true);
    expect(parseDocument(Array.from({ length: 5000 }, (_, i) => `k${i}: 1`).join("\n")).ok).toBe(true);
    // The worked examples (read through parseDocument) pass.
    expect(demo.kader()).toBeTruthy();
    expect(demo.inputs()).toBeTruthy();
  });

  it("translates the YAML and JSON libraries' own messages instead of quoting them in English", () => {
    expect(dutch("YAML syntax error at line 2, column 1: Tabs are not allowed as indentation")).toBe(
      "Syntaxfout in het YAML-bestand op regel 2, kolom 1: tabs zijn in YAML niet toegestaan als inspringing; gebruik spaties.",
    );
    expect(dutch("JSON syntax error at line 1, column 9: Expected ',' or '}' after property value")).toBe(
      "Syntaxfout in het JSON-bestand op regel 1, kolom 9: een teken staat op een plek waar het niet mag.",
    );
    expect(dutch("YAML syntax error at line 4, column 2: Something the library says")).toBe("Syntaxfout in het YAML-bestand op regel 4, kolom 2.");
  });
});
