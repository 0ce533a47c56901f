// A kader ready for a scoring run: published for the demo regions with its module made relative,
// three providers with a plan for Parkinson, submissions opened by two inkopers. Final scores
// are inserted directly (the assessment workflow that writes them is tested on its own).
import { eq } from "drizzle-orm";
import { confirmOpening, startOpening } from "../../../app/services/submissions/opening.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import type { SessionUser } from "../../../app/auth/session.server";
import type { Db } from "../../../db/client.server";
import { assessmentFinalScores, organisations, providerYearData } from "../../../db/schema";
import { addUser, DAY, loadKader, seedDemoOrganisations, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "../submissions/fixtures";

export const NOW = new Date("2026-09-01T10:00:00.000Z");
export const OPEN = new Date(NOW.getTime() + 2 * DAY);
export const AFTER = new Date(NOW.getTime() + 30 * DAY + 60_000);
export const SLUG = "vv-2027-scoring";

/** R = P / best × 100 → 2 % from 60, 4 % from 80, 6 % from 95. */
export const RELATIVE_BANDS = [
  { from: 60, percent: 2 },
  { from: 80, percent: 4 },
  { from: 95, percent: 6 },
];

export type Field = {
  demo: Demo;
  inkoper2: SessionUser;
  jurist: SessionUser;
  eikenhof: SessionUser;
  kaderId: number;
  /** Provider organisation ids. */
  ids: { linde: number; baken: number; eikenhof: number };
};

const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };
const plan = { targetGroups: { parkinson: { answers, capacity: 8, context: "Context", expertise: "Expertise" } } };

export async function buildField(db: Db): Promise<Field> {
  const demo = await seedDemoOrganisations(db, NOW);
  const inkoper2 = addUser(db, "tweede-inkoper@run.example", ["inkoper"], demo.zorgkantoorId, "x", NOW);
  const jurist = addUser(db, "jurist@run.example", ["jurist"], demo.zorgkantoorId, "x", NOW);
  const eikenhofId = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Zorgcentrum Eikenhof")).get()!.id;
  const eikenhof = addUser(db, "aanbieder@eikenhof-run.example", ["zorgaanbieder"], eikenhofId, "x", NOW);
  const draft = draftWithFacts();
  const module = (draft.surcharges as { id: string; mapping?: unknown }[]).find((s) => s.id === "complexe-zorg")!;
  module.mapping = { basis: "relative", bands: RELATIVE_BANDS };
  publishSubmissionKader(db, demo, SLUG, NOW, draft);
  const kaderId = loadKader(db, SLUG).id;
  const ids = { linde: demo.aanbieder.organisation!.id, baken: demo.aanbieder2.organisation!.id, eikenhof: eikenhofId };
  db.insert(providerYearData)
    .values([
      { zorgkantoorId: demo.zorgkantoorId, providerId: ids.linde, year: 2026, volumes: { "4VV": "3650", "5VV": "1825" }, previousYearPercent: "97", updatedAt: NOW },
      { zorgkantoorId: demo.zorgkantoorId, providerId: ids.baken, year: 2026, volumes: { "5VV": "500" }, previousYearPercent: null, updatedAt: NOW },
    ])
    .run();
  let n = 0;
  for (const actor of [demo.aanbieder, demo.aanbieder2, eikenhof]) {
    const result = submit(actor, SLUG, { declarations: { wzd: true }, plans: { "complexe-zorg": plan }, attachments: [] }, `run-sleutel-${String(++n).padStart(6, "0")}`, OPEN, db);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  }
  return { demo, inkoper2, jurist, eikenhof, kaderId, ids };
}

export function openSubmissions(db: Db, f: Field): void {
  const started = startOpening(f.demo.inkoper, SLUG, AFTER, db);
  const confirmed = confirmOpening(f.inkoper2, SLUG, new Date(AFTER.getTime() + 60_000), db);
  if (!started.ok || !confirmed.ok) throw new Error("opening refused");
}

/** Final scores for one provider's Parkinson plan (all four criteria unless `only` says which). */
export function scorePlan(db: Db, f: Field, providerId: number, scores: Record<string, string>): void {
  db.insert(assessmentFinalScores)
    .values(
      Object.entries(scores).map(([criterionId, score]) => ({
        kaderId: f.kaderId,
        providerId,
        moduleId: "complexe-zorg",
        targetGroupId: "parkinson",
        criterionId,
        score,
        motivation: "Motivering",
        method: "consensus" as const,
        setBy: f.demo.beoordelaar.id,
        setAt: AFTER,
      })),
    )
    .run();
}

export const all = (n: string) => ({ visie: n, aanpak: n, expertise: n, resultaat: n });

/** Linde 40 points, Baken 32, Eikenhof 30: Linde alone holds best, so leaving it out moves the others. */
export function scoreAll(db: Db, f: Field): void {
  scorePlan(db, f, f.ids.linde, all("10"));
  scorePlan(db, f, f.ids.baken, all("8"));
  scorePlan(db, f, f.ids.eikenhof, { visie: "8", aanpak: "8", expertise: "8", resultaat: "6" });
}
