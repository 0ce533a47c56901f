import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { assertDatabaseSettings, DatabaseSettingsError, databasePathFromEnv, openDatabase, type Db } from "../../../db/client.server";

const opened: Db[] = [];
const dirs: string[] = [];

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-settings-"));
  dirs.push(dir);
  return path.join(dir, "nested", "db.sqlite");
}

function open(file: string): Db {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}

function settings(db: Db) {
  const s = db.$client;
  return {
    journal: String(s.pragma("journal_mode", { simple: true })),
    synchronous: Number(s.pragma("synchronous", { simple: true })),
    foreignKeys: Number(s.pragma("foreign_keys", { simple: true })),
    busyTimeout: Number(s.pragma("busy_timeout", { simple: true })),
  };
}

afterEach(() => {
  for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("sets WAL, synchronous FULL, foreign keys and a busy timeout on a new file (creating its folder)", () => {
    const file = tempFile();
    const db = open(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(settings(db)).toEqual({ journal: "wal", synchronous: 2, foreignKeys: 1, busyTimeout: expect.any(Number) });
    expect(settings(db).busyTimeout).toBeGreaterThan(0);
  });

  it("sets synchronous FULL again when an existing WAL file is reopened", () => {
    const file = tempFile();
    const first = open(file);
    first.$client.exec("CREATE TABLE t (x INTEGER)");
    first.$client.close();

    // The premise: this SQLite build reopens a WAL database with synchronous NORMAL (1).
    const raw = new Database(file);
    const rawSynchronous = Number(raw.pragma("synchronous", { simple: true }));
    raw.close();
    expect(rawSynchronous).not.toBe(2);

    const again = open(file);
    expect(settings(again)).toMatchObject({ journal: "wal", synchronous: 2, foreignKeys: 1 });
    expect(settings(again).busyTimeout).toBeGreaterThan(0);
  });

  it("enforces foreign keys on the opened connection", () => {
    const db = open(tempFile());
    db.$client.exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id));");
    expect(() => db.$client.exec("INSERT INTO c VALUES (42)")).toThrow(/FOREIGN KEY/);
  });
});

describe("assertDatabaseSettings", () => {
  it("accepts a connection made by openDatabase", () => {
    expect(() => assertDatabaseSettings(open(tempFile()))).not.toThrow();
  });

  it("throws on a connection with synchronous NORMAL", () => {
    const db = open(tempFile());
    db.$client.pragma("synchronous = NORMAL");
    expect(() => assertDatabaseSettings(db)).toThrow(DatabaseSettingsError);
    expect(() => assertDatabaseSettings(db)).toThrow(/synchronous is 1/);
  });

  it("throws on a connection without foreign keys", () => {
    const db = open(tempFile());
    db.$client.pragma("foreign_keys = OFF");
    expect(() => assertDatabaseSettings(db)).toThrow(/foreign_keys is off/);
  });

  it("throws on a connection without a busy timeout", () => {
    const db = open(tempFile());
    db.$client.pragma("busy_timeout = 0");
    expect(() => assertDatabaseSettings(db)).toThrow(/busy_timeout/);
  });

  it("throws on a file database that is not in WAL mode", () => {
    const db = open(tempFile());
    db.$client.pragma("journal_mode = DELETE");
    expect(() => assertDatabaseSettings(db)).toThrow(/journal_mode is delete/);
  });
});

describe("databasePathFromEnv", () => {
  it("defaults to data/zorginkoop.db and accepts a plain path or a file: path", () => {
    expect(databasePathFromEnv({})).toBe("data/zorginkoop.db");
    expect(databasePathFromEnv({ DATABASE_URL: "  " })).toBe("data/zorginkoop.db");
    expect(databasePathFromEnv({ DATABASE_URL: "/tmp/x.db" })).toBe("/tmp/x.db");
    expect(databasePathFromEnv({ DATABASE_URL: "file:/tmp/y.db" })).toBe("/tmp/y.db");
  });
});
