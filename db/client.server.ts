import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = "data/zorginkoop.db";

/** `DATABASE_URL` may be a plain path or a `file:` URL-ish path. */
export function databasePathFromEnv(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return DEFAULT_DATABASE_PATH;
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/**
 * Opens the database with the settings durability depends on. This SQLite build resets
 * `synchronous` to NORMAL when a WAL database is reopened, which can lose a committed
 * transaction on power loss: so FULL is set on every open, and checked.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as Db;
  assertDatabaseSettings(db);
  return db;
}

export class DatabaseSettingsError extends Error {}

/** Refuses to run on a connection without WAL, synchronous=FULL, foreign keys and a busy timeout. */
export function assertDatabaseSettings(db: Db): void {
  const sqlite = db.$client;
  const journal = String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase();
  const synchronous = Number(sqlite.pragma("synchronous", { simple: true }));
  const foreignKeys = Number(sqlite.pragma("foreign_keys", { simple: true }));
  const busyTimeout = Number(sqlite.pragma("busy_timeout", { simple: true }));
  const problems: string[] = [];
  if (journal !== "wal" && !(sqlite.memory && journal === "memory")) problems.push(`journal_mode is ${journal}, not wal`);
  if (synchronous !== 2) problems.push(`synchronous is ${synchronous}, not 2 (FULL)`);
  if (foreignKeys !== 1) problems.push("foreign_keys is off");
  if (!(busyTimeout > 0)) problems.push("busy_timeout is 0");
  if (problems.length > 0) throw new DatabaseSettingsError(`Database settings refused: ${problems.join("; ")}`);
}

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export function migrateDatabase(db: Db, migrationsFolder = MIGRATIONS_FOLDER): void {
  migrate(db, { migrationsFolder });
}

let shared: Db | undefined;

/** The application's connection (one per process). Migrations run in server/start.ts, not here. */
export function getDb(): Db {
  shared ??= openDatabase(databasePathFromEnv());
  return shared;
}
