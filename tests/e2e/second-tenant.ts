/**
 * A second zorgkantoor for the e2e server, seeded by the global setup straight into the database
 * (through the same services the forms use) before the server starts: its own region, inkoper,
 * beoordelaar, jurist, a provider with an account in its region, a tariff table, a concept kader
 * and a published kader. Tenant A is the demo (Zorgkantoor Demo).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { describeUser, type SessionUser } from "../../app/auth/session.server";
import { parseTariffTable } from "../../app/services/imports/tariff-table.server";
import { publishKader } from "../../app/services/kaders/publication.server";
import { createKader, saveDraft, saveSettings } from "../../app/services/kaders/store.server";
import { createOrganisation, createRegion } from "../../app/services/organisations.server";
import { storeTariffTable } from "../../app/services/tariff-tables.server";
import { createUser } from "../../app/services/users.server";
import type { Db } from "../../db/client.server";
import { kaders, users } from "../../db/schema";
import { parseDocument } from "../../scoring";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DAY = 24 * 60 * 60 * 1000;

export const TENANT_B = {
  zorgkantoor: "Zorgkantoor Tweede (e2e)",
  region: { code: "TWEE-1", name: "Tweede Oost" },
  provider: { name: "Zorg Tweede BV", agbCode: "99990002", kvkNumber: "99990002" },
  emails: {
    inkoperB: "inkoper@tweede.e2e.zorginkoop.nl",
    beoordelaarB: "beoordelaar@tweede.e2e.zorginkoop.nl",
    juristB: "jurist@tweede.e2e.zorginkoop.nl",
    aanbiederB: "aanbieder@tweede.e2e.zorginkoop.nl",
  },
  publishedSlug: "tweede-vv-2026",
  conceptSlug: "tweede-vv-2027",
} as const;

function must<T extends { ok: boolean }>(what: string, result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`second tenant: ${what} refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

export async function seedSecondTenant(db: Db, password: string, now = new Date()): Promise<void> {
  const beheerderId = db.select({ id: users.id }).from(users).where(eq(users.email, "beheerder@demo.zorginkoop.nl")).get()!.id;
  const beheerder = describeUser(db, beheerderId)!;
  const zorgkantoorId = must("zorgkantoor", createOrganisation(beheerder, { kind: "zorgkantoor", name: TENANT_B.zorgkantoor }, db)).id;
  const regionId = must("region", createRegion(beheerder, { zorgkantoorId, ...TENANT_B.region }, db)).id;
  const providerId = must(
    "provider",
    createOrganisation(beheerder, { kind: "zorgaanbieder", ...TENANT_B.provider, sectors: ["VV"], regionIds: [regionId] }, db),
  ).id;
  const account = async (email: string, role: "inkoper" | "beoordelaar" | "jurist" | "zorgaanbieder", organisationId: number): Promise<SessionUser> => {
    const { id } = must(email, await createUser(beheerder, { email, name: email.split("@")[0]!, roles: [role], organisationId, password }, db));
    return describeUser(db, id)!;
  };
  const inkoper = await account(TENANT_B.emails.inkoperB, "inkoper", zorgkantoorId);
  await account(TENANT_B.emails.beoordelaarB, "beoordelaar", zorgkantoorId);
  await account(TENANT_B.emails.juristB, "jurist", zorgkantoorId);
  await account(TENANT_B.emails.aanbiederB, "zorgaanbieder", providerId);

  const csvName = "nza-tarieven-2026-voorbeeld.csv";
  const parsed = await parseTariffTable({ name: csvName, bytes: new Uint8Array(fs.readFileSync(path.join(ROOT, "tests/fixtures/imports", csvName))) });
  if (!parsed.ok) throw new Error("second tenant: tariff table does not parse");
  const { tableId } = storeTariffTable(db, { zorgkantoorId, year: 2026, sourceName: csvName, sha256: "e2e", note: "Illustratief", rows: parsed.rows, actorUserId: inkoper.id }, now);

  const document = parseDocument(fs.readFileSync(path.join(ROOT, "db/seed/demo-kader.yaml"), "utf8"));
  if (!document.ok) throw new Error("second tenant: demo kader does not parse");
  const load = (slug: string) => db.select().from(kaders).where(eq(kaders.slug, slug)).get()!;
  for (const slug of [TENANT_B.conceptSlug, TENANT_B.publishedSlug]) {
    const draft = { ...(document.value as Record<string, unknown>), title: `Kader ${slug}` };
    must(slug, createKader(inkoper, { slug, title: `Kader ${slug}`, year: 2026 }, db, now));
    saveDraft(inkoper, load(slug), draft, db, now);
    must(`${slug} settings`, saveSettings(inkoper, load(slug), { tariffTableId: tableId, budgetCeiling: "1000000.00", regionIds: [regionId] }, db));
  }
  must(
    "publication",
    publishKader(
      inkoper,
      load(TENANT_B.publishedSlug),
      { opensAt: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + 28 * DAY), questionsUntil: new Date(now.getTime() + 14 * DAY) },
      db,
      now,
    ),
  );
}
