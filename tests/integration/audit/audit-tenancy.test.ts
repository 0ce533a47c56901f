/**
 * The audit trail per tenant (issue 7, point 3): with two zorgkantoren, each with kader events,
 * a provider's question and logins, a jurist sees only the events of their own zorgkantoor, never
 * the provider behind a question nor other organisations' e-mail and IP addresses; the
 * beheerder sees everything. Through the real route loader, as routes.test.ts does (the routes
 * use the global getDb(), so DATABASE_URL is set before any route module is imported).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn } from "../../../app/auth/login.server";
import { createSession, type SessionUser } from "../../../app/auth/session.server";
import { askQuestion } from "../../../app/services/kaders/questions.server";
import { eventHash, GENESIS_HASH, verifyAuditChain } from "../../../db/audit.server";
import { exportAuditHead } from "../../../db/audit-head.server";
import { openDatabase, type Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import {
  addSecondZorgkantoor,
  addUser,
  DAY,
  demoActors,
  exampleDraft,
  loadKader,
  PASSWORD,
  passwordHash,
  prepareKader,
  publishOrThrow,
  request,
  storeTable,
  userByEmail,
  type Demo,
} from "../kaders/fixtures";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type AuditPage = {
  scope: "alles" | "organisatie";
  total: number;
  verdict: { ok: boolean; reason?: string | null };
  events: { seq: number; actor: string; action: string; entity: string; payload: string }[];
  nextBefore: number | null;
};

let t: ReturnType<typeof createTestDb>;
let db: Db;
let previousUrl: string | undefined;
let demo: Demo;
let other: ReturnType<typeof addSecondZorgkantoor>;
let juristA: SessionUser;
let juristB: SessionUser;
let auditLoader: Loader;
let juridischLoader: Loader;
let closeGlobalDb: () => void;

const ADDRESS_A_PROVIDER = "203.0.113.9";
const ADDRESS_A_INKOPER = "203.0.113.10";
const ADDRESS_B_INKOPER = "198.51.100.7";
const ADDRESS_B_FAILED = "198.51.100.66";
const B_CONCEPT_TITLE = "Ongepubliceerd concept Anders 2027";
const B_BUDGET = "7654321.00";
const QUESTION = "Telt een plan dat na de sluitingstijd wordt aangevuld nog mee voor de module?";

const context = { cspNonce: "test", clientAddress: "127.0.0.1" };

async function allEvents(user: SessionUser): Promise<AuditPage & { all: AuditPage["events"] }> {
  const token = createSession(db, user.id).token;
  const all: AuditPage["events"] = [];
  let first: AuditPage | undefined;
  let before: number | null = null;
  do {
    const data = (await auditLoader({ request: request(`/audit${before ? `?voor=${before}` : ""}`, { token }), params: {}, context })) as { state: "ok"; page: AuditPage };
    const page = data.page;
    first ??= page;
    all.push(...page.events);
    before = page.nextBefore;
  } while (before !== null);
  return { ...first!, all };
}

/** Everything the page shows, as the reader sees it (payloads unescaped). */
function shown(page: AuditPage & { all: AuditPage["events"] }): string {
  return [JSON.stringify(page.verdict), ...page.all.map((e) => `${e.seq} ${e.actor} ${e.action} ${e.entity} ${e.payload}`)].join("\n");
}

function organisationsOf(seq: number): number[] {
  return JSON.parse((db.$client.prepare("SELECT organisation_ids AS o FROM audit_events WHERE seq = ?").get(seq) as { o: string }).o) as number[];
}

