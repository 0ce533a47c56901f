// Objections (issue 12): filing a basistarief objection within its period with a receipt that
// verifies, refusals that are audited and store nothing, the besluit kind behind the lead's
// gate, the jurist's handling, tenancy, and the database's own guarantees (triggers).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { providerContext } from "../../../app/services/submissions/context.server";
import {
  decideObjection,
  fileObjection,
  kaderBasistariefPeriod,
  objectionAttachment,
  openObjections,
  pendingAttachments,
  providerObjection,
  providerObjections,
  staffObjection,
  staffObjectionsByYear,
  storeObjectionAttachments,
  takeIntoHandling,
  verifyObjection,
  type DecisionGate,
} from "../../../app/services/objections/objections.server";
import { verifyAuditChain } from "../../../db/audit.server";
import { loadAuditPage } from "../../../app/services/audit-log.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, addUser, auditActions, DAY, loadKader, passwordHash, rowCounts, seedDemoOrganisations, userByEmail, type Demo } from "../kaders/fixtures";
import { publishSubmissionKader } from "../submissions/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const LATER = new Date(NOW.getTime() + 10 * DAY);
const SLUG = "vv-2027";
const PDF = (marker: string) => new TextEncoder().encode(`%PDF-1.4\n% ${marker}\n%%EOF\n`);
const GROUNDS = "Het basistarief van 94 % rust op historisch lage tarieven en dekt onze kosten niet (ECLI:NL:RBDHA:2023:16336). GRONDEN-GEHEIM";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let jurist: SessionUser;
let keyCounter = 0;
const key = () => `bezwaarsleutel-${String(++keyCounter).padStart(8, "0")}`;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  jurist = userByEmail(db, "jurist@demo.zorginkoop.nl");
  publishSubmissionKader(db, demo, SLUG, NOW);
});
afterEach(() => t.close());

function ctxOf(actor: SessionUser) {
  const ctx = providerContext(db, actor, SLUG);
  if (!ctx) throw new Error("no provider context");
  return ctx;
}

function fileOk(actor: SessionUser, extra: { attachments?: string[]; grounds?: string; at?: Date; k?: string } = {}) {
  const result = fileObjection(db, { actor, kaderSlug: SLUG, kind: "basistarief", grounds: extra.grounds ?? GROUNDS, attachments: extra.attachments ?? [], idempotencyKey: extra.k ?? key(), now: extra.at ?? LATER });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.receipt;
}

const objectionCount = () => rowCounts(db).objections!;

