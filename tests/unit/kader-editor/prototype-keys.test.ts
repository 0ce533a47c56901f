/**
 * Field names are user input. A name with a `__proto__`, `prototype` or `constructor` segment
 * must never write onto Object.prototype (issue 7: `__proto__.x` posted to one's own editor
 * changed every other zorgkantoor's next save), and codes or kader ids spelled like those
 * keys must stay ordinary data.
 */
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { draftToModel, formToModel, formTree, modelToDraft } from "../../../app/routes/inkoop.kaders.$slug.bewerken/convert.server";
import { applyIntent } from "../../../app/routes/inkoop.kaders.$slug.bewerken/intents";
import { parseForm } from "../../../app/lib/forms";
import { getOwn, setOwn } from "../../../app/lib/safe-keys";
import { computeTariffs, parseInputs, parseKader } from "../../../scoring";
import { fullDraft } from "./fixtures";
import { formEntries, renderBody } from "./form-html";

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const FUNCTION_PROTO_KEYS = Object.getOwnPropertyNames(Function.prototype).sort();
const ARRAY_PROTO_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();

/** Object.prototype (and Function's and Array's) exactly as before. */
function expectPrototypesUntouched() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(FUNCTION_PROTO_KEYS);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_PROTO_KEYS);
  const probe = {} as Record<string, unknown>;
  for (const key of ["x", "title", "polluted", "kind", "label"]) expect(probe[key]).toBeUndefined();
}

afterEach(() => {
  // Should a test fail by polluting, do not let it poison the next ones.
  const pairs: [object, string[]][] = [
    [Object.prototype, PROTO_KEYS],
    [Function.prototype, FUNCTION_PROTO_KEYS],
    [Array.prototype, ARRAY_PROTO_KEYS],
  ];
  for (const [target, before] of pairs) {
    const proto = target as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(proto)) if (!before.includes(key)) delete proto[key];
  }
});

/** Hostile names: the forbidden segment first, in the middle, last, and in the quoted form. */
const HOSTILE_NAMES = [
  "__proto__.x",
  "__proto__.title",
  "__proto__[0]",
  "constructor.prototype.x",
  "constructor.prototype.polluted",
  "prototype.x",
  "title.__proto__.x",
  "rounding.__proto__.x",
  "rounding.constructor.prototype.x",
  "surcharges[0].__proto__.kind",
  "surcharges[0].constructor.prototype.label",
  "surcharges[0].criteria[0].__proto__.x",
  "surcharges[0].prototype",
  "baseRate.__proto__",
  "baseRate.$orig.__proto__",
  "baseRate.$orig.constructor",
  '["__proto__"].x',
  'surcharges[0]["constructor"]["prototype"].x',
  "x.__proto__",
  "constructor",
];

describe("the tree of field names", () => {
  it.each(HOSTILE_NAMES)("ignores %s and leaves Object.prototype alone", (name) => {
    const tree = formTree([
      [name, "gevaarlijk"],
      ["title", "Eigen titel"],
    ]);
    expectPrototypesUntouched();
    // Only the harmless field is read; the hostile one is nowhere in the tree.
    expect(Object.keys(tree)).toEqual(["title"]);
    expect(JSON.stringify(tree)).not.toContain("gevaarlijk");
  });

  it("builds objects without a prototype, so that a missing field is really missing", () => {
    const tree = formTree([["rounding.decimals", "2"]]);
    expect(Object.getPrototypeOf(tree)).toBeNull();
    expect(Object.getPrototypeOf(tree.rounding)).toBeNull();
    expect((tree as Record<string, unknown>).toString).toBeUndefined();
    expect((tree as Record<string, unknown>).constructor).toBeUndefined();
  });

  it("reads a whole submitted form with hostile names added as if they were not there", () => {
    const draft = fullDraft();
    const entries = formEntries(renderBody(draftToModel(draft)));
    const clean = modelToDraft(formToModel(entries)).draft;
    const hostile: [string, string][] = [...entries, ...HOSTILE_NAMES.map((n): [string, string] => [n, '"gevaarlijk"'])];
    const read = modelToDraft(formToModel(hostile)).draft;
    expectPrototypesUntouched();
    expect(read).toEqual(clean);
    // And a form without a title does not find one anywhere.
    const untitled = formToModel(entries.filter(([n]) => n !== "title"));
    expect(untitled.title).toBe("");
  });

  it("keeps a code or an unknown key spelled like a prototype key as an own, ordinary key", () => {
    const model = draftToModel({ ...fullDraft(), baseRate: { default: 90, bySector: { __proto__: 95, constructor: 96 } } });
    // JSON-like input: `__proto__` as an own key, as a parsed file gives it.
    const parsed = JSON.parse('{"title":"t","baseRate":{"default":90,"bySector":{"__proto__":95,"constructor":96}},"constructor":{"x":1}}');
    const fromFile = draftToModel(parsed);
    const back = modelToDraft(formToModel(formEntries(renderBody(fromFile)))).draft as Record<string, any>;
    expectPrototypesUntouched();
    expect(Object.hasOwn(back.baseRate.bySector, "__proto__")).toBe(true);
    expect(back.baseRate.bySector.constructor).toBe("96");
    expect(Object.getPrototypeOf(back.baseRate.bySector)).toBe(Object.prototype);
    expect(Object.hasOwn(back, "constructor")).toBe(true);
    expect(model.baseRate.bySector.map((r) => r.key)).toEqual(["constructor"]); // an object literal's `__proto__:` sets the prototype, it is no key
  });

  it("an intent on a prototype key finds nothing instead of the prototype", () => {
    const model = draftToModel(fullDraft());
    for (const intent of ["remove:constructor", "remove:__proto__", "remove:rounding.constructor", "remove:surcharges[0].constructor", "add:__proto__", "remove:toString"]) {
      const outcome = applyIntent(model, intent);
      expect(outcome.ok, intent).toBe(false);
    }
    expectPrototypesUntouched();
  });
});

