/**
 * Request bodies over HTTP (server/app.ts + server/request-body.ts around the Remix build):
 * oversized bodies get 413 before any handler reads them, bodies that are no form get 400
 * instead of 500, and control characters in names and titles are refused. Like http.test.ts
 * this file uses one database and sets DATABASE_URL before the app is created.
 */
import net from "node:net";
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client.server";
import { sessionCookieName } from "../../../app/auth/session.server";
import { serveApp } from "../../helpers/built-app";
import { createTestDb } from "../../helpers/test-db";
import { addOrganisation, addUser, PASSWORD, rowCounts } from "./fixtures";


let t: ReturnType<typeof createTestDb>;
let db: Db;
let server: http.Server;
let base: string;
let port: number;
let previousUrl: string | undefined;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  ({ server, port, base } = await serveApp(db));
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

const SAME_ORIGIN = () => ({ Origin: base, "Sec-Fetch-Site": "same-origin" });

function post(p: string, body: BodyInit | null, headers: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(base + p, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), ...(cookie ? { Cookie: cookie } : {}), ...headers }, body });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const URLENCODED = { "Content-Type": "application/x-www-form-urlencoded" };

async function loginCookie(email: string): Promise<string> {
  const res = await post("/login", form({ email, password: PASSWORD }), URLENCODED);
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

let counter = 0;
async function account(roles: Parameters<typeof addUser>[1]["roles"], organisationId: number | null = null): Promise<string> {
  const user = await addUser(db, { email: `limits${++counter}@zk.example`, roles, organisationId });
  return loginCookie(user.email);
}

/**
 * Sends request headers and then only `send` bytes of the declared body over a raw socket, and
 * returns the status line and body of the answer: the server must answer without the rest.
 */
function rawPost(head: string, send: Buffer | null, chunked?: { chunk: Buffer; times: number }): Promise<{ status: number; text: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    let sent = 0;
    socket.on("data", (d) => (received += d.toString("latin1")));
    socket.on("error", (error) => (received ? finish() : reject(error)));
    socket.on("close", () => finish());
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, text: received.slice(received.indexOf("\r\n\r\n") + 4), sent });
    };
    socket.write(head);
    if (send) {
      socket.write(send);
      sent += send.byteLength;
    }
    if (chunked) {
      let i = 0;
      const next = () => {
        // A client stops sending once it has an answer.
        if (done || received || socket.destroyed || i++ >= chunked.times) return;
        const ok = socket.write(Buffer.concat([Buffer.from(`${chunked.chunk.byteLength.toString(16)}\r\n`), chunked.chunk, Buffer.from("\r\n")]));
        sent += chunked.chunk.byteLength;
        if (ok) setImmediate(next);
        else socket.once("drain", next);
      };
      next();
    }
  });
}

