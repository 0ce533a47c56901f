// A kader and tariffs for the preview's unit tests: the worked example of the
// spec (base 94 %, standaard +2 % when planIngediend, previous-year cap over
// standaard, a target-group module on 5VV/6VV) plus a compound condition and a
// relative points module without target groups.
import { parseKader, type Kader, type Tariff } from "../../../scoring";

export const TARIFFS: Tariff[] = [
  { code: "4VV", sector: "VV", label: "ZZP 4 VV", unit: "dag", max: "180", components: { NHC: "20", NIC: "3" } },
  { code: "5VV", sector: "VV", label: "ZZP 5 VV", unit: "dag", max: "260", components: { NHC: "21.5", NIC: "3.5" } },
  { code: "6VV", sector: "VV", label: "ZZP 6 VV", unit: "dag", max: "250", components: { NHC: "21.5", NIC: "3.5" } },
];

const complexeZorg = {
  id: "complexe-zorg",
  kind: "points",
  label: "Module complexe zorg V&V",
  ref: "Inkoopkader bijlage A",
  appliesTo: { prestaties: ["5VV", "6VV"] },
  targetGroups: [
    { id: "jonge-dementie", label: "Jonge mensen met dementie" },
    { id: "parkinson", label: "Mensen met Parkinson" },
  ],
  criteria: [
    { id: "visie", label: "Visie", scale: [0, 2, 4, 6, 8, 10] },
    { id: "aanpak", label: "Plan van aanpak", scale: [0, 2, 4, 6, 8, 10], minScore: 4 },
    { id: "expertise", label: "Expertise", scale: [0, 2, 4, 6, 8, 10] },
    { id: "resultaat", label: "Resultaat", scale: [0, 2, 4, 6, 8, 10] },
  ],
  threshold: 20,
  mapping: { basis: "absolute", bands: [{ from: 20, percent: 2 }, { from: 28, percent: 4 }, { from: 34, percent: 6 }] },
};

/** The spec's worked example (shared/examples/demo-kader.yaml). */
export function demoKader(extra: Record<string, unknown> = {}): Kader {
  const parsed = parseKader({
    format: "zorginkoop.kader/v1",
    id: "demo-vv-2026",
    title: "Inkoopkader V&V 2026",
    zorgkantoor: "Zorgkantoor Demo",
    year: 2026,
    baseRate: { default: 94 },
    nonNegotiable: ["NHC", "NIC"],
    previousYear: { mode: "cap", over: ["standaard"] },
    surcharges: [
      { id: "standaard", kind: "fixed", label: "Standaard opslag", ref: "par. 4.2", percent: 2, when: { fact: "planIngediend", op: "==", value: true } },
      complexeZorg,
    ],
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** The demo kader plus a compound condition and a relative module without target groups. */
export function richKader(): Kader {
  const parsed = parseKader({
    format: "zorginkoop.kader/v1",
    id: "rijk-2026",
    title: "Rijk kader",
    zorgkantoor: "Zorgkantoor Demo",
    year: 2026,
    baseRate: { default: 94 },
    nonNegotiable: ["NHC", "NIC"],
    previousYear: { mode: "cap", over: ["standaard"] },
    surcharges: [
      { id: "standaard", kind: "fixed", label: "Standaard opslag", percent: 2, when: { fact: "planIngediend", op: "==", value: true } },
      {
        id: "kwaliteit",
        kind: "fixed",
        label: "Kwaliteit",
        percent: 1,
        when: { any: [{ all: [{ fact: "kwaliteitsverslag", op: "==", value: true }, { fact: "tevredenheid", op: ">=", value: 8 }] }, { not: { fact: "planIngediend", op: "==", value: false } }] },
      },
      {
        id: "innovatie",
        kind: "points",
        label: "Innovatie",
        criteria: [
          { id: "plan", label: "Plan", weight: 2, scale: [0, 1, 2, 3, 4, 5] },
          { id: "borging", label: "Borging", scale: [0, 1, 2, 3, 4, 5], minScore: 1 },
        ],
        mapping: { basis: "relative", linear: { from: 50, to: 100, fromPercent: 0, toPercent: 1.5 } },
      },
      complexeZorg,
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

export const codes = TARIFFS.map((t) => t.code);
export const query = (entries: [string, string][]) => new URLSearchParams(entries);