describe("parseForm (every zod-parsed form)", () => {
  it("keeps fields named __proto__ or constructor as own values and never changes a prototype", () => {
    const form = new FormData();
    form.append("__proto__", "a");
    form.append("__proto__", "b");
    form.append("constructor", "c");
    form.append("naam", "");
    const result = parseForm(z.object({ naam: z.string().min(1, "Vul een naam in.") }), form);
    expectPrototypesUntouched();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.hasOwn(result.values, "__proto__")).toBe(true);
    expect(result.values.__proto__).toBe("a, b");
    expect(result.values.constructor).toBe("c");
    expect(result.errors.naam).toBe("Vul een naam in.");
    expect(Object.getPrototypeOf(result.values)).toBeNull();
  });
});

describe("safe-keys helpers", () => {
  it("setOwn writes __proto__ as an own key; getOwn never reads an inherited one", () => {
    const o: Record<string, unknown> = {};
    setOwn(o, "__proto__", { polluted: true });
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.hasOwn(o, "__proto__")).toBe(true);
    expect(getOwn({}, "constructor")).toBeUndefined();
    expect(getOwn({}, "toString")).toBeUndefined();
    expect(getOwn({ a: 1 }, "a")).toBe(1);
    expectPrototypesUntouched();
  });
});

describe("the engine with ids spelled like prototype keys", () => {
  it("scores a criterion and reads a component named constructor as data, not as Object's", () => {
    const kader = parseKader({
      format: "zorginkoop.kader/v1",
      id: "proto-2027",
      zorgkantoor: "Zorgkantoor Demo",
      title: "Prototype",
      year: 2027,
      rounding: { decimals: 2 },
      maxPercent: 100,
      nonNegotiable: ["constructor"],
      baseRate: { default: 90 },
      surcharges: [
        {
          id: "module",
          kind: "points",
          label: "Module",
          criteria: [
            { id: "constructor", label: "C", weight: 1, scale: [0, 5, 10] },
            { id: "toString", label: "T", weight: 1, scale: [0, 5, 10] },
          ],
          mapping: { basis: "absolute", bands: [{ from: 10, percent: 5 }] },
        },
      ],
    });
    expect(kader.ok).toBe(true);
    if (!kader.ok) return;
    const tariffs = [{ code: "4VV", sector: "VV", max: "200.00", components: { NHC: "20.00" } }];
    // The provider's scores leave out both criteria: missing, not Object's own members.
    const missing = parseInputs({ format: "zorginkoop.inputs/v1", kader: "proto-2027", tariffs, providers: [{ id: "A", assessments: [{ module: "module", scores: {} }] }] }, kader.value);
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.issues.map((i) => i.message)).toEqual(["provider A, module module: missing score for criterion constructor", "provider A, module module: missing score for criterion toString"]);
    const inputs = parseInputs(
      { format: "zorginkoop.inputs/v1", kader: "proto-2027", tariffs, providers: [{ id: "A", assessments: [{ module: "module", scores: { constructor: 5, toString: 5 } }] }] },
      kader.value,
    );
    expect(inputs.ok).toBe(true);
    if (!inputs.ok) return;
    const result = computeTariffs(kader.value, inputs.value);
    // No component "constructor" in the tariff: N = 0, V = 200; 90 % + 5 % → 190.00.
    expect(result.lines[0]!.tariff).toBe("190.00");
    expect(result.modules[0]!.points).toBe("10");
    expectPrototypesUntouched();
  });
});
