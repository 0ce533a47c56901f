import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { hashPassword } from "../../app/auth/password.server";
import { appendAudit } from "../audit.server";
import type { Db } from "../client.server";
import { organisations, providerRegions, regions, userRoles, users } from "../schema";
import { seedDemoAccounts } from "./demo-accounts";
import { seedAssessmentDemoKader } from "./demo-assessment-kader";
import { seedDemoKader } from "./demo-kader";
import { DEMO_ACCOUNTS, DEMO_PROVIDERS, DEMO_REGIONS, DEMO_ZORGKANTOOR } from "./demo-organisations";

export type DemoInfo = { seeded: boolean; describe: () => string[] };

/**
 * Seeds the demo into an empty database (no organisations yet); leaves a used one alone.
 * Without DEMO_PASSWORD a password is generated and kept beside the database file (it is
 * demo data, and the logins must be printable at every start).
 */
export async function ensureDemoData(db: Db, options: { file: string; password?: string; now?: Date; assessmentExample?: boolean }): Promise<DemoInfo> {
  const credentialsFile = options.file === ":memory:" ? null : path.join(path.dirname(path.resolve(options.file)), "demo-password.txt");
  const existing = db.select({ n: count() }).from(organisations).get()!.n;
  if (existing > 0) {
    const stored = credentialsFile && fs.existsSync(credentialsFile) ? fs.readFileSync(credentialsFile, "utf8").trim() : undefined;
    return { seeded: false, describe: () => describeLogins(options.password ?? stored) };
  }
  const password = options.password ?? randomBytes(9).toString("base64url");
  if (!options.password && credentialsFile) fs.writeFileSync(credentialsFile, `${password}\n`, { mode: 0o600 });
  const passwordHash = await hashPassword(password);
  const now = options.now ?? new Date();
  seedDemo(db, passwordHash, now);
  // Accounts first: publishing the demo kaders then runs and stores their reële-tarieventoets.
  await seedDemoAccounts(db, now);
  await seedDemoKader(db, now);
  // The opened kader for the assessment (issue 11): `npm start` and the browser tests seed it;
  // the integration tests that build on the demo see the one open kader they were written for.
  if (options.assessmentExample) await seedAssessmentDemoKader(db, now);
  return { seeded: true, describe: () => describeLogins(password) };
}

function describeLogins(password: string | undefined): string[] {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    "Demo-logins:",
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.roles.join(", ")}${a.organisation ? ` (${a.organisation})` : ""}`),
    password
      ? `Wachtwoord voor alle demo-logins: ${password}`
      : "Wachtwoord: zoals bij de eerste start getoond (of zet DEMO_PASSWORD bij een nieuwe database).",
  ];
}

export function seedDemo(db: Db, passwordHash: string, now: Date): void {
  db.transaction(
    (tx) => {
      const orgIds = new Map<string, number>();
      const zk = tx.insert(organisations).values({ kind: "zorgkantoor", name: DEMO_ZORGKANTOOR, sectors: ["VV", "GHZ", "GGZ"], createdAt: now }).returning({ id: organisations.id }).get();
      orgIds.set(DEMO_ZORGKANTOOR, zk.id);
      const regionIds = new Map<string, number>();
      for (const r of DEMO_REGIONS) {
        regionIds.set(r.code, tx.insert(regions).values({ ...r, zorgkantoorId: zk.id }).returning({ id: regions.id }).get().id);
      }
      for (const p of DEMO_PROVIDERS) {
        const id = tx
          .insert(organisations)
          .values({ kind: "zorgaanbieder", name: p.name, agbCode: p.agbCode, kvkNumber: p.kvkNumber, sectors: p.sectors, createdAt: now })
          .returning({ id: organisations.id })
          .get().id;
        orgIds.set(p.name, id);
        for (const code of p.regions) tx.insert(providerRegions).values({ providerId: id, regionId: regionIds.get(code)! }).run();
      }
      for (const a of DEMO_ACCOUNTS) {
        const userId = tx
          .insert(users)
          .values({ email: a.email, name: a.name, passwordHash, organisationId: a.organisation ? orgIds.get(a.organisation)! : null, createdAt: now })
          .returning({ id: users.id })
          .get().id;
        for (const role of a.roles) tx.insert(userRoles).values({ userId, role }).run();
      }
      appendAudit(tx, {
        actorUserId: null,
        action: "demo.seed",
        entityType: "system",
        payload: { organisations: orgIds.size, regions: regionIds.size, users: DEMO_ACCOUNTS.length },
        at: now,
      });
    },
    { behavior: "immediate" },
  );
}
