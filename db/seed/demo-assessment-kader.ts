import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { describeUser, type SessionUser } from "../../app/auth/session.server";
import { publishKader } from "../../app/services/kaders/publication.server";
import { createKader, saveDraft, saveSettings } from "../../app/services/kaders/store.server";
import { storeAttachment } from "../../app/services/submissions/attachments.server";
import { confirmOpening, startOpening } from "../../app/services/submissions/opening.server";
import { submit } from "../../app/services/submissions/submissions.server";
import { parseDocument } from "../../scoring";
import type { Db } from "../client.server";
import { kaders, regions, tariffTables, users } from "../schema";

const here = path.dirname(fileURLToPath(import.meta.url));
const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export const ASSESSMENT_DEMO_SLUG = "demo-vv-2026-beoordeling";

function user(db: Db, email: string): SessionUser {
  const id = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  return describeUser(db, id)!;
}

/** A small, valid PDF: the demo's attachments are illustrative. */
function demoPdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

const plan = (visie: string, aanpak: string, expertise: string, resultaat: string, capacity: number, context: string, staff: string) => ({
  answers: { visie, aanpak, expertise, resultaat },
  capacity,
  context,
  expertise: staff,
});

/**
 * The example for the assessment (issue 11): the demo kader once more, under its own kenmerk,
 * published four weeks ago and closed two days ago, with inschrijvingen of De Linde and Het
 * Baken (plans for the complexe-zorg module), opened by the two demo inkopers. So the
 * beoordelaars can work in the demo while `demo-vv-2026` is still open. Illustrative texts.
 * Runs after seedDemoKader (it uses the tariff table and registry that one stored).
 */
