/** Kader drafts for the editor tests: every element of the format, as the editor keeps it. */
export const IDENTITY = { format: "zorginkoop.kader/v1", id: "wlz-2027", zorgkantoor: "Zorgkantoor Demo" } as const;

/** Every element of the kader format; numbers as decimal strings (whole numbers where the format wants them). */
export function fullDraft(): Record<string, unknown> {
  return {
    title: "Inkoopkader Wlz 2027",
    year: 2027,
    rounding: { decimals: 2, mode: "half-up" },
    percentDecimals: 4,
    maxPercent: "100",
    nonNegotiable: ["NHC", "NIC"],
    baseRate: { default: "94.5", bySector: { GGZ: "95", GHZ: "94.75" }, byPrestatie: { "10VV": "96" } },
    previousYear: { mode: "floor", over: ["standaard", "kwaliteit"] },
    surcharges: [
      {
        id: "standaard",
        kind: "fixed",
        label: "Standaard opslag bij ingediend plan",
        ref: "Inkoopkader par. 4.2",
        percent: "2",
        when: { fact: "planIngediend", op: "==", value: true },
        appliesTo: { sectors: ["VV"] },
      },
      {
        id: "kwaliteit",
        kind: "fixed",
        label: "Kwaliteit",
        percent: "0.5",
        when: {
          any: [
            { fact: "keurmerk", op: "in", value: ["HKZ", "ISO 9001"] },
            { not: { fact: "verzuim", op: ">", value: "6.5" } },
            { fact: "tevredenheid", op: ">=", value: "8" },
            { fact: "regio", op: "!=", value: "Noord" },
            { fact: "wachtlijst", op: "<", value: "1" },
            { fact: "meldingen", op: "<=", value: "2" },
            { not: { fact: "sanctie", op: "==", value: false } },
            { fact: "klasse", op: "in", value: ["1.5", "2"] },
          ],
        },
        appliesTo: { sectors: ["VV", "GHZ"], prestaties: ["5VV", "6VV"] },
      },
      {
        id: "complexe-zorg",
        kind: "points",
        label: "Module complexe zorg",
        ref: "Inkoopkader bijlage A",
        appliesTo: { prestaties: ["5VV"] },
        targetGroups: [
          { id: "jonge-dementie", label: "Jonge mensen met dementie" },
          { id: "parkinson", label: "Mensen met Parkinson" },
        ],
        criteria: [
          { id: "visie", label: "Visie", weight: "1", scale: ["0", "2", "4"] },
          { id: "aanpak", label: "Plan van aanpak", weight: "2.5", scale: ["0", "2.5", "5"], minScore: "2.5" },
        ],
        threshold: "5",
        mapping: { basis: "absolute", bands: [{ from: "5", percent: "2" }, { from: "10", percent: "4" }] },
      },
      {
        id: "innovatie",
        kind: "points",
        label: "Innovatie",
        criteria: [{ id: "plan", label: "Innovatieplan", scale: ["1", "2", "3", "4", "5"] }],
        mapping: { basis: "relative", linear: { from: "20", to: "100", fromPercent: "0", toPercent: "3" } },
      },
    ],
  };
}

export const TARIFFS = {
  sectors: ["GGZ", "GHZ", "VV"],
  prestaties: [
    { code: "4VV", sector: "VV", label: "ZZP 4 VV" },
    { code: "5VV", sector: "VV", label: "ZZP 5 VV" },
    { code: "6VV", sector: "VV", label: "ZZP 6 VV" },
    { code: "10VV", sector: "VV", label: "ZZP 10 VV" },
  ],
};
