import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { describeUser } from "../../app/auth/session.server";
import { publishKader } from "../../app/services/kaders/publication.server";
import { createKader, saveDraft, saveSettings } from "../../app/services/kaders/store.server";
import { parseTariffTable } from "../../app/services/imports/tariff-table.server";
import { applyRegistry } from "../../app/services/registry.server";
import { storeTariffTable } from "../../app/services/tariff-tables.server";
import { parseDocument } from "../../scoring";
import type { Db } from "../client.server";
import { kaders, regions, users } from "../schema";
import { DEMO_PROVIDERS } from "./demo-organisations";

const here = path.dirname(fileURLToPath(import.meta.url));
const DAY = 24 * 60 * 60 * 1000;

/** Illustrative registry figures for the V&V providers (volumes in days a year). */
export const DEMO_VOLUMES: Record<string, { volumes: Record<string, string>; previousYearPercent: string | null }> = {
  "73730001": { volumes: { "4VV": "3650", "5VV": "1825", "6VV": "730" }, previousYearPercent: "97" },
  "73730002": { volumes: { "4VV": "1000", "5VV": "500" }, previousYearPercent: "95" },
  "73730003": { volumes: { "4VV": "2190" }, previousYearPercent: null },
  "73730004": { volumes: { "4VV": "1460", "5VV": "2920", "6VV": "1095" }, previousYearPercent: "96" },
  "73730005": { volumes: { "5VV": "4380", "6VV": "2555" }, previousYearPercent: "95.5" },
  "73730006": { volumes: { "4VV": "730", "6VV": "365" }, previousYearPercent: "94" },
  "73730007": { volumes: { "4VV": "1825", "5VV": "1460" }, previousYearPercent: "96.5" },
};

/**
 * The published demo kader: the worked example of the kader format, on an illustrative tariff
 * table, with the registry filled for its year, open for submissions from yesterday for four weeks.
 */
export async function seedDemoKader(db: Db, now: Date): Promise<void> {
  const inkoperId = db.select({ id: users.id }).from(users).where(eq(users.email, "inkoper@demo.zorginkoop.nl")).get()!.id;
  const inkoper = describeUser(db, inkoperId)!;
  const zorgkantoorId = inkoper.organisation!.id;

  const csvName = "nza-tarieven-2026-voorbeeld.csv";
  const bytes = new Uint8Array(fs.readFileSync(path.join(here, csvName)));
  const parsedTable = await parseTariffTable({ name: csvName, bytes });
  if (!parsedTable.ok) throw new Error(`demo tariff table does not import: ${JSON.stringify(parsedTable.errors)}`);
  const { tableId } = storeTariffTable(
    db,
    { zorgkantoorId, year: 2026, sourceName: csvName, sha256: "demo", note: "Illustratieve cijfers, niet de gepubliceerde NZa-tarieven", rows: parsedTable.rows, actorUserId: inkoper.id },
    now,
  );

  const rows = DEMO_PROVIDERS.filter((p) => DEMO_VOLUMES[p.agbCode]).map((p) => ({
    agbCode: p.agbCode,
    kvkNumber: p.kvkNumber,
    name: p.name,
    regions: p.regions,
    sectors: p.sectors as ("VV" | "GHZ" | "GGZ")[],
    volumes: DEMO_VOLUMES[p.agbCode]!.volumes,
    previousYearPercent: DEMO_VOLUMES[p.agbCode]!.previousYearPercent,
  }));
  applyRegistry(db, { zorgkantoorId, year: 2026, rows, sourceName: "demo", sha256: "demo", actorUserId: inkoper.id }, now);

  const document = parseDocument(fs.readFileSync(path.join(here, "demo-kader.yaml"), "utf8"));
  if (!document.ok) throw new Error("demo kader does not parse");
  const draft = document.value as Record<string, unknown>;
  const created = createKader(inkoper, { slug: String(draft.id), title: String(draft.title), year: Number(draft.year) }, db, now);
  if (!created.ok) throw new Error(`demo kader not created: ${JSON.stringify(created.errors)}`);
  const load = () => db.select().from(kaders).where(eq(kaders.slug, created.slug)).get()!;
  saveDraft(inkoper, load(), draft, db, now);
  const regionIds = db.select({ id: regions.id }).from(regions).where(eq(regions.zorgkantoorId, zorgkantoorId)).all().map((r) => r.id);
  const settings = saveSettings(inkoper, load(), { tariffTableId: tableId, budgetCeiling: "6000000.00", regionIds }, db);
  if (!settings.ok) throw new Error(`demo kader settings refused: ${JSON.stringify(settings.errors)}`);
  const published = publishKader(
    inkoper,
    load(),
    {
      opensAt: new Date(now.getTime() - DAY),
      closesAt: new Date(now.getTime() + 28 * DAY),
      questionsUntil: new Date(now.getTime() + 14 * DAY),
    },
    db,
    now,
  );
  if (!published.ok) throw new Error(`demo kader not published: ${JSON.stringify(published)}`);
}
