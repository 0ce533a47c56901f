// A kader ready for the preview, built through the services as an inkoper would:
// a tariff table, the provider registry with volumes, a kader (createKader,
// saveSettings, saveDraft) for two demo regions with a contracteerruimte.
// Used by the integration tests and by the screenshot script.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaders, organisations, users } from "../../../db/schema";
import { DEMO_ZORGKANTOOR } from "../../../db/seed/demo-organisations";
import { describeUser, type SessionUser } from "../../../app/auth/session.server";
import type { ProviderRow } from "../../../app/services/imports/provider-registry.server";
import type { TariffRow } from "../../../app/services/imports/tariff-table.server";
import { applyRegistry } from "../../../app/services/registry.server";
import { storeTariffTable } from "../../../app/services/tariff-tables.server";
import { createKader, saveDraft, saveSettings } from "../../../app/services/kaders/store.server";
import { regions } from "../../../db/schema";

/** Illustrative amounts, not the NZa's. */
export const PREVIEW_TARIFFS: TariffRow[] = [
  { code: "4VV", sector: "VV", label: "ZZP 4 VV", unit: "dag", max: "180", components: { NHC: "20", NIC: "3" } },
  { code: "5VV", sector: "VV", label: "ZZP 5 VV", unit: "dag", max: "260", components: { NHC: "21.5", NIC: "3.5" } },
  { code: "6VV", sector: "VV", label: "ZZP 6 VV", unit: "dag", max: "250", components: { NHC: "21.5", NIC: "3.5" } },
  { code: "7VV", sector: "VV", label: "ZZP 7 VV", unit: "dag", max: "285.4", components: { NHC: "21.5", NIC: "3.5" } },
  { code: "8VV", sector: "VV", label: "ZZP 8 VV", unit: "dag", max: "320.75", components: { NHC: "21.5", NIC: "3.5" } },
];

/** Demo providers (AGB codes of db/seed/demo-organisations.ts) with volumes; De Meander has none. */
export const PREVIEW_REGISTRY: ProviderRow[] = [
  { agbCode: "73730001", kvkNumber: "41100001", name: "Zorggroep De Linde", regions: ["DEMO-N", "DEMO-M"], sectors: ["VV"], previousYearPercent: "97", volumes: { "4VV": "3650", "5VV": "1825.5", "6VV": "730" } },
  { agbCode: "73730002", kvkNumber: "41100002", name: "Stichting Het Baken", regions: ["DEMO-M"], sectors: ["VV"], previousYearPercent: "95.5", volumes: { "4VV": "1000", "5VV": "500", "8VV": "365" } },
  { agbCode: "73730004", kvkNumber: "41100004", name: "Woonzorg De Meander", regions: ["DEMO-N"], sectors: ["VV"], previousYearPercent: null, volumes: {} },
  { agbCode: "73730005", kvkNumber: "41100005", name: "Zorgcentrum Eikenhof", regions: ["DEMO-M", "DEMO-Z"], sectors: ["VV"], previousYearPercent: null, volumes: { "5VV": "2190", "7VV": "912.25", "9VV": "100" } },
  { agbCode: "73730006", kvkNumber: "41100006", name: "Stichting Zonnehuis Oost", regions: ["DEMO-Z"], sectors: ["VV"], previousYearPercent: "96", volumes: { "4VV": "5000" } },
];

