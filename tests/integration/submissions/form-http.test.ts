/**
 * The inschrijving over HTTP, through the built app and its body limits (issue 9, "Bad input"):
 * each bad input gets a clear Dutch answer at the field or on the page, never a 500, and
 * nothing half-stored. One database for the file; DATABASE_URL is set before the app starts.
 */
import net from "node:net";
import type http from "node:http";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client.server";
import { serveApp } from "../../helpers/built-app";
import { createTestDb } from "../../helpers/test-db";
import { saveDraft as saveKaderDraft } from "../../../app/services/kaders/store.server";
import { addSecondZorgkantoor, DAY, loadKader, passwordHash, PASSWORD, prepareKader, publishOrThrow, rowCounts, seedDemoOrganisations, storeTable, windowFrom, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "./fixtures";

const SLUG = "vv-http";
const CLOSED = "vv-gesloten";
const FACTS = [{ id: "hkz", label: "HKZ", type: "boolean", source: "aanbieder", question: "Heeft u een HKZ-certificaat?", evidence: "required" }];

let t: ReturnType<typeof createTestDb>;
let db: Db;
let server: http.Server;
let base: string;
let port: number;
let previousUrl: string | undefined;
let demo: Demo;
const cookies: Record<string, string> = {};
/** When the set-up published the kader: an amendment keeps that window (the opening time is fixed once open). */
let setUpAt: Date;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  // The window is open by the real clock: it opened a day ago.
  const past = new Date(Date.now() - 2 * DAY);
  setUpAt = past;
  demo = await seedDemoOrganisations(db, past);
  publishSubmissionKader(db, demo, SLUG, past, draftWithFacts(FACTS));
  // A kader whose closing time has passed.
  const longAgo = new Date(Date.now() - 20 * DAY);
  const tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, longAgo, 2025);
  prepareKader(db, demo.inkoper, { slug: CLOSED, now: longAgo, regionIds: Object.values(demo.regionIds), tableId, draft: draftWithFacts(FACTS) });
  publishOrThrow(db, demo.inkoper, CLOSED, windowFrom(longAgo, { closesIn: 5 * DAY, questionsFor: 3 * DAY }), longAgo);
  const other = addSecondZorgkantoor(db, past, await passwordHash());
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  ({ server, port, base } = await serveApp(db));
  cookies.linde = await login("aanbieder@demo.zorginkoop.nl");
  cookies.baken = await login("aanbieder2@demo.zorginkoop.nl");
  cookies.inkoper = await login("inkoper@demo.zorginkoop.nl");
  cookies.buiten = await login(other.provider.email);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

const SAME_ORIGIN = () => ({ Origin: base, "Sec-Fetch-Site": "same-origin" });

async function login(email: string): Promise<string> {
  const res = await fetch(`${base}/login`, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email, password: PASSWORD }) });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

function postForm(path: string, fields: Record<string, string | string[]>, cookie: string): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return fetch(base + path, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body });
}

function postFile(path: string, fields: Record<string, string>, file: { name: string; bytes: Uint8Array } | null, cookie: string, accept = "text/html"): Promise<Response> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" }));
  return fetch(base + path, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), Cookie: cookie, Accept: accept }, body });
}

let keys = 0;
const key = () => `http-sleutel-${String(++keys).padStart(8, "0")}`;
const form = `/kaders/${SLUG}/inschrijving`;

/** A complete answer to the fixture kader (facts: wzd, hkz; module 0, target group 1). */
function full(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "submit",
    idempotencyKey: key(),
    kaderVersion: "1",
    "decl.0": "ja",
    "decl.1": "nee",
    "module.0": "ja",
    "group.0.1": "ja",
    "plan.0.1.0": "Visie",
    "plan.0.1.1": "Aanpak",
    "plan.0.1.2": "Personeel",
    "plan.0.1.3": "Resultaten",
    "plan.0.1.capacity": "8",
    "plan.0.1.context": "Context",
    "plan.0.1.expertise": "Expertise",
    ...extra,
  };
}