describe("filing a basistarief objection", () => {
  it("within the period: a receipt whose hash covers the grounds and the attachments by their own hashes, and an audit event without content", () => {
    const stored = storeObjectionAttachments(db, demo.aanbieder, ctxOf(demo.aanbieder), [{ name: "onderbouwing.pdf", bytes: PDF("kosten") }], LATER);
    if (!stored.ok) throw new Error("upload refused");
    const sha = stored.attachments[0]!.sha256;
    expect(pendingAttachments(db, loadKader(db, SLUG).id, demo.aanbieder.organisation!.id).map((a) => a.sha256)).toEqual([sha]);

    const receipt = fileOk(demo.aanbieder, { attachments: [sha] });
    expect(receipt).toMatchObject({ kind: "basistarief", decisionId: null, filedAtUtc: LATER.toISOString(), provider: { name: "Zorggroep De Linde" } });
    expect(receipt.attachments).toEqual([{ sha256: sha, name: "onderbouwing.pdf", size: PDF("kosten").byteLength }]);
    expect(verifyObjection(db, receipt.id)).toEqual({ ok: true });
    // Filed attachments are no longer offered for a next objection.
    expect(pendingAttachments(db, loadKader(db, SLUG).id, demo.aanbieder.organisation!.id)).toEqual([]);

    const [event] = auditActions(db, "objection.file");
    expect(event!.seq).toBe(receipt.auditSeq);
    expect(event!.payload).toContain(receipt.contentSha256);
    expect(event!.payload).not.toContain("GRONDEN-GEHEIM");
    expect(event!.payload).not.toContain("onderbouwing");
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("a tampered stored attachment no longer verifies", () => {
    const stored = storeObjectionAttachments(db, demo.aanbieder, ctxOf(demo.aanbieder), [{ name: "a.pdf", bytes: PDF("a") }], LATER);
    if (!stored.ok) throw new Error("upload refused");
    const receipt = fileOk(demo.aanbieder, { attachments: [stored.attachments[0]!.sha256] });
    // A raw connection with the triggers dropped: what an attacker with the file could do.
    db.$client.exec("DROP TRIGGER objection_attachments_no_update");
    db.$client.prepare("UPDATE objection_attachments SET bytes = ?").run(Buffer.from("%PDF-1.4 anders"));
    expect(verifyObjection(db, receipt.id)).toMatchObject({ ok: false });
  });

  it("a retry with the same key returns the first receipt and stores nothing more", () => {
    const k = key();
    const first = fileOk(demo.aanbieder, { k });
    const again = fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "basistarief", grounds: GROUNDS, idempotencyKey: k, now: new Date(LATER.getTime() + 5000) });
    expect(again).toMatchObject({ ok: true, replayed: true, receipt: { id: first.id, filedAtUtc: first.filedAtUtc } });
    expect(objectionCount()).toBe(1);
  });

  it("after the period: refused with the last day named, audited, nothing stored", () => {
    const period = kaderBasistariefPeriod(db, loadKader(db, SLUG).id)!;
    // Six weeks, to the end of the last day in Amsterdam: 1 September + 42 days = 13 October 24:00 (22:00 UTC, summer time).
    expect(period.endsAt.toISOString()).toBe("2026-10-13T22:00:00.000Z");
    fileOk(demo.aanbieder, { at: new Date(period.endsAt.getTime() - 1) });
    const before = objectionCount();
    const late = fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "basistarief", grounds: GROUNDS, idempotencyKey: key(), now: period.endsAt });
    expect(late).toMatchObject({ ok: false, status: 403 });
    if (late.ok) return;
    expect(late.errors._form).toContain("13-10-2026");
    expect(objectionCount()).toBe(before);
    const refused = auditActions(db, "objection.refused_late");
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!.payload)).toMatchObject({ kind: "basistarief", reason: "period_closed" });
  });

  it("by a provider outside the kader's regions: 404, audited, nothing stored", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const result = fileObjection(db, { actor: other.provider, kaderSlug: SLUG, kind: "basistarief", grounds: GROUNDS, idempotencyKey: key(), now: LATER });
    expect(result).toMatchObject({ ok: false, status: 404 });
    expect(objectionCount()).toBe(0);
    const refused = auditActions(db, "objection.refused");
    expect(refused.map((r) => JSON.parse(r.payload).reason)).toEqual(["not_visible"]);
    // Staff cannot object in a provider's name either.
    expect(fileObjection(db, { actor: jurist, kaderSlug: SLUG, kind: "basistarief", grounds: GROUNDS, idempotencyKey: key(), now: LATER })).toMatchObject({ ok: false, status: 404 });
    expect(objectionCount()).toBe(0);
  });

  it("empty or whitespace-only grounds: 400 at the field, audited, nothing stored", () => {
    for (const grounds of ["", "   \n\t ", undefined]) {
      const result = fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "basistarief", grounds, idempotencyKey: key(), now: LATER });
      expect(result).toMatchObject({ ok: false, status: 400 });
      if (!result.ok) expect(result.errors.gronden).toMatch(/gronden/);
    }
    expect(objectionCount()).toBe(0);
    expect(auditActions(db, "objection.refused").map((r) => JSON.parse(r.payload).reason)).toEqual(["empty", "empty", "empty"]);
  });

  it("too long grounds or an attachment it never uploaded: 400 at the field, nothing stored", () => {
    const long = fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "basistarief", grounds: "x".repeat(20_001), idempotencyKey: key(), now: LATER });
    expect(long).toMatchObject({ ok: false, status: 400 });
    const stored = storeObjectionAttachments(db, demo.aanbieder2, ctxOf(demo.aanbieder2), [{ name: "b.pdf", bytes: PDF("van het baken") }], LATER);
    if (!stored.ok) throw new Error("upload refused");
    // Het Baken's file, named by De Linde: unknown to De Linde.
    const foreign = fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "basistarief", grounds: GROUNDS, attachments: [stored.attachments[0]!.sha256], idempotencyKey: key(), now: LATER });
    expect(foreign).toMatchObject({ ok: false, status: 400 });
    if (!foreign.ok) expect(foreign.errors.bijlagen).toBeDefined();
    expect(objectionCount()).toBe(0);
  });

  it("attachments: PDF by content only, size-limited, all or nothing", () => {
    const ctx = ctxOf(demo.aanbieder);
    expect(storeObjectionAttachments(db, demo.aanbieder, ctx, [{ name: "brief.pdf", bytes: new TextEncoder().encode("<html>geen pdf</html>") }], LATER)).toMatchObject({ ok: false, status: 400 });
    expect(storeObjectionAttachments(db, demo.aanbieder, ctx, [{ name: "groot.pdf", bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25) }], LATER)).toMatchObject({ ok: false, status: 400 });
    // A good file beside a bad one: neither is stored.
    expect(storeObjectionAttachments(db, demo.aanbieder, ctx, [{ name: "goed.pdf", bytes: PDF("goed") }, { name: "leeg.pdf", bytes: new Uint8Array(0) }], LATER)).toMatchObject({ ok: false });
    expect(rowCounts(db).objection_attachments).toBe(0);
    const period = kaderBasistariefPeriod(db, ctx.kader.id)!;
    expect(storeObjectionAttachments(db, demo.aanbieder, ctx, [{ name: "laat.pdf", bytes: PDF("laat") }], period.endsAt)).toMatchObject({ ok: false, status: 403 });
    expect(rowCounts(db).objection_attachments).toBe(0);
  });
});