describe("body size limits", () => {
  it("answers a 100 MB POST /login with 413 and a Dutch page after reading only its start", async () => {
    const before = rowCounts(db);
    const head = `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`;
    const res = await rawPost(head, Buffer.alloc(64 * 1024, "a"));
    expect(res.status).toBe(413);
    expect(res.text).toContain("Verzoek te groot");
    expect(res.text).toContain("hoogstens 128 kB");
    expect(rowCounts(db)).toEqual(before);
  });

  it("counts a chunked body (no Content-Length) as it streams, and stops it at the limit", async () => {
    const head = `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`;
    // Up to 100 MB offered in 64 kB chunks; the answer comes long before.
    const res = await rawPost(head, null, { chunk: Buffer.alloc(64 * 1024, "a"), times: 1600 });
    expect(res.status).toBe(413);
    expect(res.text).toContain("Verzoek te groot");
    expect(res.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it("allows the upload size on the import routes, but not past it", async () => {
    const cookie = await account(["inkoper"], addOrganisation(db, "zorgkantoor", "ZK Limieten"));
    // 1 MB is far past the form limit, well within the upload limit: the route answers (no file → 400 at the field).
    const mid = await post("/inkoop/tarieven", form({ year: "2027", note: "x".repeat(1024 * 1024) }), URLENCODED, cookie);
    expect(mid.status).toBe(400);
    expect(await mid.text()).not.toContain("Verzoek te groot");
    const head = `POST /inkoop/tarieven HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${6 * 1024 * 1024}\r\n\r\n`;
    const big = await rawPost(head, Buffer.alloc(1024, "a"));
    expect(big.status).toBe(413);
    expect(big.text).toContain("hoogstens 5 MB");
  });

  it("holds a request without a valid session to the form limit, also on the upload routes", async () => {
    for (const cookie of [undefined, `${sessionCookieName()}=vervalst`]) {
      for (const p of ["/inkoop/tarieven", "/kaders/vv-2027/inschrijving", "/kaders/vv-2027/inschrijving/bijlagen"]) {
        const res = await post(p, form({ note: "x".repeat(1024 * 1024) }), URLENCODED, cookie);
        expect(res.status, `${p} ${cookie ?? "anoniem"}`).toBe(413);
        expect(await res.text()).toContain("128 kB");
      }
    }
  });
});

describe("heavy uploads through the built app", () => {
  it("reads a tariff CSV in the parse worker, and refuses 200,000 columns with one Dutch message", async () => {
    const cookie = await account(["inkoper"], addOrganisation(db, "zorgkantoor", "ZK Upload"));
    const upload = (text: string) => {
      const body = new FormData();
      body.set("year", "2027");
      body.set("file", new Blob([text], { type: "text/csv" }), "tarieven.csv");
      return fetch(`${base}/inkoop/tarieven`, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), Cookie: cookie }, body });
    };
    const good = await upload("prestatie;sector;omschrijving;eenheid;maximumtarief;nhc;nic\n5VV;VV;ZZP 5 VV;dag;260,00;21,50;3,50\n");
    expect(good.status).toBe(200);
    expect(await good.text()).not.toContain("kan niet");
    const wide = Array.from({ length: 200_000 }, (_, i) => `k${i}`).join(";");
    const res = await upload(`${wide}\n1;2\n`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("bestand heeft meer dan 200 kolommen");
    // One message, not one per column: the answer stays small.
    expect(html.length).toBeLessThan(200_000);
  });
});

describe("bodies that are no form", () => {
  it("answers text/plain, JSON, a missing content type and multipart on a form route with 400, not 500", async () => {
    const admin = await account(["beheerder"]);
    const bodies: [string, Record<string, string>][] = [
      ["email=a@b.nl&password=x", { "Content-Type": "text/plain" }],
      ['{"email":"a@b.nl","password":"x"}', { "Content-Type": "application/json" }],
      ["email=a@b.nl&password=x", {}],
      ["--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.nl\r\n--x--\r\n", { "Content-Type": "multipart/form-data; boundary=x" }],
    ];
    for (const p of ["/login", "/login.data", "/beheer/organisaties/nieuw", "/beheer/gebruikers/nieuw", "/inkoop"]) {
      for (const [body, headers] of bodies) {
        // fetch adds text/plain to a string body; a Blob without a type sends no Content-Type at all.
        const payload = headers["Content-Type"] ? body : new Blob([body]);
        const res = await post(p, payload, headers, p === "/login" || p === "/login.data" ? undefined : admin);
        expect(res.status, `${p} ${headers["Content-Type"] ?? "(geen)"}`).toBe(400);
        expect(await res.text()).toContain("Verzoek niet begrepen");
      }
    }
  });

  it("answers a broken multipart body on an upload route with 400 and a Dutch message at the file", async () => {
    const cookie = await account(["inkoper"], addOrganisation(db, "zorgkantoor", "ZK Kapot"));
    const res = await post("/inkoop/tarieven", "--x\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2027\r\n--x", { "Content-Type": "multipart/form-data; boundary=x" }, cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Het formulier kon niet worden gelezen");
  });

  it("still takes a bare POST /logout without body or content type", async () => {
    const cookie = await account(["beheerder"]);
    const res = await post("/logout", null, {}, cookie);
    expect(res.status).toBe(302);
  });
});

describe("control characters in names and titles", () => {
  it("refuses a NUL in an organisation name, a user name and a kader title with 400, writing nothing", async () => {
    const admin = await account(["beheerder"]);
    const zk = addOrganisation(db, "zorgkantoor", "ZK Titels");
    const inkoper = await account(["inkoper"], zk);
    const before = rowCounts(db);
    const cases: [string, Record<string, string>, string][] = [
      ["/beheer/organisaties/nieuw", { kind: "zorgkantoor", name: "Zorg\u0000kantoor" }, admin],
      ["/beheer/gebruikers/nieuw", { name: "Jan\u0000Jansen", email: "nul@zk.example", roles: "beheerder", password: PASSWORD }, admin],
      ["/inkoop", { slug: "nul-2027", title: "Kader\u0000 2027", year: "2027" }, inkoper],
    ];
    for (const [p, fields, cookie] of cases) {
      const res = await post(p, form(fields), URLENCODED, cookie);
      expect(res.status, p).toBe(400);
      expect(await res.text()).toContain("ongeldig teken");
    }
    expect(rowCounts(db)).toEqual(before);
  });

  it("shows other control characters as a field error in the form", async () => {
    const admin = await account(["beheerder"]);
    const before = rowCounts(db);
    const res = await post("/beheer/organisaties/nieuw", form({ kind: "zorgkantoor", name: "Zorg\u0007kantoor" }), URLENCODED, admin);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Dit veld bevat een ongeldig teken (een stuurteken, zoals een nulteken). Verwijder het.");
    expect(html).toContain("Nieuwe organisatie");
    expect(rowCounts(db)).toEqual(before);
  });
});
