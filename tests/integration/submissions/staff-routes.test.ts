/**
 * The zorgkantoor's submission routes on a temporary database, with the real clock: the kader
 * was published and answered in the past (through the services, which take `now`), so its
 * closing time has passed and two inkopers open it through the page's forms. The route modules
 * read DATABASE_URL through their own getDb(), so it is set before they are imported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, type SessionUser } from "../../../app/auth/session.server";
import { storeAttachment } from "../../../app/services/submissions/attachments.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import type { Receipt } from "../../../app/services/submissions/receipt.server";
import { createTestDb } from "../../helpers/test-db";
import { pdfText } from "../../unit/templates/helpers";
import { addSecondZorgkantoor, DAY, seedDemoOrganisations, thrownResponse, userByEmail, type Demo } from "../kaders/fixtures";
import { declareForAssessor, publishSubmissionKader } from "./fixtures";

type ListModule = typeof import("../../../app/routes/inkoop.kaders.$slug.inschrijvingen._index/route");
type DetailModule = typeof import("../../../app/routes/inkoop.kaders.$slug.inschrijvingen.$providerId._index/route");
type FileModule = typeof import("../../../app/routes/inkoop.kaders.$slug.inschrijvingen.$providerId.bijlagen.$sha256/route");
type RecordModule = typeof import("../../../app/routes/inkoop.kaders.$slug.proces-verbaal[.pdf]/route");

const SLUG = "vv-2027";
// Published 40 days ago with a 30-day window: closed 10 days ago by the real clock.
const PAST = new Date(Date.now() - 40 * DAY);
const FILE_NAME = 'zorgplan (definitief) "v2".pdf';
const PDF = Buffer.from("%PDF-1.4\n% bijlage\n%%EOF\n");

let t: ReturnType<typeof createTestDb>;
let previousUrl: string | undefined;
let demo: Demo;
let inkoper2: SessionUser;
let receipt: Receipt;
let sha = "";
const cookies: Record<string, string> = {};
let list: ListModule;
let detail: DetailModule;
let file: FileModule;
let record: RecordModule;

beforeAll(async () => {
  t = createTestDb();
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  demo = await seedDemoOrganisations(t.db, PAST);
  // The demo's second inkoper, there for the four-eyes opening.
  inkoper2 = userByEmail(t.db, "inkoper2@demo.zorginkoop.nl");
  const foreign = addSecondZorgkantoor(t.db, PAST, "x").inkoper;
  publishSubmissionKader(t.db, demo, SLUG, PAST);
  const at = new Date(PAST.getTime() + 2 * DAY);
  const stored = storeAttachment(demo.aanbieder, SLUG, { name: FILE_NAME, bytes: PDF }, t.db, at);
  if (!stored.ok) throw new Error("attachment refused");
  sha = stored.attachment.sha256;
  const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };
  const content = { declarations: { wzd: false }, plans: { "complexe-zorg": { targetGroups: { parkinson: { answers, capacity: 9, context: "Context", expertise: "Expertise" } } } }, attachments: [sha] };
  const submitted = submit(demo.aanbieder, SLUG, content, "route-sleutel-00001", at, t.db);
  if (!submitted.ok) throw new Error("submit refused");
  receipt = submitted.receipt;
  const now = new Date();
  for (const [who, user] of [["inkoper", demo.inkoper], ["inkoper2", inkoper2], ["beoordelaar", demo.beoordelaar], ["beheerder", demo.beheerder], ["aanbieder", demo.aanbieder], ["foreign", foreign]] as const) {
    cookies[who] = `zk_session=${createSession(t.db, user.id, now).token}`;
  }
  list = await import("../../../app/routes/inkoop.kaders.$slug.inschrijvingen._index/route");
  detail = await import("../../../app/routes/inkoop.kaders.$slug.inschrijvingen.$providerId._index/route");
  file = await import("../../../app/routes/inkoop.kaders.$slug.inschrijvingen.$providerId.bijlagen.$sha256/route");
  record = await import("../../../app/routes/inkoop.kaders.$slug.proces-verbaal[.pdf]/route");
});

afterAll(() => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t.close();
});

const base = `http://localhost/inkoop/kaders/${SLUG}`;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params: { slug: SLUG, ...params }, context: { cspNonce: "", clientAddress: "test" } });
const get = (who: string, path = "/inschrijvingen") => new Request(`${base}${path}`, { headers: { Cookie: cookies[who]! } });

async function post(who: string, form: Record<string, string>): Promise<{ status: number; location: string | null; data: { errors: Record<string, string>; confirm: { message: string; confirmLabel: string; values: Record<string, string> } | null } | null }> {
  const request = new Request(`${base}/inschrijvingen`, { method: "POST", headers: { Cookie: cookies[who]! }, body: new URLSearchParams(form) });
  const result = (await list.action(args(request))) as unknown;
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), data: null };
  const d = result as { data: NonNullable<Awaited<ReturnType<typeof post>>["data"]>; init: { status?: number } | null };
  return { status: d.init?.status ?? 200, location: null, data: d.data };
}

const openingRows = () => (t.db.$client.prepare("SELECT count(*) AS n FROM submission_openings").get() as { n: number }).n;

async function sealedEverywhere(): Promise<void> {
  for (const who of ["inkoper", "inkoper2", "beoordelaar", "beheerder", "aanbieder", "foreign"]) {
    const providerId = String(demo.aanbieder.organisation!.id);
    expect((await thrownResponse(() => detail.loader(args(get(who, `/inschrijvingen/${providerId}`), { providerId })))).status, who).toBe(404);
    expect((await thrownResponse(() => file.loader(args(get(who, `/inschrijvingen/${providerId}/bijlagen/${sha}`), { providerId, sha256: sha })))).status, who).toBe(404);
    expect((await thrownResponse(() => record.loader(args(get(who, "/proces-verbaal.pdf"))))).status, who).toBe(404);
  }
}

describe("the opening through the page, with the real clock", () => {
  it("asks first, lets a second inkoper confirm, refuses the starter, and only then shows the submissions", async () => {
    // After the closing time, not opened: a count and a start button, nothing about who.
    const before = await list.loader(args(get("inkoper")));
    expect(before.overview).toMatchObject({ phase: "closed", count: 1, opening: { state: "ready", canStart: true } });
    expect(JSON.stringify(before)).not.toContain("De Linde");
    await sealedEverywhere();
    expect((await thrownResponse(() => list.loader(args(get("foreign")))))!.status).toBe(404);
    expect((await thrownResponse(() => list.loader(args(get("aanbieder")))))!.status).toBe(403);

    // The first POST only asks, and writes nothing.
    const asked = await post("inkoper", { intent: "start" });
    expect(asked.status).toBe(200);
    expect(asked.data!.confirm!.message).toContain("een tweede, andere inkoper van uw zorgkantoor de opening binnen 30 minuten bevestigen");
    expect(asked.data!.confirm!.values).toEqual({ intent: "start" });
    expect(openingRows()).toBe(0);
    // A beoordelaar cannot start it.
    expect((await thrownResponse(() => post("beoordelaar", { intent: "start", bevestigd: "ja" }))).status).toBe(403);

    const started = await post("inkoper", { intent: "start", bevestigd: "ja" });
    expect(started).toMatchObject({ status: 302, location: `/inkoop/kaders/${SLUG}/inschrijvingen?gestart=1#melding` });
    expect(openingRows()).toBe(1);
    const afterStart = await list.loader(args(get("inkoper", "/inschrijvingen?gestart=1")));
    expect(afterStart.done).toMatch(/^U heeft de opening gestart op .*Een tweede, andere inkoper moet haar bevestigen vóór/);
    expect(afterStart.overview).toMatchObject({ phase: "closed", opening: { state: "waiting", canConfirm: false, startedBy: { name: "Ingrid Inkoop" } } });
    await sealedEverywhere();

    // The starter cannot confirm: the service's Dutch message, and still sealed.
    const self = await post("inkoper", { intent: "confirm", bevestigd: "ja" });
    expect(self).toMatchObject({ status: 403, data: { errors: { _form: "U heeft de opening zelf gestart; een andere inkoper moet haar bevestigen." } } });
    await sealedEverywhere();

    const second = await list.loader(args(get("inkoper2")));
    expect(second.overview).toMatchObject({ opening: { state: "waiting", canConfirm: true } });
    const ask2 = await post("inkoper2", { intent: "confirm" });
    expect(ask2.data!.confirm!.message).toContain("U bevestigt de opening die Ingrid Inkoop op");
    expect(openingRows()).toBe(1);
    const confirmed = await post("inkoper2", { intent: "confirm", bevestigd: "ja" });
    expect(confirmed).toMatchObject({ status: 302, location: `/inkoop/kaders/${SLUG}/inschrijvingen?geopend=1#melding` });

    // Opened, but the beoordelaar has not declared its conflicts: the list leaves the provider
    // out, and its inschrijving and attachment do not exist for it. Once declared, they do.
    const providerKey = String(demo.aanbieder.organisation!.id);
    const undeclared = await list.loader(args(get("beoordelaar")));
    expect(undeclared.overview).toMatchObject({ phase: "opened", providers: [], unconfirmed: [] });
    expect((await thrownResponse(() => detail.loader(args(get("beoordelaar", `/inschrijvingen/${providerKey}`), { providerId: providerKey })))).status).toBe(404);
    expect((await thrownResponse(() => file.loader(args(get("beoordelaar", `/inschrijvingen/${providerKey}/bijlagen/${sha}`), { providerId: providerKey, sha256: sha })))).status).toBe(404);
    declareForAssessor(t.db, demo.beoordelaar.id, SLUG, [demo.aanbieder.organisation!.id], new Date());
    const opened = await list.loader(args(get("beoordelaar", "/inschrijvingen?geopend=1")));
    expect(opened.done).toMatch(/^De inschrijvingen zijn geopend op .*: gestart door Ingrid Inkoop, bevestigd door Olaf Opening\./);
    expect(opened.overview).toMatchObject({ phase: "opened", providers: [{ provider: { name: "Zorggroep De Linde" }, state: "submitted", current: { contentSha256: receipt.contentSha256 } }], unconfirmed: [] });

    // The detail, the attachment and the proces-verbaal are there now, for the zorgkantoor's staff only.
    const providerId = String(demo.aanbieder.organisation!.id);
    const d = await detail.loader(args(get("beoordelaar", `/inschrijvingen/${providerId}`), { providerId }));
    expect(d.detail.content!.declarations).toMatchObject([{ label: "Registratie Wzd", value: "nee" }]);
    expect(d.detail.content!.attachments).toEqual([{ sha256: sha, name: FILE_NAME, size: PDF.byteLength }]);
    expect((await thrownResponse(() => detail.loader(args(get("inkoper", `/inschrijvingen/${providerId}?versie=abc`), { providerId })))).status).toBe(400);

    const download = await file.loader(args(get("inkoper", `/inschrijvingen/${providerId}/bijlagen/${sha}`), { providerId, sha256: sha }));
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toBe(
      `attachment; filename="zorgplan _definitief_ _v2_.pdf"; filename*=UTF-8''zorgplan%20%28definitief%29%20%22v2%22.pdf`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const pv = await record.loader(args(get("inkoper", "/proces-verbaal.pdf")));
    expect(pv.headers.get("Content-Type")).toBe("application/pdf");
    expect(pv.headers.get("Content-Disposition")).toContain(`attachment; filename="${SLUG}-proces-verbaal-van-opening.pdf"`);
    const text = pdfText(Buffer.from(await pv.arrayBuffer())).replace(/\s+/g, " ");
    expect(text).toContain("Bevestigd door Olaf Opening");
    expect(text.replace(/\s+/g, "")).toContain(receipt.contentSha256!);

    for (const who of ["beheerder", "foreign", "aanbieder"]) {
      expect((await thrownResponse(() => detail.loader(args(get(who, `/inschrijvingen/${providerId}`), { providerId })))).status, who).toBe(404);
      expect((await thrownResponse(() => record.loader(args(get(who, "/proces-verbaal.pdf"))))).status, who).toBe(404);
    }
  });
});
