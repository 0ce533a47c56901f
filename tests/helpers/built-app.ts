/**
 * The real HTTP app (server/app.ts around the Remix build) on an ephemeral port, for the
 * integration tests that speak HTTP. The build is made once if missing, as in production
 * (NODE_ENV=production: the `__Host-` cookie and HSTS), whatever NODE_ENV vitest runs under.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Db } from "../../db/client.server";

export const ROOT = path.resolve(__dirname, "../..");

export function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, "build/index.js"))) return;
  execFileSync(path.join(ROOT, "node_modules/.bin/remix"), ["build"], { cwd: ROOT, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
}

export type Served = { server: http.Server; base: string; host: string; port: number; close: () => Promise<void> };

/** Starts the app on 127.0.0.1 with this database (the build's own getDb() reads DATABASE_URL: set it first). */
export async function serveApp(db: Db): Promise<Served> {
  ensureBuild();
  const { createApp } = await import("../../server/app");
  const app = await createApp(db, path.join(ROOT, "build"));
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  return { server, port, host, base: `http://${host}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
