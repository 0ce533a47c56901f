import { describe, expect, it } from "vitest";
import { describePath, issueMessageNl, issueToDutch, translateMessage } from "../../../app/lib/kader-issues-nl";
import { parseDocument, parseInputs, parseKader, type Issue } from "../../../scoring";
import { checkPrestatieReferences } from "../../../app/services/kaders/tariff-check";
import { IDENTITY, fullDraft } from "./fixtures";

/** Drafts that between them make the engine say every kind of thing it says about a kader. */
function brokenDrafts(): unknown[] {
  const base = () => ({ ...fullDraft(), ...IDENTITY }) as Record<string, any>;
  const drafts: Record<string, any>[] = [];
  let d = base();
  d.format = "zorginkoop.inputs/v1";
  d.id = "Geen Slug";
  d.title = "";
  d.year = 1999.5;
  d.rounding = { decimals: 11, mode: "down" };
  d.percentDecimals = "4";
  d.maxPercent = "101";
  d.nonNegotiable = ["NHC", "NHC", 5];
  d.baseRate = { default: "120", bySector: { "": "95", GGZ: "x", " A": "1" }, byPrestatie: { "5VV": true } };
  d.previousYear = { mode: "max", over: ["bestaat-niet", "standaard", "standaard"] };
  d.treshold = 1;
  drafts.push(d);
  d = base();
  d.year = undefined;
  d.baseRate = { default: "-1" };
  d.previousYear = { over: [] };
  d.surcharges = [
    { id: "a", kind: "fixed", label: "A", percent: "-2", when: { fact: "x", op: "=", value: 1 } },
    { id: "a", kind: "bonus" },
    { kind: "fixed", id: " b", label: "B", percent: "1e5", when: { fact: "x", op: "in", value: 3 } },
    { id: "c", kind: "fixed", label: "C", percent: "1", when: { fact: "x", op: "==", value: [1] } },
    { id: "d", kind: "fixed", label: "D", percent: "1", when: { fact: "x", op: "<", value: "veel" } },
    { id: "e", kind: "fixed", label: "E", percent: "1", when: { all: [] } },
    { id: "f", kind: "fixed", label: "F", percent: "1", when: "planIngediend == true" },
    { id: "g", kind: "fixed", label: "G", percent: "1", when: { fact: "x", op: "==", value: { a: 1 } } },
    { id: "h", kind: "fixed", label: "H", percent: "1", when: { fact: 2026, op: "==", value: null } },
    { id: "i", kind: "fixed", label: "I", percent: "1234567890123456", appliesTo: { sectors: "VV" } },
    { id: "j", kind: "fixed", label: "J", percent: "1.123456789012345678901" },
    { id: "k", kind: "fixed", label: "K" },
    "geen object",
    { id: "m", kind: "points", label: "M", targetGroups: [{ id: "jonge-dementie", label: "x" }, { id: "jonge-dementie", label: "y" }], criteria: [
      { id: "c", label: "C", weight: "-1", scale: [4, 2] },
      { id: "c", label: "D", scale: [] },
    ], mapping: { basis: "rel", bands: [{ from: 10, percent: 4 }, { from: 5, percent: 2 }] } },
    { id: "n", kind: "points", label: "N", criteria: [{ id: "c", label: "C", scale: [1] }], mapping: { basis: "absolute" } },
    { id: "o", kind: "points", label: "O", criteria: [{ id: "c", label: "C", scale: [1] }], mapping: { basis: "absolute", bands: [{ from: 1, percent: 1 }], linear: { from: 5, to: 1, fromPercent: 3, toPercent: 1 } } },
    { id: "p", kind: "points", label: "P", criteria: [{ id: "c", label: "C", scale: [1] }], mapping: {} },
    { id: "q", kind: "points", label: "Q", criteria: [{ id: "c", label: "C", scale: [1] }] },
    { id: "r", label: "R" },
  ];
  drafts.push(d);
  drafts.push({ ...base(), surcharges: { a: 1 }, baseRate: undefined });
  drafts.push({ ...base(), nonNegotiable: "NHC", rounding: [], year: "2027" });
  return drafts;
}

function engineIssues(): Issue[] {
  const issues: Issue[] = [];
  for (const draft of brokenDrafts()) {
    const parsed = parseKader(draft);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) issues.push(...parsed.issues);
  }
  const valid = parseKader({ ...fullDraft(), ...IDENTITY });
  if (!valid.ok) throw new Error("fixture should be valid");
  issues.push(...checkPrestatieReferences(valid.value, new Set(["4VV"])));
  for (const text of ["a: [1, 2", '{"a": 1,}', "a: 1\na: 2\n", "\tfoo: [", "{ \"a\": }"]) {
    const doc = parseDocument(text);
    if (!doc.ok) issues.push(...doc.issues);
  }
  return issues;
}

