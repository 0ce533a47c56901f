import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { ILLUSTRATIVE_NOTE, parseAccountsFor, storeAnnualAccounts } from "../../app/services/annual-accounts.server";
import { accountsYearsInFile } from "../../app/services/imports/annual-accounts.server";
import type { Db } from "../client.server";
import { users } from "../schema";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_ACCOUNTS_FILE = path.join(here, "demo-jaarrekeningen.csv");

/**
 * Illustrative annual accounts of the demo's V&V providers, imported for Zorgkantoor Demo as its
 * inkoper would, marked as illustrative. Only when the file is there: the demo works without it.
 * Returns the year imported, or null when there was no file.
 */
export async function seedDemoAccounts(db: Db, now: Date, file = DEMO_ACCOUNTS_FILE): Promise<number | null> {
  if (!fs.existsSync(file)) return null;
  const name = path.basename(file);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const years = await accountsYearsInFile({ name, bytes });
  if (years.length !== 1) throw new Error(`demo annual accounts must name exactly one year, found ${JSON.stringify(years)}`);
  const year = years[0]!;
  const inkoper = db.select({ id: users.id, organisationId: users.organisationId }).from(users).where(eq(users.email, "inkoper@demo.zorginkoop.nl")).get()!;
  const zorgkantoorId = inkoper.organisationId!;
  const parsed = await parseAccountsFor(db, zorgkantoorId, year, { name, bytes });
  if (!parsed.ok) throw new Error(`demo annual accounts do not import: ${JSON.stringify(parsed.errors)}`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  storeAnnualAccounts(db, { zorgkantoorId, year, sourceName: name, sha256, illustrative: true, note: ILLUSTRATIVE_NOTE, rows: parsed.rows, actorUserId: inkoper.id }, now);
  return year;
}