describe("the besluit kind", () => {
  it("by default asks the award's decision gate: no such decision is refused as not found, audited, nothing stored", () => {
    const result = fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "besluit", decisionId: 1, grounds: GROUNDS, idempotencyKey: key(), now: LATER });
    expect(result).toMatchObject({ ok: false, status: 404 });
    if (!result.ok) expect(result.errors._form).toBe("Dit gunningsbesluit bestaat niet.");
    expect(objectionCount()).toBe(0);
    expect(auditActions(db, "objection.refused").map((r) => JSON.parse(r.payload).reason)).toEqual(["no_decision"]);
  });

  it("asks the gate it is given: its refusals are audited with their reason; a decision that is not a sent one is refused by the database too (0015)", () => {
    const lindeId = demo.aanbieder.organisation!.id;
    const ends = new Date(LATER.getTime() + DAY);
    const gate: DecisionGate = (_tx, q) => {
      if (q.decisionId !== 7 || q.providerId !== lindeId) return { ok: false, status: 404, reason: "not_own_decision", message: "Dit gunningsbesluit bestaat niet." };
      if (q.now.getTime() >= ends.getTime()) return { ok: false, status: 403, reason: "standstill_ended", message: "De opschortende termijn is verstreken." };
      return { ok: true };
    };
    const other = fileObjection(db, { actor: demo.aanbieder2, kaderSlug: SLUG, kind: "besluit", decisionId: 7, grounds: GROUNDS, idempotencyKey: key(), now: LATER }, gate);
    expect(other).toMatchObject({ ok: false, status: 404 });
    const late = fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "besluit", decisionId: 7, grounds: GROUNDS, idempotencyKey: key(), now: ends }, gate);
    expect(late).toMatchObject({ ok: false, status: 403 });
    expect(objectionCount()).toBe(0);
    expect(auditActions(db, "objection.refused").map((r) => JSON.parse(r.payload).reason)).toEqual(["not_own_decision", "standstill_ended"]);
    // A gate that lets through a decision that does not exist: the trigger refuses the row, nothing is stored.
    const events = auditActions(db, "objection.file").length;
    expect(() => fileObjection(db, { actor: demo.aanbieder, kaderSlug: SLUG, kind: "besluit", decisionId: 7, grounds: GROUNDS, idempotencyKey: key(), now: LATER }, gate)).toThrow(
      /an objection against a decision names this provider's sent decision/,
    );
    expect(objectionCount()).toBe(0);
    expect(auditActions(db, "objection.file").length).toBe(events);
    expect(openObjections(db, loadKader(db, SLUG).id)).toEqual([]);
  });
});