describe("Dutch issue messages", () => {
  it("has a Dutch pattern for every message the engine gives on broken kaders and files", () => {
    const issues = engineIssues();
    expect(issues.length).toBeGreaterThan(60);
    const untranslated = [...new Set(issues.map((i) => i.message).filter((m) => translateMessage(m) === null))];
    expect(untranslated).toEqual([]);
  });

  it("renders the spec's examples", () => {
    expect(issueMessageNl({ path: "surcharges[1].mapping.bands[2].from", message: "bands must ascend" })).toBe(
      "De schijven moeten oplopen: elke ‘vanaf’ hoger dan die van de schijf ervoor.",
    );
    expect(issueMessageNl({ path: "baseRate.default", message: 'expected a number or a decimal string like "250.12", got "abc"' })).toBe(
      'Vul een getal in, bijvoorbeeld 94 of 94,5 (nu: "abc").',
    );
    expect(issueMessageNl({ path: "baseRate.default", message: 'expected a number or a decimal string like "250.12", got nothing' })).toBe("Vul een getal in, bijvoorbeeld 94 of 94,5.");
    expect(issueMessageNl({ path: "baseRate.default", message: "base rate 96.5 is above maxPercent 95" })).toBe("Het basistarief 96,5 % ligt boven het maximumpercentage 95 %.");
    expect(issueMessageNl({ path: "surcharges[0].when.op", message: 'unknown operator "=", expected one of == != < <= > >= in' })).toBe(
      'Onbekende vergelijking "="; kies een van == != < <= > >= in.',
    );
    expect(issueMessageNl({ path: "surcharges[2].appliesTo.prestaties[0]", message: "unknown prestatie 11VV (not in the tariff table)" })).toBe(
      "Onbekende prestatie 11VV: die staat niet in de tarieftabel van dit kader.",
    );
    expect(issueMessageNl({ path: "", message: "YAML syntax error at line 3, column 5: Map keys must be unique" })).toBe(
      "Syntaxfout in het YAML-bestand op regel 3, kolom 5: een sleutel komt twee keer voor.",
    );
    expect(issueMessageNl({ path: "surcharges[1].mapping.basis", message: 'unknown value "x", expected absolute or relative' })).toBe(
      'Onbekende waarde "x"; kies absoluut (absolute) of relatief (relative).',
    );
  });

  it("falls back to a Dutch sentence that names the field, without the engine's English", () => {
    const message = issueMessageNl({ path: "surcharges[1].criteria[0].weight", message: "Something new went wrong" }, { surcharges: [undefined, "Module complexe zorg"] });
    expect(message).toBe("Deze waarde voldoet niet aan het kaderformaat. Controleer ‘Opslag 2 (Module complexe zorg) › criterium 1 › gewicht’.");
  });

  it("leaves the parser's English out of syntax errors it cannot say in Dutch", () => {
    expect(issueMessageNl({ path: "", message: "YAML syntax error at line 2, column 1: Some parser detail" })).toBe("Syntaxfout in het YAML-bestand op regel 2, kolom 1.");
    expect(issueMessageNl({ path: "", message: "JSON syntax error: Bad control character in string literal" })).toBe("Syntaxfout in het JSON-bestand.");
  });

  it("names keys spelled like Object's members as they are, never as Object's own", () => {
    expect(describePath("constructor")).toBe("Constructor");
    expect(describePath("surcharges[0].toString")).toBe("Opslag 1 › toString");
    expect(describePath("baseRate.bySector.__proto__")).toBe("Basistarief › per sector › __proto__");
    expect(issueMessageNl({ path: "x", message: "expected constructor, got 5" })).toBe("Verwacht een geldige waarde, maar dit is 5.");
  });

  it("describes paths in words", () => {
    expect(describePath("surcharges[1].mapping.bands[2].from")).toBe("Opslag 2 › omzetting › schijf 3 › vanaf");
    expect(describePath("surcharges[0].when.any[1].not.value")).toBe("Opslag 1 › voorwaarde › regel 2 › niet › waarde");
    expect(describePath("baseRate.bySector.GGZ")).toBe("Basistarief › per sector › GGZ");
    expect(describePath('baseRate.bySector[""]')).toBe("Basistarief › per sector › (lege code)");
    expect(describePath("previousYear.over[0]")).toBe("Vorig-jaarregel › opslag 1");
    expect(describePath("treshold")).toBe("Treshold");
    expect(describePath("")).toBe("Het kader als geheel");
    expect(issueToDutch({ path: "year", message: "required" })).toEqual({ path: "year", where: "Jaar", message: "Verplicht: vul dit in." });
  });
});

