// Issue 7 (walkthrough): the kader PDF says the notas are an inseparable part of the kader, so
// it carries every nota of the kader, also one published after the version it shows, and the
// version history; a nota's heading is never doubled; ids stay out where the kader has a label.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kaderDocumentViewModel } from "../../../app/services/kaders/kader-pdf.server";
import { answerQuestion, askQuestion, publishAnswers } from "../../../app/services/kaders/questions.server";
import { listVersions, saveDraft } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { questions } from "../../../db/schema";
import { parseKader, type Kader } from "../../../scoring";
import { renderKaderDocument } from "../../../templates/kader-document";
import { createTestDb } from "../../helpers/test-db";
import { pdfText } from "../../unit/templates/helpers";
import { exampleDraft, HOUR, loadKader, prepareKader, publishOrThrow, seedDemoOrganisations, storeTable, windowFrom, type Demo } from "./../kaders/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const flat = (text: string) => text.replace(/\s+/g, " ");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  const tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW);
  prepareKader(db, demo.inkoper, { slug: "vv-2027", now: NOW, regionIds: [demo.regionIds["DEMO-N"], demo.regionIds["DEMO-M"]], tableId });
  const window = windowFrom(NOW);
  publishOrThrow(db, demo.inkoper, "vv-2027", window, NOW);
  // Version 2: an amendment with nota 1.
  const amendAt = new Date(NOW.getTime() + HOUR);
  saveDraft(demo.inkoper, loadKader(db, "vv-2027"), { ...exampleDraft(), baseRate: { default: "95" } }, db, amendAt);
  publishOrThrow(db, demo.inkoper, "vv-2027", { ...window, noticeTitle: "Basistarief verhoogd", noticeBody: "Het basistarief gaat van 94 % naar 95 %." }, amendAt);
  // Nota 2, after version 2: the answers to a provider's question.
  const asked = askQuestion(demo.aanbieder, loadKader(db, "vv-2027"), "Telt een plan dat na de sluitingstijd wordt aangevuld mee?", db, new Date(NOW.getTime() + 2 * HOUR));
  if (!asked.ok) throw new Error(JSON.stringify(asked));
  answerQuestion(demo.inkoper, loadKader(db, "vv-2027"), { questionId: asked.id, answer: "Nee, alleen wat vóór de sluitingstijd binnen is." }, db, new Date(NOW.getTime() + 3 * HOUR));
  const answers = publishAnswers(demo.inkoper, loadKader(db, "vv-2027"), db, new Date(NOW.getTime() + 4 * HOUR));
  if (!answers.ok) throw new Error(JSON.stringify(answers));
  expect(db.select().from(questions).all()).toHaveLength(1);
});

afterEach(() => t.close());

async function pdfOf(versionNumber: number): Promise<string> {
  const kader = loadKader(db, "vv-2027");
  const version = listVersions(db, kader.id).find((v) => v.number === versionNumber)!;
  const parsed = parseKader(version.content);
  if (!parsed.ok) throw new Error("stored version does not parse");
  const pdf = await renderKaderDocument(kaderDocumentViewModel(kader, version, parsed.value as Kader, db), { compress: false });
  return flat(pdfText(pdf));
}

describe("the kader PDF carries every nota and the version history", () => {
  it("the latest version's PDF includes the nota published after it, with one heading", async () => {
    const text = await pdfOf(2);
    expect(text).toContain("Nota van inlichtingen 1: Basistarief verhoogd");
    expect(text).toContain("Nota van inlichtingen 2: Antwoorden op vragen");
    expect(text).toContain("Nee, alleen wat vóór de sluitingstijd binnen is.");
    expect(text).toContain("na versie 2 gepubliceerd");
    expect(text).not.toMatch(/Nota van inlichtingen \d+: Nota van inlichtingen/i);
  });

  it("has the version history: both versions with their date and nota", async () => {
    const text = await pdfOf(2);
    expect(text).toContain("8. Versiegeschiedenis");
    expect(text).toMatch(/1 01-09-2026 12:00 – [0-9a-f]{12}/);
    expect(text).toMatch(/2 \(dit document\) 01-09-2026 13:00 Nota van inlichtingen 1 [0-9a-f]{12}/);
  });

  it("an older version's PDF says which version is current and still carries every nota", async () => {
    const text = await pdfOf(1);
    expect(text).toContain("Let op: dit is niet de geldende versie. Versie 2 is gepubliceerd op 01-09-2026 13:00; zie de versiegeschiedenis aan het eind.");
    expect(text).toContain("Let op: dit document geeft versie 1 weer. Versie 2, gepubliceerd op 01-09-2026 13:00, is de geldende versie.");
    expect(text).toContain("Nota van inlichtingen 1: Basistarief verhoogd");
    expect(text).toContain("Nota van inlichtingen 2: Antwoorden op vragen");
  });
});