function seqsOf(action: string, filter: (payload: Record<string, unknown>, entityId: string | null) => boolean = () => true): number[] {
  return (db.$client.prepare("SELECT seq, payload, entity_id AS entityId FROM audit_events WHERE action = ? ORDER BY seq").all(action) as { seq: number; payload: string; entityId: string | null }[])
    .filter((r) => filter(JSON.parse(r.payload) as Record<string, unknown>, r.entityId))
    .map((r) => r.seq);
}

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  const now = new Date();
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now });
  demo = demoActors(db);
  const hash = await passwordHash();
  other = addSecondZorgkantoor(db, now, hash);
  juristA = userByEmail(db, "jurist@demo.zorginkoop.nl");
  juristB = addUser(db, "jurist-b@anders.example", ["jurist"], other.zorgkantoorId, hash, now);

  // Zorgkantoor B: a tariff table, a published kader its provider asks about, and a concept with a contracteerruimte.
  const tableB = storeTable(db, other.zorgkantoorId, other.inkoper, now);
  prepareKader(db, other.inkoper, { slug: "anders-vv-2026", now, regionIds: [other.regionId], tableId: tableB });
  publishOrThrow(db, other.inkoper, "anders-vv-2026", { opensAt: new Date(now.getTime() + DAY), questionsUntil: new Date(now.getTime() + 10 * DAY), closesAt: new Date(now.getTime() + 20 * DAY) }, now);
  prepareKader(db, other.inkoper, { slug: "anders-concept-2027", now, regionIds: [other.regionId], tableId: tableB, draft: { ...exampleDraft(), title: B_CONCEPT_TITLE }, budgetCeiling: B_BUDGET });
  const askedB = askQuestion(other.provider, loadKader(db, "anders-vv-2026"), QUESTION, db, now);
  if (!askedB.ok) throw new Error(JSON.stringify(askedB));

  // Zorgkantoor A (the demo): a provider's question on the demo kader.
  const askedA = askQuestion(demo.aanbieder, loadKader(db, "demo-vv-2026"), QUESTION, db, now);
  if (!askedA.ok) throw new Error(JSON.stringify(askedA));

  // Logins: of both zorgkantoren, of a provider, and a failed one on B's inkoper.
  for (const [email, address] of [
    [demo.inkoper.email, ADDRESS_A_INKOPER],
    [demo.aanbieder.email, ADDRESS_A_PROVIDER],
    [other.inkoper.email, ADDRESS_B_INKOPER],
  ] as const) {
    const outcome = await logIn(db, { email, password: PASSWORD, address });
    if (!outcome.ok) throw new Error(`login ${email} failed`);
  }
  expect((await logIn(db, { email: other.inkoper.email, password: "fout wachtwoord", address: ADDRESS_B_FAILED })).ok).toBe(false);

  exportAuditHead(db, { dir: path.join(path.dirname(t.file), "heads"), reason: "start" });

  auditLoader = ((await import("../../../app/routes/audit/route")) as { loader: Loader }).loader;
  juridischLoader = ((await import("../../../app/routes/juridisch._index/route")) as { loader: Loader }).loader;
  const client = await import("../../../db/client.server");
  closeGlobalDb = () => client.getDb().$client.close();
}, 60_000);

