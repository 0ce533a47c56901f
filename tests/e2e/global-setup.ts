/**
 * Global setup for the `e2e` vitest project: builds the app once, starts the real server
 * (tests/e2e/test-server.ts) with a fresh database and a fixed demo password, and hands
 * `baseURL` and `demoPassword` to the tests through `provide`/`inject`. Teardown stops the
 * server and removes the database.
 *
 * The database is seeded before the server starts: the demo (tenant A) and a second zorgkantoor
 * (tenant B, tests/e2e/second-tenant.ts), so that the authorisation matrix covers two tenants,
 * and sealed submissions with canary strings (tests/e2e/canary-seed.ts) for the canary crawl.
 * The server's output is kept in a file beside the database (`serverLogFile`), so that tests
 * can search it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { seedCanarySubmissions, type CanarySeed } from "./canary-seed";
import { seedSecondTenant } from "./second-tenant";
import { buildApp, DEMO_PASSWORD, startTestServer } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 (no trailing slash) */
    baseURL: string;
    /** The password of every demo account in the test server's database. */
    demoPassword: string;
    /** The test server's SQLite file (read-only use: the server owns it). */
    databaseFile: string;
    /** Everything the server printed (stdout and stderr), appended as it arrives. */
    serverLogFile: string;
    /** The sealed submissions and their canaries (tests/e2e/canary-seed.ts). */
    canarySeed: CanarySeed;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Screenshots of this run only (tests/e2e/browser.ts writes them here).
  fs.rmSync(path.join(os.tmpdir(), "zorginkoop-screens"), { recursive: true, force: true });
  await buildApp();
  const server = await startTestServer({
    prefix: "zorginkoop-e2e-",
    seed: async (db, seededAt) => {
      await seedSecondTenant(db, DEMO_PASSWORD, seededAt);
      return seedCanarySubmissions(db, DEMO_PASSWORD, seededAt);
    },
  });
  project.provide("baseURL", server.baseURL);
  project.provide("demoPassword", DEMO_PASSWORD);
  project.provide("databaseFile", server.databaseFile);
  project.provide("serverLogFile", server.logFile);
  project.provide("canarySeed", server.seeded);
  return server.stop;
}