/** The demo kader of shared/examples plus a fixed surcharge with a compound condition and a relative points module without target groups. */
export function previewDraft(year: number): Record<string, unknown> {
  return {
    title: `Inkoopkader V&V ${year} (voorbeeld)`,
    year,
    rounding: { decimals: 2, mode: "half-up" },
    percentDecimals: 4,
    maxPercent: 100,
    nonNegotiable: ["NHC", "NIC"],
    baseRate: { default: 94, byPrestatie: { "8VV": 95 } },
    previousYear: { mode: "cap", over: ["standaard"] },
    surcharges: [
      { id: "standaard", kind: "fixed", label: "Standaard opslag bij ingediend plan", ref: "Inkoopkader par. 4.2", percent: 2, when: { fact: "planIngediend", op: "==", value: true } },
      {
        id: "kwaliteit",
        kind: "fixed",
        label: "Opslag kwaliteitsverslag",
        ref: "Inkoopkader par. 4.3",
        percent: 1,
        when: { all: [{ fact: "kwaliteitsverslag", op: "==", value: true }, { fact: "clientTevredenheid", op: ">=", value: 8 }] },
      },
      {
        id: "innovatie",
        kind: "points",
        label: "Module innovatie en arbeidsbesparing",
        ref: "Inkoopkader bijlage B",
        criteria: [
          { id: "plan", label: "Innovatieplan", weight: 2, scale: [0, 1, 2, 3, 4, 5] },
          { id: "borging", label: "Borging", weight: 1, scale: [0, 1, 2, 3, 4, 5], minScore: 1 },
        ],
        threshold: 3,
        mapping: { basis: "relative", linear: { from: 50, to: 100, fromPercent: 0, toPercent: 1.5 } },
      },
      {
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
          { id: "visie", label: "Visie en doelgroepanalyse", weight: 1, scale: [0, 2, 4, 6, 8, 10] },
          { id: "aanpak", label: "Plan van aanpak", weight: 1, scale: [0, 2, 4, 6, 8, 10], minScore: 4 },
          { id: "expertise", label: "Expertise en personeel", weight: 1, scale: [0, 2, 4, 6, 8, 10] },
          { id: "resultaat", label: "Meetbare resultaten", weight: 1, scale: [0, 2, 4, 6, 8, 10] },
        ],
        threshold: 20,
        mapping: { basis: "absolute", bands: [{ from: 20, percent: 2 }, { from: 28, percent: 4 }, { from: 34, percent: 6 }] },
      },
    ],
  };
}

export function demoInkoper(db: Db): SessionUser {
  const row = db.select({ id: users.id }).from(users).where(eq(users.email, "inkoper@demo.zorginkoop.nl")).get();
  if (!row) throw new Error("seed the demo first");
  return describeUser(db, row.id)!;
}

export function seedPreviewKader(
  db: Db,
  options: { slug?: string; year?: number; ceiling?: string; regionCodes?: string[] } = {},
): { kader: typeof kaders.$inferSelect; inkoper: SessionUser; tariffTableId: number } {
  const slug = options.slug ?? "vv-voorbeeld";
  const year = options.year ?? 2026;
  const inkoper = demoInkoper(db);
  const zk = db.select().from(organisations).where(eq(organisations.name, DEMO_ZORGKANTOOR)).get()!;
  const { tableId } = storeTariffTable(db, { zorgkantoorId: zk.id, year, sourceName: "tarieven.csv", sha256: "0".repeat(64), note: "illustratief", rows: PREVIEW_TARIFFS, actorUserId: inkoper.id });
  applyRegistry(db, { zorgkantoorId: zk.id, year, rows: PREVIEW_REGISTRY, sourceName: "register.csv", sha256: "1".repeat(64), actorUserId: inkoper.id });
  const created = createKader(inkoper, { slug, title: `Inkoopkader V&V ${year} (voorbeeld)`, year }, db);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const load = () => db.select().from(kaders).where(eq(kaders.slug, slug)).get()!;
  const codes = options.regionCodes ?? ["DEMO-N", "DEMO-M"];
  const regionIds = db.select().from(regions).where(eq(regions.zorgkantoorId, zk.id)).all().filter((r) => codes.includes(r.code)).map((r) => r.id);
  const settings = saveSettings(inkoper, load(), { tariffTableId: tableId, budgetCeiling: options.ceiling ?? "3150000", regionIds }, db);
  if (!settings.ok) throw new Error(JSON.stringify(settings.errors));
  const { issues } = saveDraft(inkoper, load(), previewDraft(year), db);
  if (issues.length > 0) throw new Error(JSON.stringify(issues));
  return { kader: load(), inkoper, tariffTableId: tableId };
}