export async function seedAssessmentDemoKader(db: Db, now: Date): Promise<void> {
  const inkoper = user(db, "inkoper@demo.zorginkoop.nl");
  const inkoper2 = user(db, "inkoper2@demo.zorginkoop.nl");
  const linde = user(db, "aanbieder@demo.zorginkoop.nl");
  const baken = user(db, "aanbieder2@demo.zorginkoop.nl");
  const zorgkantoorId = inkoper.organisation!.id;
  const table = db
    .select({ id: tariffTables.id })
    .from(tariffTables)
    .where(and(eq(tariffTables.zorgkantoorId, zorgkantoorId), eq(tariffTables.year, 2026)))
    .get();
  if (!table) throw new Error("seedAssessmentDemoKader: the demo tariff table is missing; run seedDemoKader first");

  const published = new Date(now.getTime() - 30 * DAY);
  const opensAt = new Date(now.getTime() - 29 * DAY);
  const closesAt = new Date(now.getTime() - 2 * DAY);
  const document = parseDocument(fs.readFileSync(path.join(here, "demo-kader.yaml"), "utf8"));
  if (!document.ok) throw new Error("demo kader does not parse");
  const draft = document.value as Record<string, unknown>;
  draft.id = ASSESSMENT_DEMO_SLUG;
  draft.title = "Inkoopkader V&V 2026 (voorbeeld voor de beoordeling)";
  // A fact the zorgkantoor establishes, so that the demo shows both kinds (it sets no tariff).
  draft.facts = [
    ...(draft.facts as unknown[]),
    {
      id: "keurmerk",
      label: "Kwaliteitskeurmerk",
      type: "choice",
      options: ["geen", "brons", "zilver", "goud"],
      source: "zorgkantoor",
    },
  ];
  const created = createKader(inkoper, { slug: ASSESSMENT_DEMO_SLUG, title: String(draft.title), year: 2026 }, db, published);
  if (!created.ok) throw new Error(`assessment demo kader not created: ${JSON.stringify(created.errors)}`);
  const load = () => db.select().from(kaders).where(eq(kaders.slug, ASSESSMENT_DEMO_SLUG)).get()!;
  saveDraft(inkoper, load(), draft, db, published);
  const regionIds = db
    .select({ id: regions.id })
    .from(regions)
    .where(eq(regions.zorgkantoorId, zorgkantoorId))
    .all()
    .map((r) => r.id);
  const settings = saveSettings(inkoper, load(), { tariffTableId: table.id, budgetCeiling: "6000000.00", regionIds }, db);
  if (!settings.ok) throw new Error(`assessment demo kader settings refused: ${JSON.stringify(settings.errors)}`);
  const result = publishKader(inkoper, load(), { opensAt, closesAt, questionsUntil: new Date(now.getTime() - 16 * DAY) }, db, published);
  if (!result.ok) throw new Error(`assessment demo kader not published: ${JSON.stringify(result)}`);

  const submittedAt = new Date(now.getTime() - 10 * DAY);
  const entries = [
    {
      who: linde,
      key: "demo-beoordeling-linde-1",
      pdf: "Zorggroep De Linde: onderbouwing plan van aanpak (illustratief)",
      plans: {
        "jonge-dementie": plan(
          "Jonge mensen met dementie wonen bij ons in kleine groepen met leeftijdgenoten; we zien een groeiende vraag in de regio Noord.",
          "We openen in 2026 een tweede woongroep en werken met een vaste casemanager per cliënt en zijn naasten.",
          "Twee specialisten ouderengeneeskunde en een psycholoog met ervaring in jongdementie; scholing voor alle begeleiders.",
          "Elk kwartaal meten we kwaliteit van leven (QUALIDEM) en het aantal crisisopnames; doel: 20 % minder crisisopnames.",
          12,
          "Locatie De Linde, Noord: twee woongroepen van zes.",
          "Specialist ouderengeneeskunde, psycholoog, activiteitenbegeleiders."
        ),
        parkinson: plan(
          "Mensen met Parkinson hebben baat bij vaste medicatietijden en beweging; daar richten we ons zorgpad op.",
          "Samenwerking met het ParkinsonNet-netwerk en de fysiotherapeut in het huis.",
          "Verzorgenden zijn geschoold in medicatie op tijd; een Parkinsonverpleegkundige is op afroep.",
          "We meten valincidenten en medicatiefouten per maand.",
          6,
          "Locatie De Linde, Midden.",
          "Parkinsonverpleegkundige, fysiotherapeut."
        ),
      },
    },
    {
      who: baken,
      key: "demo-beoordeling-baken-1",
      pdf: "Stichting Het Baken: zorgpad Parkinson (illustratief)",
      plans: {
        parkinson: plan(
          "Het Baken wil een expertisecentrum zijn voor mensen met Parkinson in de regio Midden.",
          "Een eigen afdeling met acht plaatsen, een beweegprogramma en logopedie.",
          "Een neuroloog consulteert maandelijks; alle medewerkers volgen de ParkinsonNet-scholing.",
          "Doelen: minder valincidenten, tevredenheid van cliënten en naasten gemeten met de CQ-index.",
          8,
          "Locatie Het Baken, Midden: nieuwe afdeling.",
          "Neuroloog (consult), logopedist, fysiotherapeut."
        ),
      },
    },
  ];
  for (const e of entries) {
    const stored = storeAttachment(e.who, ASSESSMENT_DEMO_SLUG, { name: "onderbouwing-plan-van-aanpak.pdf", bytes: demoPdf(e.pdf) }, db, submittedAt);
    if (!stored.ok) throw new Error(`assessment demo attachment refused: ${JSON.stringify(stored)}`);
    const evidence = storeAttachment(
      e.who,
      ASSESSMENT_DEMO_SLUG,
      {
        name: "plan-kernelementen.pdf",
        bytes: demoPdf(`${e.pdf}: kernelementen`),
      },
      db,
      submittedAt
    );
    if (!evidence.ok) throw new Error(`assessment demo evidence refused: ${JSON.stringify(evidence)}`);
    const content = {
      declarations: { planIngediend: true },
      evidence: { planIngediend: [evidence.attachment.sha256] },
      plans: { "complexe-zorg": { targetGroups: e.plans } },
      attachments: [stored.attachment.sha256],
    };
    const receipt = submit(e.who, ASSESSMENT_DEMO_SLUG, content, e.key, submittedAt, db);
    if (!receipt.ok) throw new Error(`assessment demo submission refused: ${JSON.stringify(receipt.errors)}`);
  }

  const started = startOpening(inkoper, ASSESSMENT_DEMO_SLUG, new Date(closesAt.getTime() + 60 * MINUTE), db);
  const confirmed = confirmOpening(inkoper2, ASSESSMENT_DEMO_SLUG, new Date(closesAt.getTime() + 65 * MINUTE), db);
  if (!started.ok || !confirmed.ok) throw new Error(`assessment demo opening refused: ${JSON.stringify([started, confirmed])}`);
}
