// Issue 7, point 10: refusal events are compact and limited per client, so that nobody can grow
// the audit trail at will; an attempt to use another organisation's id inside an allowed route
// is audited.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { refuse } from "../../../app/auth/guards.server";
import { auditRefusal, compactText, MAX_AUDIT_TEXT, RefusalLimiter, setRefusalLimiter } from "../../../app/auth/refusal-audit.server";
import { answerQuestion, askQuestion } from "../../../app/services/kaders/questions.server";
import { saveSettings } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditActions, auditRows, loadKader, passwordHash, prepareKader, publishOrThrow, seedDemoOrganisations, storeTable, windowFrom, type Demo } from "../kaders/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  setRefusalLimiter(new RefusalLimiter());
});

afterEach(() => t.close());

describe("refusal events are compact", () => {
  it("stores a long path and reason as a prefix plus a hash, and answers as before", () => {
    const longPath = `/beheer/${"x".repeat(5000)}`;
    const before = auditRows(db).length;
    const refused = refuse(db, demo.inkoper, new Request(`http://localhost${longPath}`), { status: 404, reason: `kader ${"y".repeat(3000)} not visible` });
    expect(refused.status).toBe(404);
    const rows = auditRows(db).slice(before);
    expect(rows).toHaveLength(1);
    const event = rows[0]!;
    expect(event.entityId!.length).toBeLessThan(200);
    expect(event.entityId).toContain(createHash("sha256").update(longPath).digest("hex"));
    expect(event.payload.length).toBeLessThan(400);
  });

  it("keeps short texts as they are", () => {
    expect(compactText("/inkoop/kaders/vv-2027")).toBe("/inkoop/kaders/vv-2027");
    expect(compactText("a".repeat(MAX_AUDIT_TEXT))).toBe("a".repeat(MAX_AUDIT_TEXT));
    expect(compactText("a".repeat(MAX_AUDIT_TEXT + 1)).length).toBeLessThan(MAX_AUDIT_TEXT + 50);
  });
});

describe("refusal events are limited per client and overall", () => {
  it("writes at most the client's budget per window, answers every refusal alike, and counts the rest into the next event", () => {
    setRefusalLimiter(new RefusalLimiter({ perClient: 3, overall: 100, windowMs: 60_000, maxClients: 100 }));
    const before = auditActions(db, "access.denied").length;
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push(refuse(db, demo.aanbieder, new Request(`http://localhost/beheer/${i}`), { status: 403, reason: "role beheerder required" }).status);
    expect(statuses).toEqual(Array(10).fill(403));
    expect(auditActions(db, "access.denied")).toHaveLength(before + 3);

    // Another client has its own budget.
    refuse(db, demo.inkoper, new Request("http://localhost/beheer"), { status: 403, reason: "role beheerder required" });
    expect(auditActions(db, "access.denied")).toHaveLength(before + 4);
  });

  it("after the window the next event carries the number of refusals not written", () => {
    setRefusalLimiter(new RefusalLimiter({ perClient: 2, overall: 100, windowMs: 60_000, maxClients: 100 }));
    const at = (s: number) => new Date(NOW.getTime() + s * 1000);
    const write = (s: number) =>
      auditRefusal(db, { client: "address:203.0.113.9", actorUserId: null, action: "access.denied", entityType: "route", entityId: "/x", payload: { method: "POST" }, at: at(s) });
    expect([write(0), write(1), write(2), write(3), write(4)]).toEqual([true, true, false, false, false]);
    expect(write(61)).toBe(true);
    const last = auditActions(db, "access.denied").at(-1)!;
    expect(JSON.parse(last.payload)).toEqual({ method: "POST", suppressedBefore: 3 });
  });

  it("caps all anonymous clients together, however many addresses they use", () => {
    const limiter = new RefusalLimiter({ perClient: 5, overall: 10, windowMs: 60_000, maxClients: 1_000 });
    let written = 0;
    for (let i = 0; i < 500; i++) if (limiter.take(`address:10.0.${i >> 8}.${i & 255}`, 1_000).record) written++;
    expect(written).toBe(10);
    expect(limiter.unreported).toBe(490);
  });

  it("keeps a bounded number of clients in memory: beyond it they share one budget", () => {
    const limiter = new RefusalLimiter({ perClient: 1, overall: 1_000, windowMs: 60_000, maxClients: 3 });
    const taken = Array.from({ length: 6 }, (_, i) => limiter.take(`c${i}`, 0).record);
    // c0..c2 get their own budget; c3 gets the shared one; c4, c5 find it spent.
    expect(taken).toEqual([true, true, true, true, false, false]);
  });
});

