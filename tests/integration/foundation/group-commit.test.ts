// Group commit (db/group-commit.server.ts): the writes of one turn share one durable commit, an
// answer never comes before its commit, and one failing piece of work undoes only itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../../db/client.server";
import { groupCommit } from "../../../db/group-commit.server";

let dir: string;
let file: string;
let db: Db;
/** A second connection to the same file: it sees only what has been committed. */
let other: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-group-"));
  file = path.join(dir, "g.db");
  db = openDatabase(file);
  db.$client.exec(`
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL,
      parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
    INSERT INTO parent (id) VALUES (1);
  `);
  other = new Database(file, { readonly: true });
});
afterEach(() => {
  other.close();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (label: string, parentId: number | null = null) => db.$client.prepare("INSERT INTO item (label, parent_id) VALUES (?, ?)").run(label, parentId).lastInsertRowid;
const committedLabels = () => (other.prepare("SELECT label FROM item ORDER BY id").all() as { label: string }[]).map((r) => r.label);

describe("groupCommit", () => {
  it("gives the work queued in one turn one transaction: the second runs before the first is committed, and both are committed before either answer", async () => {
    const seenByOtherDuringSecond: string[][] = [];
    const first = groupCommit(db, () => insert("eerste"));
    const second = groupCommit(db, () => {
      seenByOtherDuringSecond.push(committedLabels());
      return insert("tweede");
    });
    expect(committedLabels()).toEqual([]); // nothing ran yet: the group waits for the turn to end
    const answers: string[][] = [];
    const results = await Promise.all([first.then((r) => (answers.push(committedLabels()), r)), second.then((r) => (answers.push(committedLabels()), r))]);
    expect(results.map(Number)).toEqual([1, 2]);
    // While the second ran, the first was written but not committed: one commit for both.
    expect(seenByOtherDuringSecond).toEqual([[]]);
    // Every answer came after the commit of both.
    expect(answers).toEqual([
      ["eerste", "tweede"],
      ["eerste", "tweede"],
    ]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it("undoes only the work that throws: its caller gets the error, the others are committed", async () => {
    const ok1 = groupCommit(db, () => insert("a"));
    const bad = groupCommit(db, () => {
      insert("half geschreven");
      throw new Error("kapot");
    });
    const ok2 = groupCommit(db, () => insert("b"));
    await expect(bad).rejects.toThrow("kapot");
    await Promise.all([ok1, ok2]);
    expect(committedLabels()).toEqual(["a", "b"]);
  });

  it("lets a drizzle/better-sqlite3 transaction inside the work become a savepoint, rolled back alone", async () => {
    const inner = groupCommit(db, () =>
      db.$client.transaction(() => {
        insert("binnen");
        throw new Error("terug");
      })(),
    );
    const after = groupCommit(db, () => db.$client.transaction(() => insert("daarna")).immediate());
    await expect(inner).rejects.toThrow("terug");
    await after;
    expect(committedLabels()).toEqual(["daarna"]);
  });

  it("answers nobody when the shared commit fails, and leaves nothing written", async () => {
    const fine = groupCommit(db, () => insert("goed", 1));
    // A deferred foreign key is checked at COMMIT: the whole group fails there.
    const breaksCommit = groupCommit(db, () => insert("wees", 999));
    await expect(fine).rejects.toThrow(/FOREIGN KEY/);
    await expect(breaksCommit).rejects.toThrow(/FOREIGN KEY/);
    expect(committedLabels()).toEqual([]);
    expect(db.$client.inTransaction).toBe(false);
    // The connection is usable afterwards.
    await groupCommit(db, () => insert("later", 1));
    expect(committedLabels()).toEqual(["later"]);
  });

  it("refuses a promise as work (it would run outside the transaction)", async () => {
    await expect(groupCommit(db, (async () => insert("async")) as unknown as () => bigint)).rejects.toThrow(/promise/i);
  });

  it("splits a large queue over several commits, each answered after its own", async () => {
    const all = Array.from({ length: 150 }, (_, i) => groupCommit(db, () => insert(`n${i}`)));
    const counts = await Promise.all(all.map((p) => p.then(() => committedLabels().length)));
    // Each answer sees at least its own commit; groups are at most 64.
    counts.forEach((seen, i) => expect(seen).toBeGreaterThanOrEqual(i + 1));
    expect(new Set(counts).size).toBeGreaterThanOrEqual(3);
    expect(committedLabels()).toHaveLength(150);
  });
});
