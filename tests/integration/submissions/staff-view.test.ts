// The zorgkantoor's side of the inschrijving (issue 9): the overview, one provider's detail, the
// attachments and the proces-verbaal van opening, built from real submissions on a temporary
// database. Before the opening only the count exists for the staff; afterwards every provider's
// every version, with the ones that answered an older kader version listed apart.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { publishKader } from "../../../app/services/kaders/publication.server";
import { readAttachment, storeAttachment } from "../../../app/services/submissions/attachments.server";
import { confirmOpening, startOpening } from "../../../app/services/submissions/opening.server";
import { openingRecordPdf, openingRecordViewModel } from "../../../app/services/submissions/opening-record.server";
import { submissionAttachment, submissionDetail, submissionsOverview } from "../../../app/services/submissions/staff.server";
import { submit, withdraw } from "../../../app/services/submissions/submissions.server";
import type { Receipt } from "../../../app/services/submissions/receipt.server";
import type { Db } from "../../../db/client.server";
import { organisations } from "../../../db/schema";
import { openingRecordTotals } from "../../../templates/opening-record";
import { createTestDb } from "../../helpers/test-db";
import { FIXED_CREATION_DATE, pdfText } from "../../unit/templates/helpers";
import { addSecondZorgkantoor, addUser, DAY, HOUR, loadKader, seedDemoOrganisations, windowFrom, type Demo } from "../kaders/fixtures";
import { declareForAssessor, draftWithFacts, publishSubmissionKader } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const CLOSES = new Date(NOW.getTime() + 30 * DAY);
const AFTER = new Date(CLOSES.getTime() + 60_000);
const SLUG = "vv-2027";
const CANARY = "KANARIE-7f3a";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let inkoper2: SessionUser;
let jurist: SessionUser;
let eikenhof: SessionUser;
let foreignInkoper: SessionUser;
const ids = { linde: 0, baken: 0, eikenhof: 0 };
const receipts: Record<string, Receipt> = {};
let attachmentSha = "";
let unsubmittedSha = "";

function content(marker: string, capacity: number, attachments: string[] = []): Record<string, unknown> {
  const answers = { visie: `Visie ${marker}`, aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Meetbare doelen" };
  return {
    declarations: { wzd: true },
    plans: { "complexe-zorg": { targetGroups: { parkinson: { answers, capacity, context: `Context ${marker}`, expertise: "Expertise" } } } },
    attachments,
  };
}

function ok(result: ReturnType<typeof submit>): Receipt {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.receipt;
}

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  inkoper2 = addUser(db, "tweede-inkoper@staff.example", ["inkoper"], demo.zorgkantoorId, "x", NOW);
  jurist = addUser(db, "jurist@staff.example", ["jurist"], demo.zorgkantoorId, "x", NOW);
  ids.linde = demo.aanbieder.organisation!.id;
  ids.baken = demo.aanbieder2.organisation!.id;
  ids.eikenhof = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Zorgcentrum Eikenhof")).get()!.id;
  eikenhof = addUser(db, "aanbieder@eikenhof.example", ["zorgaanbieder"], ids.eikenhof, "x", NOW);
  foreignInkoper = addSecondZorgkantoor(db, NOW, "x").inkoper;
  publishSubmissionKader(db, demo, SLUG, NOW);

  // De Linde: version 1, then version 2 with an attachment (and one PDF uploaded but never submitted).
  receipts.linde1 = ok(submit(demo.aanbieder, SLUG, content(`${CANARY} eerste`, 10), "linde-sleutel-0001", OPEN, db));
  const stored = storeAttachment(demo.aanbieder, SLUG, { name: "zorgplan.pdf", bytes: pdfBytes(CANARY) }, db, OPEN);
  const loose = storeAttachment(demo.aanbieder, SLUG, { name: "los.pdf", bytes: pdfBytes("los") }, db, OPEN);
  if (!stored.ok || !loose.ok) throw new Error("attachment refused");
  attachmentSha = stored.attachment.sha256;
  unsubmittedSha = loose.attachment.sha256;
  receipts.linde2 = ok(submit(demo.aanbieder, SLUG, content(`${CANARY} tweede`, 12, [attachmentSha]), "linde-sleutel-0002", new Date(OPEN.getTime() + HOUR), db));
  // Het Baken submits before the kader is amended and never confirms.
  receipts.baken1 = ok(submit(demo.aanbieder2, SLUG, content(`${CANARY} baken`, 7), "baken-sleutel-0001", new Date(OPEN.getTime() + 2 * HOUR), db));
  // Eikenhof submits and withdraws.
  receipts.eik1 = ok(submit(eikenhof, SLUG, content(`${CANARY} eikenhof`, 3), "eik-sleutel-00001", new Date(OPEN.getTime() + 3 * HOUR), db));
  receipts.eik2 = ok(withdraw(eikenhof, SLUG, "eik-sleutel-00002", new Date(OPEN.getTime() + 4 * HOUR), db));
  // The kader is amended; De Linde replaces its submission afterwards, against version 2.
  const amended = publishKader(demo.inkoper, loadKader(db, SLUG), { ...windowFrom(NOW, { questionsFor: 15 * DAY }), noticeBody: "Vragen kunnen een dag langer." }, db, new Date(OPEN.getTime() + DAY));
  if (!amended.ok) throw new Error(`amend refused: ${JSON.stringify(amended)}`);
  receipts.linde3 = ok(submit(demo.aanbieder, SLUG, content(`${CANARY} derde`, 14, [attachmentSha]), "linde-sleutel-0003", new Date(OPEN.getTime() + 2 * DAY), db));
});