describe("handling by the jurist", () => {
  it("ingediend → in behandeling → deels gegrond with a motivated answer the provider reads; audited; final", () => {
    const receipt = fileOk(demo.aanbieder);
    const kaderId = loadKader(db, SLUG).id;
    expect(openObjections(db, kaderId).map((o) => o.id)).toEqual([receipt.id]);

    expect(decideObjection(db, jurist, receipt.id, { uitkomst: "gegrond", antwoord: "Te vroeg" }, LATER)).toMatchObject({ ok: false, status: 409 });
    expect(takeIntoHandling(db, jurist, receipt.id, LATER)).toMatchObject({ ok: true, objection: { state: "in_behandeling", takenBy: jurist.name } });
    expect(takeIntoHandling(db, jurist, receipt.id, LATER)).toMatchObject({ ok: false, status: 409 });

    // No answer: nothing changes.
    const empty = decideObjection(db, jurist, receipt.id, { uitkomst: "deels_gegrond", antwoord: "  " }, LATER);
    expect(empty).toMatchObject({ ok: false, status: 400 });
    if (!empty.ok) expect(empty.errors.antwoord).toBeDefined();
    expect(decideObjection(db, jurist, receipt.id, { uitkomst: "toegewezen", antwoord: "x" }, LATER)).toMatchObject({ ok: false, status: 400 });
    expect(staffObjection(db, jurist, receipt.id)!.state).toBe("in_behandeling");

    const answer = "Het basistarief blijft 94 %, maar de onderbouwing wordt aangevuld met de kostprijsgegevens van 2025.";
    expect(decideObjection(db, jurist, receipt.id, { uitkomst: "deels_gegrond", antwoord: answer }, LATER)).toMatchObject({ ok: true, objection: { state: "deels_gegrond", answer } });
    expect(decideObjection(db, jurist, receipt.id, { uitkomst: "ongegrond", antwoord: "Toch niet" }, LATER)).toMatchObject({ ok: false, status: 409 });
    expect(openObjections(db, kaderId)).toEqual([]);

    const seen = providerObjection(db, ctxOf(demo.aanbieder), receipt.id);
    expect(seen).toMatchObject({ state: "deels_gegrond", answer, decidedBy: jurist.name });
    expect(auditActions(db, "objection.take")).toHaveLength(1);
    const decided = auditActions(db, "objection.decide");
    expect(decided).toHaveLength(1);
    expect(decided[0]!.payload).not.toContain("kostprijsgegevens");
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("lists per year and kader for the jurist of the zorgkantoor only", async () => {
    fileOk(demo.aanbieder);
    fileOk(demo.aanbieder2);
    const years = staffObjectionsByYear(db, jurist, LATER);
    const kader = years.flatMap((y) => y.kaders).find((k) => k.kader.slug === SLUG)!;
    expect(kader.objections.map((o) => o.providerName).sort()).toEqual(["Stichting Het Baken", "Zorggroep De Linde"]);
    expect(kader.period?.open).toBe(true);

    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const foreignJurist = addUser(db, "jurist@anders.example", ["jurist"], other.zorgkantoorId, await passwordHash(), NOW);
    expect(staffObjectionsByYear(db, foreignJurist, LATER).flatMap((y) => y.kaders)).toEqual([]);
    const id = kader.objections[0]!.id;
    expect(staffObjection(db, foreignJurist, id)).toBeNull();
    expect(takeIntoHandling(db, foreignJurist, id, LATER)).toMatchObject({ ok: false, status: 404 });
    // An inkoper of the same zorgkantoor is not the jurist.
    expect(staffObjection(db, demo.inkoper, id)).toBeNull();
  });
});

describe("the jurist's audit trail", () => {
  it("shows every step of an objection in Dutch, naming the provider (an objection is not sealed), without its content", () => {
    const receipt = fileOk(demo.aanbieder);
    takeIntoHandling(db, jurist, receipt.id, LATER);
    decideObjection(db, jurist, receipt.id, { uitkomst: "gegrond", antwoord: "Het basistarief wordt herzien." }, LATER);
    const events = loadAuditPage(jurist, { kader: SLUG, category: "objection" }, db).events;
    expect(events.map((e) => e.actionLabel)).toEqual(["Op bezwaar beslist", "Bezwaar in behandeling genomen", "Bezwaar ingediend"]);
    for (const e of events) expect(e.payload).toContain("Zorggroep De Linde");
    for (const e of events) expect(e.payload).not.toContain("GRONDEN-GEHEIM");
    // The provider filter finds them before any opening of the submissions.
    expect(loadAuditPage(jurist, { provider: "73730001", category: "objection" }, db).events).toHaveLength(3);
    // Another zorgkantoor's jurist sees none of it (asserted in "lists per year and kader" for the pages).
  });
});

describe("tenancy between providers", () => {
  it("a provider never sees another provider's objection or its attachments", () => {
    const stored = storeObjectionAttachments(db, demo.aanbieder, ctxOf(demo.aanbieder), [{ name: "a.pdf", bytes: PDF("linde") }], LATER);
    if (!stored.ok) throw new Error("upload refused");
    const sha = stored.attachments[0]!.sha256;
    const receipt = fileOk(demo.aanbieder, { attachments: [sha] });
    expect(providerObjection(db, ctxOf(demo.aanbieder2), receipt.id)).toBeNull();
    expect(providerObjections(db, ctxOf(demo.aanbieder2))).toEqual([]);
    expect(objectionAttachment(db, demo.aanbieder2, receipt.id, sha)).toBeNull();
    expect(objectionAttachment(db, demo.aanbieder, receipt.id, sha)?.name).toBe("a.pdf");
    expect(objectionAttachment(db, jurist, receipt.id, sha)?.name).toBe("a.pdf");
  });
});

describe("the database's guarantees", () => {
  it("filed content never changes, states move only forward, nothing is deleted or replaced", () => {
    const receipt = fileOk(demo.aanbieder);
    const raw = db.$client;
    expect(() => raw.prepare("UPDATE objections SET grounds = 'anders' WHERE id = ?").run(receipt.id)).toThrow(/immutable/);
    expect(() => raw.prepare("UPDATE objections SET content_sha256 = ? WHERE id = ?").run("0".repeat(64), receipt.id)).toThrow(/immutable/);
    expect(() => raw.prepare("UPDATE objections SET state = 'gegrond', answer = 'x', decided_at = 1, decided_by = 1 WHERE id = ?").run(receipt.id)).toThrow(/state may only/);
    expect(() => raw.prepare("DELETE FROM objections WHERE id = ?").run(receipt.id)).toThrow(/never deleted/);
    const row = raw.prepare("SELECT * FROM objections WHERE id = ?").get(receipt.id) as Record<string, unknown>;
    expect(() => raw.prepare(`REPLACE INTO objections (${Object.keys(row).join(",")}) VALUES (${Object.keys(row).map(() => "?").join(",")})`).run(...Object.values(row))).toThrow(/never replaced/);
    // A new objection starts as ingediend, with grounds.
    expect(() =>
      raw.prepare("INSERT INTO objections (kader_id, kader_version_id, provider_id, kind, grounds, content, content_sha256, filed_at, filed_by, idempotency_key, audit_seq, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)").run(row.kader_id, row.kader_version_id, row.provider_id, "basistarief", " ", "{}", "0".repeat(64), 1, row.filed_by, "k2", 1, "ingediend"),
    ).toThrow(/new objection/);

    takeIntoHandling(db, jurist, receipt.id, LATER);
    expect(() => raw.prepare("UPDATE objections SET state = 'gegrond', answer = '', decided_at = 1, decided_by = 1 WHERE id = ?").run(receipt.id)).toThrow(/motivated answer/);
    decideObjection(db, jurist, receipt.id, { uitkomst: "ongegrond", antwoord: "Het basistarief is onderbouwd." }, LATER);
    expect(() => raw.prepare("UPDATE objections SET answer = 'anders' WHERE id = ?").run(receipt.id)).toThrow(/state may only/);
    expect(() => raw.prepare("UPDATE objections SET state = 'in_behandeling' WHERE id = ?").run(receipt.id)).toThrow(/state may only/);
    expect(() => raw.prepare("DELETE FROM objection_attachments").run()).not.toThrow(); // nothing there: no attachment was uploaded
  });
});
