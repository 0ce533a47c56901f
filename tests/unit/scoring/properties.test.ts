// Property-based tests (fast-check) over generated kaders and inputs:
// a tariff stays between the non-negotiable part and the maximum; raising a
// score never lowers a tariff under an absolute basis; provider order does not
// change the result; the same input gives byte-identical output.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { D } from "../../../scoring/decimal";
import { resultSchema } from "../../../scoring/format/result";
import { computeTariffs, parseInputs, parseKader, score, stringifyResult, type Inputs, type Kader, type Result } from "../../../scoring/index";
import { demo } from "./helpers";

const SCALE = [0, 1, 2, 3, 4, 5];
const TEXT_UNIT = fc.constantFrom("x", "s", "\u0000", "\u0001", "\u0002", "\u0003", "\u0004", ",", "=", '"', "\\", "[", "é", "😀", " ");
const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));
const percent = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => String(c / 100));

type Doc = Record<string, unknown>;

/** A valid kader document with its inputs; `basis` fixes the points modules' basis. */
function scenario(basis: "absolute" | "relative" | "any") {
  const bands = fc
    .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 })
    .chain((froms) =>
      fc.array(fc.integer({ min: 0, max: 300 }), { minLength: froms.length, maxLength: froms.length }).map((ps) => {
        const sortedFroms = [...froms].sort((a, b) => a - b);
        const sortedPercents = [...ps].sort((a, b) => a - b);
        return { bands: sortedFroms.map((from, i) => ({ from, percent: sortedPercents[i]! / 100 })) };
      }),
    );
  const linear = fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }))
    .map(([from, span, a, b]) => ({ linear: { from, to: from + span, fromPercent: Math.min(a, b) / 100, toPercent: Math.max(a, b) / 100 } }));
  const module = fc.record({
    groups: fc.boolean(),
    criteria: fc.array(
      fc.record({ weight: fc.constantFrom(0, 0.5, 1, 2, 3), minScore: fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }) }),
      { minLength: 1, maxLength: 3 },
    ),
    threshold: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    mapping: fc.oneof(bands, linear),
    basis: basis === "any" ? fc.constantFrom("absolute", "relative") : fc.constant(basis),
    appliesToFirst: fc.boolean(),
  });
  const fixed = fc.record({
    percent: percent(5),
    when: fc.constantFrom("none", "flag", "number", "missing", "text"),
    sector: fc.option(fc.constantFrom("VV", "GHZ"), { nil: undefined }),
  });

  return fc
    .record({
      tariffs: fc.array(fc.tuple(fc.integer({ min: 1000, max: 50000 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 25 }), fc.constantFrom("VV", "GHZ")), {
        minLength: 1,
        maxLength: 4,
      }),
      maxPercent: fc.integer({ min: 800, max: 1000 }).map((x) => x / 10),
      baseShare: fc.integer({ min: 0, max: 100 }),
      percentDecimals: fc.integer({ min: 0, max: 4 }),
      fixed: fc.array(fixed, { maxLength: 2 }),
      modules: fc.array(module, { maxLength: 2 }),
      previousYear: fc.option(fc.record({ mode: fc.constantFrom("cap", "floor"), overFirst: fc.boolean() }), { nil: undefined }),
      providers: fc.array(
        fc.record({
          flag: fc.boolean(),
          number: fc.integer({ min: 0, max: 100 }),
          // Text facts from a small alphabet of separators, quotes and other scripts, so that
          // a cache keyed by joined texts would meet collisions often.
          texts: fc.array(fc.option(fc.string({ unit: TEXT_UNIT, maxLength: 4 }), { nil: undefined }), { minLength: 2, maxLength: 2 }),
          q: fc.option(percent(100), { nil: undefined }),
          scores: fc.array(fc.array(fc.array(fc.constantFrom(...SCALE), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }),
          assessed: fc.array(fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }),
          volumes: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    })
    .map((g) => {
      const tariffs = g.tariffs.map(([maxCents, nhc, nic, sector], i) => ({
        code: `T${i}`,
        sector,
        max: (maxCents / 100).toFixed(2),
        components: { NHC: ((maxCents * nhc) / 10000).toFixed(2), NIC: ((maxCents * nic) / 10000).toFixed(2) },
      }));
      // Keep N ≤ M: shares of at most 50 % + 25 %, rounded down to cents.
      for (const t of tariffs) {
        const max = Number(t.max) * 100;
        t.components.NHC = (Math.floor((max * Number(t.components.NHC)) / Number(t.max) / 100) / 100).toFixed(2);
        t.components.NIC = (Math.floor((max * Number(t.components.NIC)) / Number(t.max) / 100) / 100).toFixed(2);
      }
      const base = Math.round((g.maxPercent * g.baseShare) / 100 * 10) / 10;
      const surcharges: Doc[] = g.fixed.map((f, i) => ({
        id: `f${i}`,
        kind: "fixed",
        label: `Opslag ${i}`,
        ref: `par. ${i}`,
        percent: f.percent,
        ...(f.when === "flag" && { when: { fact: "flag", op: "==", value: true } }),
        ...(f.when === "number" && { when: { any: [{ fact: "number", op: ">=", value: 50 }, { not: { fact: "flag", op: "==", value: true } }] } }),
        ...(f.when === "missing" && { when: { fact: "absent", op: "!=", value: 1 } }),
        ...(f.when === "text" && { when: { any: [{ fact: "t1", op: "in", value: ["x", "x\u0001s"] }, { fact: "t2", op: "==", value: "s" }] } }),
        ...(f.sector && { appliesTo: { sectors: [f.sector] } }),
      }));
      g.modules.forEach((m, i) => {
        surcharges.push({
          id: `m${i}`,
          kind: "points",
          label: `Module ${i}`,
          ...(m.appliesToFirst && { appliesTo: { prestaties: ["T0"] } }),
          ...(m.groups && { targetGroups: [{ id: `m${i}-a`, label: "A" }, { id: `m${i}-b`, label: "B" }] }),
          criteria: m.criteria.map((c, j) => ({ id: `c${j}`, label: `C${j}`, weight: c.weight, scale: SCALE, ...(c.minScore !== undefined && { minScore: c.minScore }) })),
          ...(m.threshold !== undefined && { threshold: m.threshold }),
          mapping: { basis: m.basis, ...m.mapping },
        });
      });
      const kader: Doc = {
        format: "zorginkoop.kader/v1",
        id: "gegenereerd",
        title: "Gegenereerd",
        zorgkantoor: "Test",
        year: 2026,
        percentDecimals: g.percentDecimals,
        maxPercent: g.maxPercent,
        nonNegotiable: ["NHC", "NIC"],
        baseRate: { default: base },
        ...(g.previousYear && { previousYear: { mode: g.previousYear.mode, over: g.previousYear.overFirst && g.fixed.length > 0 ? ["f0"] : [] } }),
        surcharges,
      };
      const providers = g.providers.map((p, i) => ({
        id: `P${i}`,
        facts: {
          flag: p.flag,
          number: p.number,
          ...(p.texts[0] !== undefined && { t1: p.texts[0] }),
          ...(p.texts[1] !== undefined && { t2: p.texts[1] }),
        },
        ...(p.q !== undefined && { previousYearPercent: p.q }),
        assessments: g.modules.flatMap((m, mi) => {
          const groups = m.groups ? [`m${mi}-a`, `m${mi}-b`] : [undefined];
          return groups.flatMap((group, gi) =>
            p.assessed[mi]![gi]!
              ? [{ module: `m${mi}`, ...(group && { targetGroup: group }), scores: Object.fromEntries(m.criteria.map((_, ci) => [`c${ci}`, p.scores[mi]![gi]![ci]!])) }]
              : [],
          );
        }),
        ...(p.volumes !== undefined && { volumes: Object.fromEntries(tariffs.map((t) => [t.code, p.volumes!])) }),
      }));
      return { kader, inputs: { format: "zorginkoop.inputs/v1", kader: "gegenereerd", tariffs, providers } as Doc };
    });
}

function parse(docs: { kader: Doc; inputs: Doc }): { kader: Kader; inputs: Inputs } {
  const kader = parseKader(docs.kader);
  if (!kader.ok) throw new Error(`generated kader invalid: ${JSON.stringify(kader.issues)}`);
  const inputs = parseInputs(docs.inputs, kader.value);
  if (!inputs.ok) throw new Error(`generated inputs invalid: ${JSON.stringify(inputs.issues)}`);
  return { kader: kader.value, inputs: inputs.value };
}

const lineKey = (l: Result["lines"][number]) => `${l.provider}|${l.prestatie}|${l.targetGroup ?? ""}`;
const RUNS = { numRuns: 150 };

describe("properties over generated kaders and inputs", () => {
  it("a generated kader and inputs are valid, and the result is a valid result document", () => {
    fc.assert(
      fc.property(scenario("any"), (docs) => {
        const { kader, inputs } = parse(docs);
        const result = computeTariffs(kader, inputs);
        expect(resultSchema.safeParse(result).success).toBe(true);
      }),
      RUNS,
    );
  });

  it("a tariff never exceeds the maximum and never falls below the non-negotiable part", () => {
    fc.assert(
      fc.property(scenario("any"), (docs) => {
        const { kader, inputs } = parse(docs);
        for (const line of computeTariffs(kader, inputs).lines) {
          const max = line.trace.find((s) => s.step === "maximum")!.value;
          const nonNegotiable = line.trace.find((s) => s.step === "nonNegotiable")!.value;
          expect(new D(line.tariff).lte(max), `${line.tariff} ≤ ${max}`).toBe(true);
          expect(new D(line.tariff).gte(nonNegotiable), `${line.tariff} ≥ ${nonNegotiable}`).toBe(true);
          expect(new D(line.percent).lte(kader.maxPercent)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("raising a score never lowers a tariff under an absolute basis", () => {
    fc.assert(
      fc.property(scenario("absolute"), fc.nat(), fc.nat(), (docs, pick, criterion) => {
        const providers = docs.inputs.providers as { assessments: { scores: Record<string, number> }[] }[];
        const assessed = providers.flatMap((p) => p.assessments);
        fc.pre(assessed.length > 0);
        const before = parse(docs);
        const raised = structuredClone(docs);
        const assessment = (raised.inputs.providers as typeof providers).flatMap((p) => p.assessments)[pick % assessed.length]!;
        const ids = Object.keys(assessment.scores);
        const id = ids[criterion % ids.length]!;
        fc.pre(assessment.scores[id]! < 5);
        assessment.scores[id] = assessment.scores[id]! + 1;
        const after = parse(raised);
        const old = new Map(computeTariffs(before.kader, before.inputs).lines.map((l) => [lineKey(l), l.tariff]));
        for (const line of computeTariffs(after.kader, after.inputs).lines) {
          expect(new D(line.tariff).gte(old.get(lineKey(line))!), lineKey(line)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("the order of providers does not change any result", () => {
    fc.assert(
      fc.property(scenario("any"), fc.nat(), (docs, seed) => {
        const shuffled = structuredClone(docs);
        const list = shuffled.inputs.providers as unknown[];
        for (let i = list.length - 1; i > 0; i--) {
          const j = (seed + i * 7919) % (i + 1);
          [list[i], list[j]] = [list[j], list[i]];
        }
        list.reverse();
        const a = parse(docs);
        const b = parse(shuffled);
        expect(stringifyResult(computeTariffs(b.kader, b.inputs))).toBe(stringifyResult(computeTariffs(a.kader, a.inputs)));
      }),
      RUNS,
    );
  });

  it("the same input gives byte-identical output", () => {
    fc.assert(
      fc.property(scenario("any"), (docs) => {
        const a = parse(docs);
        const b = parse(structuredClone(docs));
        const first = stringifyResult(computeTariffs(a.kader, a.inputs));
        expect(stringifyResult(computeTariffs(b.kader, b.inputs))).toBe(first);
        expect(stringifyResult(computeTariffs(a.kader, a.inputs))).toBe(first);
      }),
      RUNS,
    );
  });

  it("one provider alone (--provider) gets the same lines as in the whole field", () => {
    fc.assert(
      fc.property(scenario("any"), (docs) => {
        const { kader, inputs } = parse(docs);
        const all = computeTariffs(kader, inputs);
        for (const p of inputs.providers) {
          expect(computeTariffs(kader, inputs, { provider: p.id }).lines).toEqual(all.lines.filter((l) => l.provider === p.id));
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("caches never mix providers", () => {
  it("two providers whose text facts would join to the same string keep their own outcome", () => {
    // Under a key of texts joined by a separator these two met: B got A's refusal in a full run.
    const kader = {
      format: "zorginkoop.kader/v1", id: "k", title: "K", zorgkantoor: "Z", year: 2026, baseRate: { default: 94 },
      surcharges: [{ id: "s", kind: "fixed", label: "S", percent: 5, when: { any: [{ fact: "t1", op: "==", value: "x" }, { fact: "t2", op: "==", value: "q" }] } }],
    };
    const inputs = {
      format: "zorginkoop.inputs/v1", kader: "k", tariffs: [{ code: "T", sector: "VV", max: "100.00" }],
      providers: [
        { id: "A", facts: { t1: "x\u0001s", t2: null } },
        { id: "B", facts: { t1: "x", t2: "\u0001\u0002" } },
      ],
    };
    const { kader: k, inputs: i } = parse({ kader, inputs });
    const all = computeTariffs(k, i);
    expect(all.lines.map((l) => `${l.provider} ${l.percent}`)).toEqual(["A 94", "B 99"]);
    expect(computeTariffs(k, i, { provider: "B" }).lines).toEqual(all.lines.filter((l) => l.provider === "B"));
  });
});

describe("robustness: bad input never throws and never yields a result", () => {
  const demoKader = demo.kader();
  const demoInputs = demo.inputs();

  it("reports issues (never throws) for any value given as a kader or inputs", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (kader, inputs) => {
        const scored = score(kader, inputs);
        expect(scored.ok).toBe(false);
        if (!scored.ok) for (const i of scored.issues) expect(typeof i.path === "string" && i.message.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("reports issues (never throws) for the worked example with any one value replaced", () => {
    const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
      value !== null && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) => [[...prefix, Array.isArray(value) ? Number(k) : k], ...paths(v, [...prefix, Array.isArray(value) ? Number(k) : k])])
        : [];
    const all = [...paths(demoKader).map((p) => ["kader", ...p]), ...paths(demoInputs).map((p) => ["inputs", ...p])];
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.oneof(fc.anything(), fc.constant(undefined)), (path, value) => {
        const docs = structuredClone({ kader: demoKader, inputs: demoInputs }) as Record<string, unknown>;
        let node = docs as Record<string | number, unknown>;
        for (const s of path.slice(0, -1)) node = node[s] as Record<string | number, unknown>;
        if (value === undefined) delete node[path.at(-1)!];
        else node[path.at(-1)!] = value;
        const scored = score(docs.kader, docs.inputs);
        if (scored.ok) expect(() => stringifyResult(scored.value)).not.toThrow();
        else expect(scored.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
