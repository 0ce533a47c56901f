/**
 * `npm start`: migrates the database, checks its durability settings, seeds demo data into an
 * empty database, and serves the platform. Prints the URL and the demo logins.
 */
import { databasePathFromEnv, migrateDatabase, openDatabase } from "../db/client.server";
import { ensureDemoData } from "../db/seed/demo";
import { recordClockTransitions } from "../app/services/kaders/transitions.server";
import { auditHeadDir, startHeadExports } from "../db/audit-head.server";
import { createApp } from "./app";

process.env.NODE_ENV ??= "production";

async function main(): Promise<void> {
  const file = databasePathFromEnv();
  const db = openDatabase(file);
  migrateDatabase(db);
  const demo = await ensureDemoData(db, { file, password: process.env.DEMO_PASSWORD, assessmentExample: true });
  const app = await createApp(db);
  // The audit head leaves the database at start, hourly and at every kader's closing, so that a
  // chain recomputed later no longer extends it (see db/audit-head.server.ts).
  const { onClosed } = startHeadExports(db, auditHeadDir(file), {
    onError: (error) => process.stderr.write(`export van de auditketen mislukt: ${String(error)}\n`),
  });
  // The clock opens and closes kaders; record each transition in the audit trail promptly.
  const ticker = setInterval(() => {
    try {
      recordClockTransitions(db, new Date(), { onClosed });
    } catch (error) {
      process.stderr.write(`fasecontrole mislukt: ${String(error)}\n`);
    }
  }, 15_000);
  ticker.unref();
  recordClockTransitions(db, new Date(), { onClosed });
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => {
    const lines = [
      "",
      `Zorginkoop draait op http://localhost:${port}  (database: ${file})`,
      "",
      ...demo.describe(),
      "",
      ...plainHttpHint(),
    ];
    process.stdout.write(lines.join("\n") + "\n");
  });
  const stop = () => server.close(() => { db.$client.close(); process.exit(0); });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * In production the session cookie is Secure: a browser stores it over https, or over http only
 * from localhost. Whoever opens this server over plain http at a network address would see a
 * correct login return to the login page; say beforehand how to avoid that.
 */
function plainHttpHint(): string[] {
  if (process.env.NODE_ENV === "development") return [];
  return [
    "Let op: buiten localhost werkt inloggen alleen via https (het sessiecookie is Secure).",
    "  Zet het platform achter een https-proxy met TRUST_PROXY=1 (of het adres van de proxy),",
    "  of start het voor een test op een lokaal netwerk via gewoon http met: NODE_ENV=development npm start",
    "",
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(`Zorginkoop kon niet starten: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
