// Every number in a sent letter traces to the stored run: for every provider of a kader whose
// decisions were prepared, approved and sent, the stored letter's text (pdftotext) holds exactly
// the run's stored lines (scoring_run_providers: percentage and tariff per prestatie, in order),
// its yearly amount, every final score, and the standstill's last day. The letter is built from
// the run's result document; the comparison reads the run's separately stored lines.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisionsOfKader, prepareDecisions, reviewDecision, sendDecisions, submitForReview } from "../../../app/services/award/decisions.server";
import { startLetterBatch, storedLetter } from "../../../app/services/award/letters.server";
import type { Db } from "../../../db/client.server";
import { assessmentFinalScores, scoringRunProviders } from "../../../db/schema";
import { formatEuro, formatNumber, formatPercent } from "../../../scoring";
import { formatDocumentDate } from "../../../templates/layout/dates";
import { createTestDb } from "../../helpers/test-db";
import { pdfText } from "../../unit/templates/helpers";
import { buildAwardField, SLUG, type AwardField } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: AwardField;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  f = await buildAwardField(db);
  const at = new Date(f.runAt.getTime() + 3_600_000);
  prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
  submitForReview(f.demo.inkoper, SLUG, {}, db, at);
  for (const d of decisionsOfKader(db, f.kaderId)) {
    const r = reviewDecision(f.jurist, SLUG, d.id, { verdict: "approve", remark: "" }, db, at);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
  const sent = sendDecisions(f.demo.inkoper, SLUG, db, new Date(at.getTime() + 60_000));
  if (!sent.ok) throw new Error(JSON.stringify(sent.errors));
  await startLetterBatch(db, f.kaderId, f.demo.inkoper).finished;
}, 120_000);
afterAll(() => t.close());

/** The tariff table's rows as pdftotext gives them: percentage and tariff side by side, in order. */
function tariffPairs(text: string): string[] {
  const start = text.indexOf("Uw tarieven");
  const end = text.indexOf("Het percentage is het basistarief");
  const section = text.slice(start, end);
  return [...section.matchAll(/(\d+(?:,\d+)? %) (€ [\d.]+,\d{2})/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe("letters against the stored run", () => {
  it("every provider's letter states exactly the run's stored percentages, tariffs, yearly amount and scores", () => {
    const decisions = decisionsOfKader(db, f.kaderId);
    expect(decisions.length).toBeGreaterThan(3);
    let lines = 0;
    for (const d of decisions) {
      const letter = storedLetter(db, d.id);
      expect(letter, d.agbCode).not.toBeNull();
      const text = pdfText(letter!.pdf);
      const stored = db.select().from(scoringRunProviders).where(and(eq(scoringRunProviders.runId, d.runId), eq(scoringRunProviders.agbCode, d.agbCode))).get()!;
      const runLines = JSON.parse(stored.linesJson) as [string, string | null, string, string][];
      expect(tariffPairs(text), d.agbCode).toEqual(runLines.map(([, , percent, tariff]) => `${formatPercent(percent)} ${formatEuro(tariff)}`));
      // Every row names a build-up ("Opbouw A") that is written out under the table.
      const section = text.slice(text.indexOf("Uw tarieven"), text.indexOf("Het percentage is het basistarief"));
      const named = [...section.matchAll(/(Opbouw [A-Z]+) \d+(?:,\d+)? % € /g)].map((m) => m[1]!);
      expect(named, d.agbCode).toHaveLength(runLines.length);
      for (const name of new Set(named)) expect(section, `${d.agbCode} ${name}`).toMatch(new RegExp(`${name} \\d+(?:,\\d+)? % basistarief`));
      lines += runLines.length;
      if (stored.budgetTotal !== null) expect(text.replace(/\s+/g, " ")).toContain(`jaarbedrag op de reguliere tariefregels ${formatEuro(stored.budgetTotal)}`);
      // The scores per criterion, in the kader's order (as stored), in the letter's assessment section.
      const flat = text.replace(/\s+/g, " ");
      const assessment = flat.slice(flat.indexOf("De beoordeling van uw plannen"), flat.indexOf("Bezwaar en opschortende termijn"));
      const finals = db.select().from(assessmentFinalScores).where(and(eq(assessmentFinalScores.kaderId, f.kaderId), eq(assessmentFinalScores.providerId, d.providerId))).orderBy(assessmentFinalScores.id).all();
      expect([...assessment.matchAll(/(\d+(?:,\d+)?) van 10\b/g)].map((m) => m[1]), d.agbCode).toEqual(finals.map((s) => formatNumber(s.score)));
      expect(text.replace(/\s+/g, " ")).toContain(`tot en met ${formatDocumentDate(d.standstillLastDay!)} (24:00 uur, Nederlandse tijd)`);
      expect(text).toContain(d.agbCode);
    }
    expect(lines).toBeGreaterThan(decisions.length);
  });
});