const pdf = (text: string) => new Uint8Array(Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`, "latin1"));
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function rawPost(head: string, send: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), text: received.slice(received.indexOf("\r\n\r\n") + 4) });
    };
    socket.on("data", (d) => (received += d.toString("latin1")));
    socket.on("error", (error) => (received ? finish() : reject(error)));
    socket.on("close", finish);
    socket.write(head);
    socket.write(send);
  });
}

describe("submitting over HTTP", () => {
  it("answers a received submit with 303 to its receipt, shown on screen and as a PDF", async () => {
    const res = await postForm(form, full(), cookies.baken!);
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${form}/ontvangstbewijs/\\d+$`));
    const page = await (await fetch(base + location, { headers: { Cookie: cookies.baken! } })).text();
    const hash = /SHA-256 van de inhoud(?:<[^>]+>)*:?(?:<[^>]+>)*\s*([0-9a-f]{64})/.exec(page)?.[1];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const receipt = await fetch(`${base}${location}/pdf`, { headers: { Cookie: cookies.baken! } });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("content-disposition")).toMatch(/^attachment; filename="vv-http-ontvangstbevestiging-v\d+\.pdf"/);
    expect(Buffer.from(await receipt.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Nobody else reads it: another provider, the inkoper (sealed), the receipt of a version that does not exist.
    for (const cookie of [cookies.linde!, cookies.inkoper!, cookies.buiten!]) {
      expect((await fetch(base + location, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(404);
    }
  });

  it("refuses empty and oversized answers with 400 and Dutch messages at the fields, storing nothing", async () => {
    const before = rowCounts(db).submissions;
    const res = await postForm(form, full({ "plan.0.1.0": "", "plan.0.1.1": "x".repeat(20_001) }), cookies.linde!);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="veld-plan-0-1-0-fout"');
    expect(html).toContain("Vul het antwoord op");
    expect(html).toContain("is te lang (hoogstens 20.000 tekens)");
    expect(html).toContain("Uw inschrijving is niet verstuurd");
    expect(rowCounts(db).submissions).toBe(before);
  });

  it("takes a form far larger than an ordinary form (1 MB) on the inschrijving route", async () => {
    const res = await postForm(form, full({ intent: "save", "plan.0.1.context": "lange tekst ".repeat(90_000) }), cookies.linde!);
    expect(res.status).toBe(200);
  });

  it("ignores a forged provider id and a forged kader in the form: the session and the URL decide", async () => {
    const lindeId = demo.aanbieder.organisation!.id;
    const before = db.$client.prepare("SELECT COUNT(*) AS n FROM submissions WHERE provider_id = ?").get(lindeId) as { n: number };
    const res = await postForm(form, full({ providerId: String(lindeId), provider: String(lindeId), kader: CLOSED, kaderId: "1" }), cookies.baken!);
    expect(res.status).toBe(303);
    expect(db.$client.prepare("SELECT COUNT(*) AS n FROM submissions WHERE provider_id = ?").get(lindeId)).toEqual(before);
  });

  it("refuses a submit after the closing time with 403 and a Dutch message, and keeps refusing on retry", async () => {
    const before = rowCounts(db).submissions;
    const fields = full({ kaderVersion: "1" });
    for (let i = 0; i < 2; i++) {
      const res = await postForm(`/kaders/${CLOSED}/inschrijving`, fields, cookies.linde!);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("De sluitingstijd is verstreken; inschrijven kan niet meer.");
    }
    expect(rowCounts(db).submissions).toBe(before);
    // A withdrawal after the closing time: refused, said on the page (which has no form any more).
    const late = await postForm(`/kaders/${CLOSED}/inschrijving`, { intent: "withdraw", idempotencyKey: key() }, cookies.linde!);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain("De sluitingstijd is verstreken; intrekken kan niet meer.");
    // The page shows no form any more, only the versions.
    const page = await (await fetch(`${base}/kaders/${CLOSED}/inschrijving`, { headers: { Cookie: cookies.linde! } })).text();
    expect(page).not.toContain('id="inschrijfformulier"');
    expect(page).toContain("is verstreken");
  });

  it("shows the provider's state per kader on its home page and on the kader page", async () => {
    const home = await (await fetch(`${base}/aanbieder`, { headers: { Cookie: cookies.baken! } })).text();
    expect(home).toMatch(/inschrijving: <a [^>]*href="\/kaders\/vv-http\/inschrijving">ingeschreven \(versie \d+\)<\/a>/);
    expect(home).toContain("nog niet ingeschreven");
    const kader = await (await fetch(`${base}/kaders/${SLUG}`, { headers: { Cookie: cookies.baken! } })).text();
    expect(kader).toContain("Uw inschrijving");
    expect(kader).toMatch(/Stand: (<!-- -->)?ingeschreven/);
    // The inkoper's kader page has no such panel.
    const staff = await (await fetch(`${base}/kaders/${SLUG}`, { headers: { Cookie: cookies.inkoper! } })).text();
    expect(staff).not.toContain("Uw inschrijving");
  });

  it("answers a provider outside the kader's regions, and the staff, with 404 on every route", async () => {
    for (const cookie of [cookies.buiten!, cookies.inkoper!]) {
      expect((await postForm(form, full(), cookie)).status).toBe(404);
      expect((await fetch(base + form, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(404);
      expect((await postFile(`${form}/bijlagen`, { purpose: "algemeen" }, { name: "a.pdf", bytes: pdf("buiten") }, cookie)).status).toBe(404);
    }
  });

  it("refuses a form rendered before an amendment with 409", async () => {
    const res = await postForm(form, full({ kaderVersion: "0" }), cookies.linde!);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Het kader is gewijzigd nadat u dit formulier opende");
  });
});

describe("attachments over HTTP", () => {
  it("stores a PDF of almost 10 MB and answers a JSON client with its hash", async () => {
    const bytes = new Uint8Array(10 * 1024 * 1024 - 64);
    bytes.set(pdf("groot"), 0);
    const res = await postFile(`${form}/bijlagen`, { purpose: "algemeen" }, { name: "groot.pdf", bytes }, cookies.linde!, "application/json");
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ sha256: sha(bytes), name: "groot.pdf", size: bytes.byteLength });
  });

  it("refuses a 200 MB upload with 413 and a Dutch page before reading it", async () => {
    const before = rowCounts(db).submission_attachments;
    const head = `POST ${form}/bijlagen HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookies.linde}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`;
    const res = await rawPost(head, Buffer.alloc(64 * 1024, "a"));
    expect(res.status).toBe(413);
    expect(res.text).toContain("Verzoek te groot");
    expect(res.text).toContain("hoogstens 18 MB");
    expect(rowCounts(db).submission_attachments).toBe(before);
  });

  it("refuses a zip and a renamed executable named .pdf, back at the field with a Dutch message", async () => {
    const before = rowCounts(db).submission_attachments;
    const zip = new Uint8Array(Buffer.from("PK\x03\x04\x14\x00\x08\x00\x08\x00bomb", "latin1"));
    const exe = new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"));
    for (const bytes of [zip, exe]) {
      const res = await postFile(`${form}/bijlagen`, { purpose: "algemeen" }, { name: "plan.pdf", bytes }, cookies.linde!);
      expect(res.status).toBe(303);
      const location = res.headers.get("location")!;
      expect(location).toBe(`${form}?bijlagefout=geen-pdf&doel=algemeen#bijlagen`);
      const page = await (await fetch(base + location, { headers: { Cookie: cookies.linde! } })).text();
      expect(page).toContain("Alleen PDF-bestanden zijn toegestaan");
    }
    const json = await postFile(`${form}/bijlagen`, { purpose: "algemeen" }, { name: "plan.pdf", bytes: zip }, cookies.linde!, "application/json");
    expect(json.status).toBe(400);
    expect(rowCounts(db).submission_attachments).toBe(before);
  });

  it("reduces path characters in a file name to the plain name, and serves it as a download", async () => {
    const bytes = pdf("pad");
    const res = await postFile(`${form}/bijlagen`, { purpose: "algemeen" }, { name: "..\\..\\windows\\sy\"s tem.pdf", bytes }, cookies.linde!, "application/json");
    expect(res.status).toBe(201);
    expect((await res.json()).name).toBe('sy"s tem.pdf');
    const download = await fetch(`${base}${form}/bijlagen/${sha(bytes)}`, { headers: { Cookie: cookies.linde! } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="sy_s tem.pdf"; filename*=UTF-8''sy%22s%20tem.pdf`);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    // Another provider does not get it, not even knowing the hash.
    expect((await fetch(`${base}${form}/bijlagen/${sha(bytes)}`, { headers: { Cookie: cookies.baken! } })).status).toBe(404);
  });

  it("answers a broken multipart body with a Dutch message, not a 500", async () => {
    const res = await fetch(`${base}${form}/bijlagen`, {
      method: "POST",
      redirect: "manual",
      headers: { ...SAME_ORIGIN(), Cookie: cookies.linde!, "Content-Type": "multipart/form-data; boundary=zzz" },
      body: "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("bijlagefout=onleesbaar");
  });
});

// Last: it amends the kader, which every form rendered before no longer matches.
describe("after an amendment", () => {
  it("marks the submission te bevestigen, and confirming it unchanged gives a receipt for the new version", async () => {
    const page = async () => (await fetch(base + form, { headers: { Cookie: cookies.baken! } })).text();
    expect(await page()).not.toContain("Te bevestigen");
    const reworded = FACTS.map((f) => ({ ...f, question: "Heeft u een geldig HKZ-certificaat?" }));
    saveKaderDraft(demo.inkoper, loadKader(db, SLUG), draftWithFacts(reworded), db, new Date());
    publishOrThrow(db, demo.inkoper, SLUG, { ...windowFrom(setUpAt), noticeBody: "De vraag over het HKZ-certificaat is verduidelijkt." }, new Date());

    const before = await page();
    expect(before).toContain("Te bevestigen: het kader is gewijzigd");
    expect(before).toMatch(/beantwoordt versie (<!-- -->)?1(<!-- -->)? van het kader/);
    expect(before).toContain(`href="/kaders/${SLUG}#notas"`);
    const idempotencyKey = key();
    const confirmed = await postForm(form, { intent: "confirm", idempotencyKey }, cookies.baken!);
    expect(confirmed.status).toBe(303);
    const location = confirmed.headers.get("location")!;
    const receipt = await (await fetch(base + location, { headers: { Cookie: cookies.baken! } })).text();
    expect(receipt).toMatch(/Versie van het kader<\/dt><dd>versie (<!-- -->)?2/);
    // A double click: the same receipt, no third version.
    const again = await postForm(form, { intent: "confirm", idempotencyKey }, cookies.baken!);
    expect(again.headers.get("location")).toBe(location);
    expect(await page()).not.toContain("Te bevestigen");
  });
});