afterAll(() => {
  closeGlobalDb?.();
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

describe("who each event concerns", () => {
  it("kader events name their zorgkantoor; a question names the kader's zorgkantoor and the provider; a login the user's organisation", () => {
    const a = demo.zorgkantoorId;
    const b = other.zorgkantoorId;
    for (const seq of seqsOf("kader.publish", (_, slug) => slug === "anders-vv-2026")) expect(organisationsOf(seq)).toEqual([b]);
    for (const seq of seqsOf("kader.settings", (_, slug) => slug === "anders-concept-2027")) expect(organisationsOf(seq)).toEqual([b]);
    for (const seq of seqsOf("kader.publish", (_, slug) => slug === "demo-vv-2026")) expect(organisationsOf(seq)).toEqual([a]);
    const [askA] = seqsOf("question.ask", (p) => p.kader === "demo-vv-2026");
    expect(organisationsOf(askA!)).toEqual([a, demo.aanbieder.organisation!.id].sort((x, y) => x - y));
    const [askB] = seqsOf("question.ask", (p) => p.kader === "anders-vv-2026");
    expect(organisationsOf(askB!)).toEqual([b, other.providerOrgId].sort((x, y) => x - y));
    const [loginProvider] = seqsOf("auth.login", (p) => p.address === ADDRESS_A_PROVIDER);
    expect(organisationsOf(loginProvider!)).toEqual([demo.aanbieder.organisation!.id]);
    const [failed] = seqsOf("auth.login_failed", (p) => p.address === ADDRESS_B_FAILED);
    expect(organisationsOf(failed!)).toEqual([b]);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("the organisations are covered by the hash chain: changing whom an event concerns breaks it", () => {
    // On a copy of this database, so that the other tests keep the original.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-audit-copy-"));
    const file = path.join(dir, "copy.db");
    db.$client.exec(`VACUUM INTO '${file}'`);
    const copy = openDatabase(file);
    try {
      const [askB] = seqsOf("question.ask", (p) => p.kader === "anders-vv-2026");
      copy.$client.exec("DROP TRIGGER audit_events_no_update");
      copy.$client.prepare("UPDATE audit_events SET organisation_ids = ? WHERE seq = ?").run(JSON.stringify([demo.zorgkantoorId]), askB);
      expect(verifyAuditChain(copy)).toMatchObject({ ok: false, firstBadSeq: askB });
      // Nor can an event written for nobody be handed to a tenant afterwards.
      copy.$client.prepare("UPDATE audit_events SET organisation_ids = '[]' WHERE seq = ?").run(askB);
      copy.$client.prepare("UPDATE audit_events SET organisation_ids = ? WHERE seq = 1").run(JSON.stringify([demo.zorgkantoorId]));
      expect(verifyAuditChain(copy)).toMatchObject({ ok: false, firstBadSeq: 1 });
    } finally {
      copy.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // An event concerning nobody hashes exactly as before the column existed, so old chains verify.
    const first = db.$client
      .prepare("SELECT seq, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId, payload, organisation_ids AS o, hash FROM audit_events WHERE seq = 1")
      .get() as { seq: number; at: string; actorUserId: number | null; action: string; entityType: string; entityId: string | null; payload: string; o: string; hash: string };
    expect(first.o).toBe("[]");
    const { hash, o: _o, ...fields } = first;
    expect(eventHash(GENESIS_HASH, fields)).toBe(hash);
  });
});

describe("GET /audit with bad filters", () => {
  it("answers 400 with the Dutch errors at the fields, and no events", async () => {
    const token = createSession(db, juristA.id).token;
    const answer = (await auditLoader({ request: request("/audit?aanbieder=12&soort=constructor", { token }), params: {}, context })) as unknown as {
      init: { status: number };
      data: { state: string; errors: Record<string, string>; page?: unknown };
    };
    expect(answer.init.status).toBe(400);
    expect(answer.data.state).toBe("invalid");
    expect({ ...answer.data.errors }).toEqual({ aanbieder: "Een AGB-code heeft 8 cijfers.", soort: "Kies een soort uit de lijst." });
    expect(answer.data.page).toBeUndefined();
  });
});

describe("GET /audit per role", () => {
  it("a jurist of zorgkantoor A sees only events concerning A: none of B's, and no provider behind a question", async () => {
    const page = await allEvents(juristA);
    expect(page.scope).toBe("organisatie");
    expect(page.all.length).toBeGreaterThan(5);
    expect(page.total).toBe(page.all.length);
    for (const e of page.all) expect(organisationsOf(e.seq)).toContain(demo.zorgkantoorId);
    const text = shown(page);
    for (const secret of [
      "anders-vv-2026",
      "anders-concept-2027",
      B_CONCEPT_TITLE,
      B_BUDGET,
      other.inkoper.email,
      other.provider.email,
      juristB.email,
      ADDRESS_B_INKOPER,
      ADDRESS_B_FAILED,
      // The demo provider asked a question on A's kader: A's staff must not learn who.
      demo.aanbieder.email,
      ADDRESS_A_PROVIDER,
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    // A's own events are there, with A's own people named.
    expect(page.all.some((e) => e.action === "kader.publish" && e.entity === "kader demo-vv-2026")).toBe(true);
    const ask = page.all.find((e) => e.action === "question.ask");
    expect(ask?.actor).toBe("Zorgaanbieder (andere organisatie)");
    expect(ask?.payload).toContain('"providerId":"(afgeschermd)"');
    // The registry import names the zorgkantoor's own providers; the question never does.
    expect(ask?.payload).not.toContain(`"providerId":${demo.aanbieder.organisation!.id}`);
    expect(ask?.payload).not.toContain(demo.aanbieder.organisation!.name);
    const ownLogin = page.all.find((e) => e.action === "auth.login" && e.actor === `Ingrid Inkoop (${demo.inkoper.email})`);
    expect(ownLogin?.payload).toContain(ADDRESS_A_INKOPER);
    expect(page.verdict).toMatchObject({ ok: true });
  });

  it("a jurist of zorgkantoor B sees B's events (its own inkoper's failed login included) and none of A's", async () => {
    const page = await allEvents(juristB);
    for (const e of page.all) expect(organisationsOf(e.seq)).toContain(other.zorgkantoorId);
    const text = shown(page);
    expect(text).toContain("anders-concept-2027");
    expect(text).toContain(ADDRESS_B_FAILED);
    for (const secret of ["demo-vv-2026", demo.inkoper.email, ADDRESS_A_INKOPER, other.provider.email, `"providerId":${other.providerOrgId}`]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it("the beheerder sees the whole trail, with e-mail and IP addresses", async () => {
    const page = await allEvents(demo.beheerder);
    const all = (db.$client.prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n;
    expect(page.scope).toBe("alles");
    // Each page load by another user adds nothing (reads are not audited); the count is the trail's.
    expect(page.all.length).toBe(all);
    expect(page.total).toBe(all);
    const text = shown(page);
    for (const visible of [B_CONCEPT_TITLE, ADDRESS_B_INKOPER, ADDRESS_A_PROVIDER, demo.aanbieder.email, `"providerId":${demo.aanbieder.organisation!.id}`]) {
      expect(text, visible).toContain(visible);
    }
  });

  it("a jurist without an organisation sees no events", async () => {
    const loose = addUser(db, "jurist-los@example.org", ["jurist"], null, await passwordHash(), new Date());
    const page = await allEvents(loose);
    expect(page.all).toEqual([]);
    expect(page.total).toBe(0);
  });

  it("the jurist's page shows the last export of the chain's head (time, event, hash), not who it concerns", async () => {
    const exported = db.$client.prepare("SELECT at, payload FROM audit_events WHERE action = 'audit.head_export' ORDER BY seq DESC LIMIT 1").get() as { at: string; payload: string };
    const { seq, hash } = JSON.parse(exported.payload) as { seq: number; hash: string };
    const data = (await juridischLoader({ request: request("/juridisch", { token: createSession(db, juristA.id).token }), params: {}, context })) as { headExport: unknown };
    expect(data.headExport).toEqual({ at: exported.at, seq, hash, reason: "start" });
  });
});