afterEach(() => t.close());

function open(): void {
  const started = startOpening(demo.inkoper, SLUG, AFTER, db);
  const confirmed = confirmOpening(inkoper2, SLUG, new Date(AFTER.getTime() + 60_000), db);
  if (!started.ok || !confirmed.ok) throw new Error("opening refused");
}
const OPENED = new Date(AFTER.getTime() + 2 * 60_000);

describe("before the opening", () => {
  it("shows the staff only the number of current submissions, and nothing of who or what", () => {
    for (const actor of [demo.inkoper, demo.beoordelaar, jurist]) {
      const result = submissionsOverview(actor, SLUG, new Date(CLOSES.getTime() - 1), db);
      expect(result).toMatchObject({ ok: true, overview: { phase: "sealed", count: 2, opening: { state: "not_yet" } } });
      const text = JSON.stringify(result);
      for (const secret of [CANARY, "De Linde", "Het Baken", "Eikenhof", attachmentSha, receipts.linde3!.contentSha256!]) expect(text).not.toContain(secret);
    }
    for (const actor of [foreignInkoper, demo.beheerder, demo.aanbieder]) {
      expect(submissionsOverview(actor, SLUG, new Date(CLOSES.getTime() - 1), db)).toMatchObject({ ok: false, status: 404 });
    }
  });

  it("answers 404 to the detail, the attachment and the proces-verbaal for every staff member and the beheerder, before and after the closing time until the opening is confirmed", () => {
    const everyone = [demo.inkoper, inkoper2, demo.beoordelaar, jurist, demo.beheerder, foreignInkoper, demo.aanbieder2];
    const times = [new Date(CLOSES.getTime() - 1), AFTER];
    for (const at of times) {
      for (const actor of everyone) {
        expect(submissionDetail(actor, SLUG, ids.linde, null, at, db)).toMatchObject({ ok: false, status: 404 });
        expect(submissionDetail(actor, SLUG, ids.linde, 1, at, db)).toMatchObject({ ok: false, status: 404 });
        expect(submissionAttachment(actor, SLUG, ids.linde, attachmentSha, at, db)).toMatchObject({ ok: false, status: 404 });
        expect(openingRecordViewModel(actor, SLUG, at, db)).toMatchObject({ ok: false, status: 404 });
      }
    }
    // Started but not confirmed: still sealed.
    expect(startOpening(demo.inkoper, SLUG, AFTER, db).ok).toBe(true);
    const waiting = new Date(AFTER.getTime() + 1000);
    expect(submissionsOverview(inkoper2, SLUG, waiting, db)).toMatchObject({ ok: true, overview: { phase: "closed", count: 2, opening: { state: "waiting", canConfirm: true } } });
    expect(submissionsOverview(demo.inkoper, SLUG, waiting, db)).toMatchObject({ ok: true, overview: { opening: { state: "waiting", canConfirm: false } } });
    for (const actor of everyone) {
      expect(submissionDetail(actor, SLUG, ids.linde, null, waiting, db)).toMatchObject({ ok: false, status: 404 });
      expect(openingRecordViewModel(actor, SLUG, waiting, db)).toMatchObject({ ok: false, status: 404 });
    }
  });
});

