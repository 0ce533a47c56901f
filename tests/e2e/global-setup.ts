/**
 * Global setup for the `e2e` vitest project: builds the app once, starts the real server
 * (`server/start.ts`) as its own process on a free port with a fresh database in the OS temp
 * folder and a fixed demo password, and hands `baseURL` and `demoPassword` to the tests
 * through `provide`/`inject`. Teardown stops the server and removes the database.
 *
 * The database lives in os.tmpdir(), never in a test-results folder (those get wiped). It is
 * seeded before the server starts: the demo (tenant A) and a second zorgkantoor (tenant B,
 * tests/e2e/second-tenant.ts), so that the authorisation matrix covers two tenants, and sealed
 * submissions with canary strings (tests/e2e/canary-seed.ts) for the canary crawl. The server's
 * output is kept in a file beside the database (`serverLogFile`), so that tests can search it.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../../db/client.server";
import { ensureDemoData } from "../../db/seed/demo";
import { seedCanarySubmissions, type CanarySeed } from "./canary-seed";
import { seedSecondTenant } from "./second-tenant";

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

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEMO_PASSWORD = "e2e-Demo-Wachtwoord-2025";
const START_TIMEOUT_MS = 60_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

async function build(): Promise<void> {
  try {
    await promisify(execFile)("npx", ["remix", "build"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`remix build failed:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
  }
}

function waitForStart(server: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`server did not print "draait op" within ${START_TIMEOUT_MS / 1000} s. Output:\n${output()}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      if (output().includes("draait op http://")) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`server exited before it was ready (code ${code}, signal ${signal}). Output:\n${output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      server.stdout?.off("data", onData);
      server.stderr?.off("data", onData);
      server.off("exit", onExit);
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.on("exit", onExit);
  });
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Screenshots of this run only (tests/e2e/browser.ts writes them here).
  fs.rmSync(path.join(os.tmpdir(), "zorginkoop-screens"), { recursive: true, force: true });
  await build();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zorginkoop-e2e-"));
  const file = path.join(dir, "e2e.db");
  const db = openDatabase(file);
  let canarySeed: CanarySeed;
  try {
    migrateDatabase(db);
    // One seed time for everything, so the submissions fall inside the demo kader's window.
    const seededAt = new Date();
    await ensureDemoData(db, { file, password: DEMO_PASSWORD, now: seededAt, assessmentExample: true });
    await seedSecondTenant(db, DEMO_PASSWORD, seededAt);
    canarySeed = await seedCanarySubmissions(db, DEMO_PASSWORD, seededAt);
  } finally {
    db.$client.close();
  }
  const port = await freePort();
  let log = "";
  const logFile = path.join(dir, "server.log");
  fs.writeFileSync(logFile, "");
  const keep = (chunk: string) => {
    log += chunk;
    fs.appendFileSync(logFile, chunk);
  };
  const server = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      // vitest sets NODE_ENV=test; run the server as in production (Secure __Host- cookie, HSTS).
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: file,
      DEMO_PASSWORD,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.setEncoding("utf8");
  server.stderr?.setEncoding("utf8");
  server.stdout?.on("data", keep);
  server.stderr?.on("data", (chunk: string) => {
    keep(chunk);
    // Server-side errors during the run belong in the test output.
    process.stderr.write(`[e2e server] ${chunk}`);
  });

  try {
    await waitForStart(server, () => log);
  } catch (error) {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  project.provide("baseURL", `http://127.0.0.1:${port}`);
  project.provide("demoPassword", DEMO_PASSWORD);
  project.provide("databaseFile", file);
  project.provide("serverLogFile", logFile);
  project.provide("canarySeed", canarySeed);

  return async () => {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
