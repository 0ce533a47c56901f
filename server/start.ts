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
  const demo = await ensureDemoData(db, { file, password: process.env.DEMO_PASSWORD });
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
    ];
    process.stdout.write(lines.join("\n") + "\n");
  });
  const stop = () => server.close(() => { db.$client.close(); process.exit(0); });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Zorginkoop kon niet starten: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