describe("after the opening", () => {
  it("lists every provider's current version, the unconfirmed ones apart, and who offers what per module and target group", () => {
    open();
    // A beoordelaar that has not declared its conflicts sees no provider; once declared, all.
    const undeclared = submissionsOverview(demo.beoordelaar, SLUG, OPENED, db);
    expect(undeclared.ok && undeclared.overview.phase === "opened" && [undeclared.overview.providers, undeclared.overview.unconfirmed]).toEqual([[], []]);
    declareForAssessor(db, demo.beoordelaar.id, SLUG, [ids.linde, ids.baken, ids.eikenhof], OPENED);
    const result = submissionsOverview(demo.beoordelaar, SLUG, OPENED, db);
    if (!result.ok || result.overview.phase !== "opened") throw new Error(`not opened: ${JSON.stringify(result)}`);
    const o = result.overview;
    expect(o.currentKaderVersion).toBe(2);
    expect(o.opening).toMatchObject({ state: "complete", startedBy: { id: demo.inkoper.id }, confirmedBy: { id: inkoper2.id } });
    expect(o.providers.map((p) => [p.provider.name, p.state, p.versions, p.current.version, p.current.contentSha256])).toEqual([
      ["Zorgcentrum Eikenhof", "withdrawn", 2, 2, null],
      ["Zorggroep De Linde", "submitted", 3, 3, receipts.linde3!.contentSha256],
    ]);
    expect(o.providers[1]!.current.receivedAtAmsterdam).toBe(receipts.linde3!.receivedAtAmsterdam);
    expect(o.unconfirmed.map((p) => [p.provider.name, p.provider.agb, p.unconfirmed, p.current.kaderVersion])).toEqual([["Stichting Het Baken", "73730002", true, 1]]);
    const module = o.modules.find((m) => m.id === "complexe-zorg")!;
    expect(module.label).toBe("Module complexe zorg V&V");
    const parkinson = module.groups.find((g) => g.id === "parkinson")!;
    expect(parkinson.label).toBe("Mensen met Parkinson");
    expect(parkinson.providers.map((p) => [p.name, p.capacity, p.unconfirmed])).toEqual([
      ["Stichting Het Baken", 7, true],
      ["Zorggroep De Linde", 14, false],
    ]);
    // A group nobody chose is listed, empty; the withdrawn provider offers nothing.
    expect(module.groups.find((g) => g.id === "jonge-dementie")!.providers).toEqual([]);
    // Another zorgkantoor and the beheerder still learn nothing.
    for (const actor of [foreignInkoper, demo.beheerder]) expect(submissionsOverview(actor, SLUG, OPENED, db)).toMatchObject({ ok: false, status: 404 });
  });

  it("shows one provider's declarations, plans with criterion labels, attachments and every version", () => {
    open();
    const result = submissionDetail(demo.inkoper, SLUG, ids.linde, null, OPENED, db);
    if (!result.ok) throw new Error("detail refused");
    const d = result.detail;
    expect(d.provider).toMatchObject({ name: "Zorggroep De Linde", agb: "73730001" });
    expect(d.versions.map((v) => [v.receipt.version, v.state, v.answersOlderKader])).toEqual([
      [3, "current", false],
      [2, "superseded", true],
      [1, "superseded", true],
    ]);
    expect(d.shown.receipt).toEqual(receipts.linde3);
    expect(d.content!.declarations).toEqual([{ factId: "wzd", label: "Registratie Wzd", question: "Staat u geregistreerd in het Wzd-register?", value: "ja", evidenceRequired: false, evidence: [] }]);
    const plan = d.content!.plans[0]!;
    expect(plan.label).toBe("Module complexe zorg V&V");
    expect(plan.targetGroups[0]).toMatchObject({ id: "parkinson", label: "Mensen met Parkinson", capacity: 14, context: `Context ${CANARY} derde` });
    expect(plan.targetGroups[0]!.answers.map((a) => a.label)).toEqual(["Visie en doelgroepanalyse", "Plan van aanpak", "Expertise en personeel", "Meetbare resultaten"]);
    expect(d.content!.attachments).toEqual([{ sha256: attachmentSha, name: "zorgplan.pdf", size: pdfBytes(CANARY).byteLength }]);

    const first = submissionDetail(demo.inkoper, SLUG, ids.linde, 1, OPENED, db);
    expect(first.ok && first.detail.shown.receipt).toEqual(receipts.linde1);
    expect(first.ok && first.detail.content!.plans[0]!.targetGroups[0]!.capacity).toBe(10);
    expect(submissionDetail(demo.inkoper, SLUG, ids.linde, 4, OPENED, db)).toMatchObject({ ok: false, status: 404 });

    const withdrawn = submissionDetail(jurist, SLUG, ids.eikenhof, null, OPENED, db);
    expect(withdrawn.ok && [withdrawn.detail.shown.state, withdrawn.detail.content]).toEqual(["withdrawn", null]);
    // A provider that never submitted has no detail.
    const other = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Woonzorg De Meander")).get()!.id;
    expect(submissionDetail(demo.inkoper, SLUG, other, null, OPENED, db)).toMatchObject({ ok: false, status: 404 });
    for (const actor of [foreignInkoper, demo.beheerder, demo.aanbieder2]) {
      expect(submissionDetail(actor, SLUG, ids.linde, null, OPENED, db)).toMatchObject({ ok: false, status: 404 });
    }
  });

  it("serves a submitted attachment, and not a PDF that was uploaded but never submitted", () => {
    open();
    const file = submissionAttachment(demo.inkoper, SLUG, ids.linde, attachmentSha, OPENED, db);
    expect(file.ok && [file.name, file.bytes.toString("latin1")]).toEqual(["zorgplan.pdf", pdfBytes(CANARY).toString("latin1")]);
    expect(submissionAttachment(demo.inkoper, SLUG, ids.linde, unsubmittedSha, OPENED, db)).toMatchObject({ ok: false, status: 404 });
    // The access service itself holds this, for every caller; the owner still reads its own upload.
    expect(readAttachment(demo.inkoper, SLUG, ids.linde, unsubmittedSha, db, OPENED)).toMatchObject({ ok: false, status: 404 });
    expect(readAttachment(demo.aanbieder, SLUG, ids.linde, unsubmittedSha, db, OPENED).ok).toBe(true);
    // The hash belongs to De Linde, not to Het Baken.
    expect(submissionAttachment(demo.inkoper, SLUG, ids.baken, attachmentSha, OPENED, db)).toMatchObject({ ok: false, status: 404 });
    expect(submissionAttachment(foreignInkoper, SLUG, ids.linde, attachmentSha, OPENED, db)).toMatchObject({ ok: false, status: 404 });
  });

  it("writes the proces-verbaal: both officers, every version with its receipt time, hash and audit sequence, the unconfirmed marked, and the totals", async () => {
    open();
    const vm = openingRecordViewModel(demo.inkoper, SLUG, OPENED, db);
    if (!vm.ok) throw new Error("record refused");
    const r = vm.record;
    expect(r.kader).toMatchObject({ slug: SLUG, version: 2 });
    expect(r.closesAt.utc).toBe(CLOSES.toISOString());
    expect(r.opening).toMatchObject({ startedBy: "Ingrid Inkoop", confirmedBy: "tweede-inkoper", startedAt: { utc: AFTER.toISOString() } });
    expect(r.providers.map((p) => [p.name, p.state, p.unconfirmed, p.versions.map((v) => [v.version, v.kind, v.state, v.kaderVersion])])).toEqual([
      ["Stichting Het Baken", "submitted", true, [[1, "submission", "current", 1]]],
      ["Zorgcentrum Eikenhof", "withdrawn", false, [[1, "submission", "superseded", 1], [2, "withdrawal", "withdrawn", 1]]],
      ["Zorggroep De Linde", "submitted", false, [[1, "submission", "superseded", 1], [2, "submission", "superseded", 1], [3, "submission", "current", 2]]],
    ]);
    const linde = r.providers[2]!.versions;
    for (const [i, key] of ["linde1", "linde2", "linde3"].entries()) {
      const receipt = receipts[key]!;
      expect(linde[i]).toMatchObject({ receivedAtUtc: receipt.receivedAtUtc, receivedAtAmsterdam: receipt.receivedAtAmsterdam, contentSha256: receipt.contentSha256, auditSeq: receipt.auditSeq });
    }
    expect(openingRecordTotals(r)).toEqual({ providers: 3, submitted: 2, withdrawn: 1, unconfirmed: 1, versions: 6 });

    const pdf = await openingRecordPdf(demo.inkoper, SLUG, OPENED, db, { creationDate: FIXED_CREATION_DATE, compress: false });
    if (!pdf.ok) throw new Error("pdf refused");
    expect(pdf.fileName).toBe(`${SLUG}-proces-verbaal-van-opening.pdf`);
    const text = pdfText(pdf.pdf).replace(/\s+/g, " ");
    const joined = text.replace(/\s+/g, "");
    expect(text).toContain("Proces-verbaal van opening");
    expect(text).toContain("Gestart door Ingrid Inkoop");
    expect(text).toContain("Bevestigd door tweede-inkoper");
    expect(text).toContain("Stichting Het Baken (AGB 73730002) — niet bevestigd na wijziging van het kader");
    expect(text).toContain("Intrekking, op kaderversie 1");
    for (const receipt of Object.values(receipts)) {
      if (receipt.contentSha256) expect(joined).toContain(receipt.contentSha256);
      expect(joined).toContain(receipt.receivedAtUtc);
    }
    expect(text).toContain("Ontvangen versies in totaal 6 versies");
    // The record names providers and hashes, never the content itself.
    expect(text).not.toContain(CANARY);
    if (process.env.OPENING_RECORD_PDF) (await import("node:fs")).writeFileSync(process.env.OPENING_RECORD_PDF, pdf.pdf);
  });

  it("lists the evidence under the fact it backs, with name, size and hash, and serves it", () => {
    const slug = "vv-bewijs";
    const fact = { id: "keurmerk", label: "Keurmerk kwaliteit", type: "boolean", source: "aanbieder", question: "Heeft u het keurmerk?", evidence: "required" };
    publishSubmissionKader(db, demo, slug, NOW, draftWithFacts([fact]));
    const proof = storeAttachment(demo.aanbieder2, slug, { name: "keurmerk.pdf", bytes: pdfBytes("keurmerk") }, db, OPEN);
    if (!proof.ok) throw new Error("attachment refused");
    const base = content("bewijs", 4) as { declarations: Record<string, unknown> };
    const submitted = submit(demo.aanbieder2, slug, { ...base, declarations: { wzd: true, keurmerk: true }, evidence: { keurmerk: [proof.attachment.sha256] } }, "bewijs-sleutel-0001", OPEN, db);
    if (!submitted.ok) throw new Error(`submit refused: ${JSON.stringify(submitted.errors)}`);
    expect(startOpening(demo.inkoper, slug, AFTER, db).ok && confirmOpening(inkoper2, slug, new Date(AFTER.getTime() + 60_000), db).ok).toBe(true);
    const result = submissionDetail(demo.inkoper, slug, ids.baken, null, OPENED, db);
    if (!result.ok) throw new Error("detail refused");
    const proofView = { sha256: proof.attachment.sha256, name: "keurmerk.pdf", size: pdfBytes("keurmerk").byteLength };
    expect(result.detail.content!.declarations).toEqual([
      { factId: "wzd", label: "Registratie Wzd", question: "Staat u geregistreerd in het Wzd-register?", value: "ja", evidenceRequired: false, evidence: [] },
      { factId: "keurmerk", label: "Keurmerk kwaliteit", question: "Heeft u het keurmerk?", value: "ja", evidenceRequired: true, evidence: [proofView] },
    ]);
    // Evidence is not a general attachment, but it is part of the inschrijving and can be downloaded.
    expect(result.detail.content!.attachments).toEqual([]);
    const file = submissionAttachment(demo.inkoper, slug, ids.baken, proof.attachment.sha256, OPENED, db);
    expect(file.ok && file.name).toBe("keurmerk.pdf");
  });
});
