import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "../../db/client.server";

let template: string | undefined;

/**
 * A fresh, migrated database file for one test (file), copied from a template migrated once
 * per worker: as real as production (WAL, triggers), and fast.
 */
export function createTestDb(): { db: Db; file: string; close: () => void } {
  if (!template) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-template-"));
    template = path.join(dir, "template.db");
    const db = openDatabase(template);
    migrateDatabase(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-test-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(template, file);
  const db = openDatabase(file);
  return {
    db,
    file,
    close: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
