/**
 * Immutability against REPLACE (issue 7, point 7). SQLite resolves `REPLACE INTO` /
 * `INSERT OR REPLACE` by deleting the conflicting row without firing DELETE triggers (unless the
 * connection turned recursive_triggers on), so the no-update/no-delete triggers alone let a
 * published row be rewritten. Every protected table must refuse an insert over an existing
 * primary key or unique key, on a plain connection, and an upsert as well.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import { demoActors, PASSWORD, storeTable } from "../kaders/fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
// One database for the file: every refused statement is checked to have changed nothing.
beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now: new Date("2026-09-01T10:00:00.000Z") });
  // The demo has no nota yet: one, as publication writes it.
  db.$client
    .prepare("INSERT INTO clarification_notices (kader_id, number, title, body, published_at, published_by) VALUES (1, 1, 'Nota 1', 'Oorspronkelijke tekst', ?, NULL)")
    .run(Date.now());
});
afterAll(() => t.close());

/** Each protected table, the column an attacker would change, and its keys besides the primary key. */
const TABLES: { table: string; pk: string; change: string; uniqueKey: string[] | null; message: RegExp }[] = [
  { table: "audit_events", pk: "seq", change: "payload", uniqueKey: null, message: /append-only/ },
  { table: "kader_versions", pk: "id", change: "content_hash", uniqueKey: ["kader_id", "number"], message: /immutable/ },
  { table: "clarification_notices", pk: "id", change: "body", uniqueKey: ["kader_id", "number"], message: /immutable/ },
  { table: "tariff_tables", pk: "id", change: "note", uniqueKey: ["zorgkantoor_id", "year", "version"], message: /immutable/ },
  { table: "tariff_rows", pk: "id", change: "max", uniqueKey: ["table_id", "code"], message: /immutable/ },
];

function snapshot(table: string): unknown[] {
  return db.$client.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
}

function firstRow(table: string, pk: string): Record<string, unknown> {
  const row = db.$client.prepare(`SELECT * FROM "${table}" ORDER BY "${pk}" LIMIT 1`).get() as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no row in ${table}`);
  return row;
}

function insertSql(verb: string, table: string, columns: string[], tail = ""): string {
  return `${verb} INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})${tail}`;
}

describe("an insert over an existing key is refused on every protected table", () => {
  for (const { table, pk, change, uniqueKey, message } of TABLES) {
    describe(table, () => {
      const forged = (row: Record<string, unknown>) => ({ ...row, [change]: typeof row[change] === "number" ? 1 : "vervalst" });

      for (const verb of ["REPLACE", "INSERT OR REPLACE"]) {
        it(`${verb} with the same primary key`, () => {
          const before = snapshot(table);
          const row = forged(firstRow(table, pk));
          expect(() => db.$client.prepare(insertSql(verb, table, Object.keys(row))).run(row)).toThrow(message);
          expect(snapshot(table)).toEqual(before);
        });
      }

      if (uniqueKey) {
        it("INSERT OR REPLACE with a new id over the same unique key", () => {
          const before = snapshot(table);
          const { [pk]: _id, ...row } = forged(firstRow(table, pk));
          expect(() => db.$client.prepare(insertSql("INSERT OR REPLACE", table, Object.keys(row))).run(row)).toThrow(message);
          expect(snapshot(table)).toEqual(before);
        });
      }

      it("INSERT ... ON CONFLICT DO UPDATE", () => {
        const before = snapshot(table);
        const row = forged(firstRow(table, pk));
        const upsert = insertSql("INSERT", table, Object.keys(row), ` ON CONFLICT DO UPDATE SET "${change}" = excluded."${change}"`);
        expect(() => db.$client.prepare(upsert).run(row)).toThrow(message);
        expect(snapshot(table)).toEqual(before);
      });
    });
  }

  it("holds with recursive triggers off, as on any fresh connection", () => {
    expect(db.$client.pragma("recursive_triggers", { simple: true })).toBe(0);
  });

  it("the chain still verifies, and new rows (a new tariff table version, new events) are still accepted", () => {
    const demo = demoActors(db);
    const tables = snapshot("tariff_tables").length;
    storeTable(db, demo.zorgkantoorId, demo.inkoper, new Date());
    expect(snapshot("tariff_tables").length).toBe(tables + 1);
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
