// An opened kader with plans, for the assessment tests: the worked example with declared facts
// (planIngediend established by the zorgkantoor, wzd declared by the provider), De Linde with
// plans for two target groups, Het Baken for one, opened by two inkopers.
import type { SessionUser } from "../../../app/auth/session.server";
import { confirmOpening, startOpening } from "../../../app/services/submissions/opening.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import { storeAttachment } from "../../../app/services/submissions/attachments.server";
import type { Db } from "../../../db/client.server";
import { addUser, DAY, HOUR, seedDemoOrganisations, userByEmail, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "../submissions/fixtures";

export const NOW = new Date("2026-09-01T10:00:00.000Z");
export const OPEN = new Date(NOW.getTime() + 2 * DAY);
export const CLOSES = new Date(NOW.getTime() + 30 * DAY);
export const OPENED = new Date(CLOSES.getTime() + HOUR);
export const SLUG = "vv-2027";
export const CANARY = "KANARIE-beoordeling";

export type AssessmentWorld = {
  demo: Demo;
  inkoper2: SessionUser;
  beoordelaar2: SessionUser;
  beoordelaar3: SessionUser;
  jurist: SessionUser;
  linde: number;
  baken: number;
  attachmentSha: string;
};

const answers = (marker: string) => ({
  visie: `Visie ${marker}`,
  aanpak: "Aanpak",
  expertise: "Specialisten",
  resultaat: "Meetbare doelen",
});
const group = (marker: string, capacity: number) => ({
  answers: answers(marker),
  capacity,
  context: `Context ${marker}`,
  expertise: "Expertise",
});

export async function openedKader(
  db: Db,
  options: {
    assessment?: { assessors: number; decides: "consensus" | "mean" };
    open?: boolean;
  } = {}
): Promise<AssessmentWorld> {
  const demo = await seedDemoOrganisations(db, NOW);
  const inkoper2 = userByEmail(db, "inkoper2@demo.zorginkoop.nl");
  const beoordelaar2 = userByEmail(db, "beoordelaar2@demo.zorginkoop.nl");
  const beoordelaar3 = addUser(db, "derde-beoordelaar@staff.example", ["beoordelaar"], demo.zorgkantoorId, "x", NOW);
  const jurist = userByEmail(db, "jurist@demo.zorginkoop.nl");
  const draft = draftWithFacts();
  if (options.assessment) draft.assessment = options.assessment;
  publishSubmissionKader(db, demo, SLUG, NOW, draft);
  const stored = storeAttachment(
    demo.aanbieder,
    SLUG,
    {
      name: "zorgplan.pdf",
      bytes: Buffer.from(`%PDF-1.4\n% ${CANARY}\n%%EOF\n`),
    },
    db,
    OPEN
  );
  if (!stored.ok) throw new Error("attachment refused");
  const linde = submit(
    demo.aanbieder,
    SLUG,
    {
      declarations: { wzd: true },
      plans: {
        "complexe-zorg": {
          targetGroups: {
            "jonge-dementie": group(`${CANARY} linde`, 10),
            parkinson: group("linde parkinson", 4),
          },
        },
      },
      attachments: [stored.attachment.sha256],
    },
    "linde-sleutel-00001",
    OPEN,
    db
  );
  const baken = submit(
    demo.aanbieder2,
    SLUG,
    {
      declarations: { wzd: false },
      plans: {
        "complexe-zorg": { targetGroups: { parkinson: group("baken", 6) } },
      },
      attachments: [],
    },
    "baken-sleutel-00001",
    OPEN,
    db
  );
  if (!linde.ok || !baken.ok) throw new Error("submission refused");
  if (options.open !== false) openKader(db, demo, inkoper2);
  return {
    demo,
    inkoper2,
    beoordelaar2,
    beoordelaar3,
    jurist,
    linde: demo.aanbieder.organisation!.id,
    baken: demo.aanbieder2.organisation!.id,
    attachmentSha: stored.attachment.sha256,
  };
}

export function openKader(db: Db, demo: Demo, inkoper2: SessionUser): void {
  const at = new Date(CLOSES.getTime() + 60_000);
  const started = startOpening(demo.inkoper, SLUG, at, db);
  const confirmed = confirmOpening(inkoper2, SLUG, new Date(at.getTime() + 60_000), db);
  if (!started.ok || !confirmed.ok) throw new Error("opening refused");
}

/** A form from a plain record. */
export function form(values: Record<string, string>): {
  get(name: string): string | null;
} {
  const map = new Map(Object.entries(values));
  return { get: (n) => map.get(n) ?? null };
}

export const CRITERIA = ["visie", "aanpak", "expertise", "resultaat"] as const;

/** A complete scoring form: `scores` per criterion, motivations, and "wat ontbrak" below 10. */
export function scoreForm(scores: Record<(typeof CRITERIA)[number], string>, extra: Record<string, string> = {}): { get(name: string): string | null } {
  const values: Record<string, string> = {};
  for (const c of CRITERIA) {
    values[`score.${c}`] = scores[c];
    values[`motivatie.${c}`] = `Motivering ${c}`;
    if (scores[c] !== "10") values[`ontbrak.${c}`] = `Ontbrak bij ${c}`;
  }
  return form({ ...values, ...extra });
}