describe("another organisation's ids inside an allowed route", () => {
  it("a region or tariff table of another zorgkantoor in the kader settings is refused like an unknown one and audited", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const ownTable = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW);
    const foreignTable = storeTable(db, other.zorgkantoorId, other.inkoper, NOW);
    const kader = prepareKader(db, demo.inkoper, { slug: "vv-eigen", now: NOW, regionIds: [demo.regionIds["DEMO-N"]], tableId: ownTable });
    const before = auditActions(db, "access.foreign_id").length;

    const foreignRegion = saveSettings(demo.inkoper, kader, { tariffTableId: ownTable, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"], other.regionId] }, db);
    const unknownRegion = saveSettings(demo.inkoper, kader, { tariffTableId: ownTable, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"], 987_654] }, db);
    expect(foreignRegion).toEqual(unknownRegion);
    const foreignTableResult = saveSettings(demo.inkoper, kader, { tariffTableId: foreignTable, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"]] }, db);
    const unknownTableResult = saveSettings(demo.inkoper, kader, { tariffTableId: 987_654, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"]] }, db);
    expect(foreignTableResult).toEqual(unknownTableResult);

    const events = auditActions(db, "access.foreign_id").slice(before);
    expect(events.map((e) => [e.actorUserId, e.entityId, JSON.parse(e.payload).ids])).toEqual([
      [demo.inkoper.id, "vv-eigen", { regionIds: [other.regionId] }],
      [demo.inkoper.id, "vv-eigen", { tariffTableId: [foreignTable] }],
    ]);
    expect(loadKader(db, "vv-eigen").tariffTableId).toBe(ownTable);
  });

  it("answering another zorgkantoor's question through one's own kader is refused like an unknown question and audited", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const otherTable = storeTable(db, other.zorgkantoorId, other.inkoper, NOW);
    prepareKader(db, other.inkoper, { slug: "vv-anders", now: NOW, regionIds: [other.regionId], tableId: otherTable });
    publishOrThrow(db, other.inkoper, "vv-anders", windowFrom(NOW, { opensIn: -1, questionsFor: 10, closesIn: 20 }), NOW);
    const asked = askQuestion(other.provider, loadKader(db, "vv-anders"), "Hoe wordt de opslag berekend?", db, NOW);
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    const ownTable = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW);
    const own = prepareKader(db, demo.inkoper, { slug: "vv-eigen", now: NOW, regionIds: [demo.regionIds["DEMO-N"]], tableId: ownTable });
    const before = auditActions(db, "access.foreign_id").length;

    const foreign = answerQuestion(demo.inkoper, own, { questionId: asked.id, answer: "Overgenomen antwoord." }, db, NOW);
    const unknown = answerQuestion(demo.inkoper, own, { questionId: 987_654, answer: "Overgenomen antwoord." }, db, NOW);
    expect(foreign).toEqual(unknown);
    const events = auditActions(db, "access.foreign_id").slice(before);
    expect(events.map((e) => [e.actorUserId, JSON.parse(e.payload).ids])).toEqual([[demo.inkoper.id, { questionId: [asked.id] }]]);
  });
});