describe("Dutch messages for the preview's inputs", () => {
  /** Inputs documents that between them make the engine say every kind of thing it says about inputs. */
  function inputsIssues(): Issue[] {
    const kader = parseKader({
      ...fullDraft(),
      ...IDENTITY,
      previousYear: undefined,
      surcharges: [
        { id: "vast", kind: "fixed", label: "Vast", percent: 1 },
        {
          id: "module",
          kind: "points",
          label: "Module",
          targetGroups: [{ id: "groep", label: "Groep" }],
          criteria: [{ id: "visie", label: "Visie", scale: [0, 5, 10] }],
          mapping: { basis: "absolute", bands: [{ from: 5, percent: 1 }] },
        },
        { id: "los", kind: "points", label: "Los", criteria: [{ id: "c", label: "C", scale: [0, 1] }], mapping: { basis: "relative", bands: [{ from: 5, percent: 1 }] } },
      ],
    });
    if (!kader.ok) throw new Error(JSON.stringify(kader.issues));
    const issues: Issue[] = [];
    const tariff = { code: "4VV", sector: "VV", max: "180.001", components: { NHC: "200", NIC: "-1" } };
    const documents: unknown[] = [
      {
        format: "zorginkoop.inputs/v2",
        kader: "ander-kader",
        tariffs: [tariff, tariff],
        providers: [
          {
            id: "A",
            prestaties: ["4VV", "4VV", "9VV"],
            volumes: { "9VV": 1, "4VV": -1 },
            previousYearPercent: -1,
            facts: { x: [1] },
            assessments: [
              { module: "vast", scores: {} },
              { module: "bestaat-niet", scores: {} },
              { module: "module", scores: { visie: 5 } },
              { module: "module", targetGroup: "andere", scores: { visie: 5 } },
              { module: "los", targetGroup: "groep", scores: { c: 3, extra: 1 } },
              { module: "module", targetGroup: "groep", scores: {} },
              { module: "module", targetGroup: "groep", scores: { visie: 5 } },
            ],
          },
          { id: "A", name: 5, volumes: { "4VV": 1 }, prestaties: [] },
        ],
        fieldBest: [
          { module: "los", points: 1 },
          { module: "los", points: 2 },
        ],
      },
      { format: "zorginkoop.inputs/v1", kader: IDENTITY.id, tariffs: [{ code: "4VV", sector: "VV", max: 1e400 }], providers: [{ id: "B", facts: { y: Infinity } }] },
    ];
    for (const doc of documents) {
      const parsed = parseInputs(doc, kader.value);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) issues.push(...parsed.issues);
    }
    issues.push({ path: "provider", message: "unknown provider X" });
    return issues;
  }

  it("has a Dutch pattern for every message the engine gives on broken inputs", () => {
    const issues = inputsIssues();
    expect(issues.length).toBeGreaterThan(20);
    const untranslated = [...new Set(issues.map((i) => i.message).filter((m) => translateMessage(m) === null))];
    expect(untranslated).toEqual([]);
  });

  it("no English engine word reaches a rendered message or place, for kaders and inputs alike", () => {
    // Quoted values and format names are the user's or the format's own words.
    const words = (text: string) => text.replace(/"[^"]*"|zorginkoop\.[a-z]+\/v\d+/g, "");
    const offenders: string[] = [];
    for (const issue of [...engineIssues(), ...inputsIssues()]) {
      const nl = issueToDutch(issue);
      if (ENGLISH.test(words(nl.message))) offenders.push(`${issue.message} → ${nl.message}`);
      if (ENGLISH.test(words(nl.where))) offenders.push(`${issue.path} → ${nl.where}`);
    }
    expect(offenders).toEqual([]);
  });
});

/** Words the engine's messages and paths use that a Dutch sentence never does. */
const ENGLISH = /\b(expected|got|must|unknown|duplicate|required|above|below|missing|among|inputs|providers|assessments|tariffs|fieldBest|surcharges|criteria|nothing|should|invalid|not a|takes|needs|has|have|is not|the|for|with|scale must|keys)\b/i;
