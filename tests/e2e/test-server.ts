/**
 * The real server (`server/start.ts`) as its own process for the e2e tests: on a free port, with
 * a fresh database in the OS temp folder (never in a test-results folder: those get wiped),
 * seeded before it starts, and its output kept in a file beside the database.
 *
 * `testClock: true` loads tests/e2e/test-clock.ts into the server, so that a test can move the
 * server's clock forward (`setClock`) — the standstill of 20 days passes in a second. A server
 * with a moved clock changes phases and expires sessions for everyone on it, so only a test file
 * that starts its own server uses it (the award test); the shared server never has one.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "../helpers/free-port";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { migrateDatabase, openDatabase, type Db } from "../../db/client.server";
import { ensureDemoData } from "../../db/seed/demo";
import { CLOCK_ACK_SUFFIX } from "./test-clock";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEMO_PASSWORD = "e2e-Demo-Wachtwoord-2025";
const START_TIMEOUT_MS = 60_000;
const CLOCK_ACK_TIMEOUT_MS = 10_000;

export type TestServer = {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseURL: string;
  databaseFile: string;
  /** Everything the server printed (stdout and stderr), appended as it arrives. */
  logFile: string;
  /**
   * Moves the server's clock to `offsetMs` after the real time (0: back to the real time) and
   * resolves once the server has taken it over. Only with `testClock: true`.
   */
  setClock: (offsetMs: number) => Promise<void>;
  stop: () => Promise<void>;
};

/** Builds the app once (`remix build`, production), as `npm start` serves it. */
export async function buildApp(): Promise<void> {
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

async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export type StartOptions<T> = {
  /** Folder name prefix in the OS temp folder. */
  prefix: string;
  /** Seeds the fresh, migrated database before the server opens it; the demo is seeded already. */
  seed?: (db: Db, seededAt: Date) => Promise<T>;
  testClock?: boolean;
};

/** Seeds a fresh database (the demo with its assessment example, then `seed`) and starts the server on it. */
export async function startTestServer<T = undefined>(options: StartOptions<T>): Promise<TestServer & { seeded: T }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix));
  const file = path.join(dir, "e2e.db");
  const db = openDatabase(file);
  let seeded: T;
  try {
    migrateDatabase(db);
    // One seed time for everything, so that seeded submissions fall inside the demo kader's window.
    const seededAt = new Date();
    await ensureDemoData(db, { file, password: DEMO_PASSWORD, now: seededAt, assessmentExample: true });
    seeded = (options.seed ? await options.seed(db, seededAt) : undefined) as T;
  } finally {
    db.$client.close();
  }

  const clockFile = path.join(dir, "clock-offset-ms");
  const port = await freePort();
  let log = "";
  const logFile = path.join(dir, "server.log");
  fs.writeFileSync(logFile, "");
  const keep = (chunk: string) => {
    log += chunk;
    fs.appendFileSync(logFile, chunk);
  };
  const server = spawn(process.execPath, ["--import", "tsx", ...(options.testClock ? ["--import", "./tests/e2e/test-clock.ts"] : []), "server/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      // vitest sets NODE_ENV=test; run the server as in production (Secure __Host- cookie, HSTS).
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: file,
      DEMO_PASSWORD,
      ...(options.testClock ? { ZK_TEST_CLOCK_FILE: clockFile } : {}),
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

  const stop = async () => {
    await stopProcess(server);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForStart(server, () => log);
  } catch (error) {
    await stop();
    throw error;
  }

  const setClock = async (offsetMs: number) => {
    if (!options.testClock) throw new Error("this test server has no test clock (start it with testClock: true)");
    const ack = clockFile + CLOCK_ACK_SUFFIX;
    fs.rmSync(ack, { force: true });
    fs.writeFileSync(clockFile, String(offsetMs));
    server.kill("SIGUSR2");
    const deadline = Date.now() + CLOCK_ACK_TIMEOUT_MS;
    while (!(fs.existsSync(ack) && fs.readFileSync(ack, "utf8") === String(offsetMs))) {
      if (Date.now() > deadline) throw new Error(`the test server did not take over the clock offset ${offsetMs} ms within ${CLOCK_ACK_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return { baseURL: `http://127.0.0.1:${port}`, databaseFile: file, logFile, setClock, stop, seeded };
}
