/**
 * The authorisation matrix: for every route, what each kind of user gets on a GET of the page
 * and of its loader's data alone (single fetch `.data?_routes=`). A route missing here fails
 * the test, so a new route must state who may see it.
 *
 * Two zorgkantoren (tenants): A is the demo (Zorgkantoor Demo), B is seeded by the global setup
 * (tests/e2e/second-tenant.ts). Users: anonymous; the demo accounts (tenant A); `buiten` = a
 * provider user whose organisation serves no region of either tenant (created by the test);
 * `inkoperB`, `beoordelaarB`, `juristB`, `aanbiederB` = tenant B's staff and a provider in its region.
 * 302 = redirect to /login; 403 = refused; 404 = existence hidden.
 *
 * Rows about one tenant's objects (its kaders) name that tenant as `owner`; the test counts
 * every 2xx answer to a user of another organisation on such a row as a cross-organisation read.
 */
import { createHash } from "node:crypto";
import { TENANT_B } from "./second-tenant";

export const USERS = ["anonymous", "beheerder", "inkoper", "beoordelaar", "jurist", "aanbieder", "buiten", "inkoperB", "beoordelaarB", "juristB", "aanbiederB"] as const;
export type MatrixUser = (typeof USERS)[number];
export type Expect = Record<MatrixUser, number>;
export type Tenant = "A" | "B";

/** The tenant each user belongs to (a provider counts as a tenant of its own: it is never staff of a kader). */
export const TENANT_OF: Record<MatrixUser, Tenant | "provider" | null> = {
  anonymous: null,
  beheerder: null,
  inkoper: "A",
  beoordelaar: "A",
  jurist: "A",
  aanbieder: "provider",
  buiten: "provider",
  inkoperB: "B",
  beoordelaarB: "B",
  juristB: "B",
  aanbiederB: "provider",
};

type Counterparts = { inkoper: number; beoordelaar: number; jurist: number; aanbieder: number };
/** A page about the user's own tenant only: B's users get what their counterparts in A get. */
const mirrored = (e: Omit<Expect, "inkoperB" | "beoordelaarB" | "juristB" | "aanbiederB">): Expect => ({
  ...e,
  inkoperB: e.inkoper,
  beoordelaarB: e.beoordelaar,
  juristB: e.jurist,
  aanbiederB: e.aanbieder,
});

const staffOnly = (ok: number): Expect => mirrored({ anonymous: 302, beheerder: 403, inkoper: ok, beoordelaar: 403, jurist: 403, aanbieder: 403, buiten: 403 });
const role = (who: Exclude<MatrixUser, "anonymous">): Expect =>
  mirrored({
    anonymous: 302,
    beheerder: who === "beheerder" ? 200 : 403,
    inkoper: who === "inkoper" ? 200 : 403,
    beoordelaar: who === "beoordelaar" ? 200 : 403,
    jurist: who === "jurist" ? 200 : 403,
    aanbieder: who === "aanbieder" ? 200 : 403,
    buiten: who === "aanbieder" ? 200 : 403,
  });
const everyone = (status: number, anonymous: number): Expect => ({ ...Object.fromEntries(USERS.map((u) => [u, status])), anonymous }) as Expect;

/**
 * A kader's answers to its own tenant's staff and provider, and to the other tenant's staff
 * (who must not learn that it exists where their role would otherwise be let in).
 */
type KaderCell = { beheerder: number; own: Counterparts; foreign: Counterparts; outsider: number };

function kaderExpect(owner: Tenant, cell: KaderCell): Expect {
  const a = owner === "A" ? cell.own : cell.foreign;
  const b = owner === "B" ? cell.own : cell.foreign;
  return {
    anonymous: 302,
    beheerder: cell.beheerder,
    inkoper: a.inkoper,
    beoordelaar: a.beoordelaar,
    jurist: a.jurist,
    aanbieder: a.aanbieder,
    buiten: cell.outsider,
    inkoperB: b.inkoper,
    beoordelaarB: b.beoordelaar,
    juristB: b.jurist,
    aanbiederB: b.aanbieder,
  };
}

/** Staff of the owning zorgkantoor see it; providers of its regions too; everyone else: 404. */
const publishedKader: KaderCell = {
  beheerder: 404,
  own: { inkoper: 200, beoordelaar: 200, jurist: 200, aanbieder: 200 },
  foreign: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  outsider: 404,
};
/** A concept has no public page, not even for its own staff. */
const conceptPublicPage: KaderCell = {
  beheerder: 404,
  own: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  foreign: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  outsider: 404,
};
/** The staff page of a kader: the owner's staff; other staff do not learn it exists; providers are refused by role. */
const staffKaderPage: KaderCell = {
  beheerder: 403,
  own: { inkoper: 200, beoordelaar: 200, jurist: 200, aanbieder: 403 },
  foreign: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 403 },
  outsider: 403,
};
/** The inkoper's own pages of a kader: other roles are refused, another zorgkantoor's inkoper does not learn it exists. */
const kaderWorkbench: KaderCell = {
  beheerder: 403,
  own: { inkoper: 200, beoordelaar: 403, jurist: 403, aanbieder: 403 },
  foreign: { inkoper: 404, beoordelaar: 403, jurist: 403, aanbieder: 403 },
  outsider: 403,
};

/**
 * The submissions of a kader before the opening (issue 9): the list page shows the owner's staff
 * only a count; other staff do not learn the kader exists; providers and the beheerder are
 * refused by role.
 */
const sealedSubmissionsPage: KaderCell = staffKaderPage;
/**
 * One provider's inschrijving, its attachments and the proces-verbaal before the opening: sealed,
 * so 404 for every signed-in user, the owner's inkoper included (only the provider itself reads
 * its own, on its own pages).
 */
const sealedSubmissionContent: KaderCell = {
  beheerder: 404,
  own: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  foreign: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  outsider: 404,
};
/**
 * Scoring runs (issue 11): the list for the owner's inkoper and jurist; providers, assessors and
 * the beheerder are refused by role; another zorgkantoor's staff do not learn the kader exists.
 */
const scoringRunsPage: KaderCell = {
  beheerder: 403,
  own: { inkoper: 200, beoordelaar: 403, jurist: 200, aanbieder: 403 },
  foreign: { inkoper: 404, beoordelaar: 403, jurist: 404, aanbieder: 403 },
  outsider: 403,
};
/** A run (and its files) that does not exist in the seeded data: 404 to whoever may see runs at all. */
const absentScoringRun: KaderCell = {
  beheerder: 403,
  own: { inkoper: 404, beoordelaar: 403, jurist: 404, aanbieder: 403 },
  foreign: { inkoper: 404, beoordelaar: 403, jurist: 404, aanbieder: 403 },
  outsider: 403,
};
/**
 * Award decisions (issue 12). The inkoper's gunning page is its workbench (kaderWorkbench). A
 * decision's letter for staff: the owner's inkoper and jurist (a decision that does not exist:
 * 404); beoordelaars, providers and the beheerder are refused by role; other staff get 404.
 */
const absentDecisionLetter: KaderCell = {
  beheerder: 403,
  own: { inkoper: 404, beoordelaar: 403, jurist: 404, aanbieder: 403 },
  foreign: { inkoper: 404, beoordelaar: 403, jurist: 404, aanbieder: 403 },
  outsider: 403,
};
/** The jurist's queue of a kader: its own zorgkantoor's jurists; other roles refused; another zorgkantoor's jurist 404. */
const juristQueuePage: KaderCell = {
  beheerder: 403,
  own: { inkoper: 403, beoordelaar: 403, jurist: 200, aanbieder: 403 },
  foreign: { inkoper: 403, beoordelaar: 403, jurist: 404, aanbieder: 403 },
  outsider: 403,
};
/** A decision page for the jurist that does not exist in the seeded data. */
const absentJuristDecision: KaderCell = { ...juristQueuePage, own: { ...juristQueuePage.own, jurist: 404 } };
/**
 * The provider's own decision and letter: nothing is sent in the seeded data, so 404 for every
 * user, the provider included (before sending not even its existence shows). After sending:
 * tests/e2e/award.test.ts (own provider 200; another provider and other staff 404).
 */
const unsentProviderDecision: KaderCell = {
  beheerder: 404,
  own: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  foreign: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  outsider: 404,
};

/** A provider with a current demo account (Zorggroep De Linde is organisation 2 in the demo seed, aanbieder@demo's own). */
const SUBMITTING_PROVIDER_ID = 2;
const SOME_SHA256 = "0".repeat(64);
/**
 * The provider's own inschrijving pages: only the users of a provider in the kader's regions;
 * everyone else, staff and beheerder included, does not learn that anything is there.
 */
const ownSubmission = (ok: number): KaderCell => ({
  beheerder: 404,
  own: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: ok },
  foreign: { inkoper: 404, beoordelaar: 404, jurist: 404, aanbieder: 404 },
  outsider: 404,
});

/**
 * A PDF the matrix test uploads as tenant A's provider (De Linde) for the demo kader, with a
 * submission naming it, so that its receipt, content and download exist (version 1 exists
 * whoever submitted first).
 */
export const MATRIX_ATTACHMENT = "%PDF-1.4\n% matrix-bijlage\n%%EOF\n";
export const MATRIX_ATTACHMENT_SHA256 = createHash("sha256").update(MATRIX_ATTACHMENT, "latin1").digest("hex");

/**
 * The inkoper's tariff pages of a kader (issue 10): the overview with its .xlsx and one provider's
 * monitor. The owner's inkoper once the kader is published (a concept has no tariffs to show:
 * 404); other staff do not learn it exists.
 */
const tariffOverview = (published: boolean): KaderCell => ({ ...kaderWorkbench, own: { ...kaderWorkbench.own, inkoper: published ? 200 : 404 } });
const inkoperMonitor = tariffOverview;
/** The monitor route for an AGB code outside the kader's regions: 404 for the owner's inkoper as well. */
const inkoperMonitorOutsideRegions: KaderCell = inkoperMonitor(false);
/** A provider of each tenant's regions with an account (De Linde for A, Zorg Tweede BV for B), and one outside them. */
const MONITOR_AGB: Record<Tenant, { inside: string; outside: string }> = {
  A: { inside: "73730001", outside: TENANT_B.provider.agbCode },
  B: { inside: TENANT_B.provider.agbCode, outside: "73730001" },
};

/**
 * The assessment (issue 11). The beoordelaar's page of a kader: its own zorgkantoor's
 * beoordelaars (before the opening it only says so); another zorgkantoor's beoordelaar does not
 * learn the kader exists; every other role is refused by role. A concept has no assessment.
 */
const assessorKaderPage = (published: boolean): KaderCell => ({
  beheerder: 403,
  own: { inkoper: 403, beoordelaar: published ? 200 : 404, jurist: 403, aanbieder: 403 },
  foreign: { inkoper: 403, beoordelaar: 404, jurist: 403, aanbieder: 403 },
  outsider: 403,
});
/** A plan for a beoordelaar: nothing to see before the opening, for anyone. */
const assessorPlanSealed: KaderCell = {
  beheerder: 403,
  own: { inkoper: 403, beoordelaar: 404, jurist: 403, aanbieder: 403 },
  foreign: { inkoper: 403, beoordelaar: 404, jurist: 403, aanbieder: 403 },
  outsider: 403,
};
/** A plan for the inkoper as chair: before the opening it does not exist; after it, the owner's inkoper only. */
const chairPlan = (opened: boolean): KaderCell => ({
  beheerder: 403,
  own: { inkoper: opened ? 200 : 404, beoordelaar: 403, jurist: 403, aanbieder: 403 },
  foreign: { inkoper: 404, beoordelaar: 403, jurist: 403, aanbieder: 403 },
  outsider: 403,
});
/** The demo kader that is closed and opened, for the assessment (db/seed/demo-assessment-kader.ts). */
export const ASSESSMENT_KADER = "demo-vv-2026-beoordeling";
/** A plan on it: Het Baken (organisation 3 in the demo seed) for Parkinson. */
const ASSESSMENT_PLAN = `3/complexe-zorg/parkinson`;

function assessmentRows(owner: Tenant, slug: string, published: boolean): MatrixRow[] {
  const row = (route: string, path: string, cell: KaderCell): MatrixRow => ({ route, path, expect: kaderExpect(owner, cell), owner });
  return [
    row("routes/inkoop.kaders.$slug.beoordeling._index", `/inkoop/kaders/${slug}/beoordeling`, kaderWorkbench),
    row("routes/inkoop.kaders.$slug.beoordeling.feiten", `/inkoop/kaders/${slug}/beoordeling/feiten`, kaderWorkbench),
    row("routes/inkoop.kaders.$slug.beoordeling.plannen.$providerId.$moduleId.$targetGroupId", `/inkoop/kaders/${slug}/beoordeling/plannen/${SUBMITTING_PROVIDER_ID}/complexe-zorg/parkinson`, chairPlan(false)),
    row("routes/beoordeling.$slug._index", `/beoordeling/${slug}`, assessorKaderPage(published)),
    row("routes/beoordeling.$slug.plannen.$providerId.$moduleId.$targetGroupId", `/beoordeling/${slug}/plannen/${SUBMITTING_PROVIDER_ID}/complexe-zorg/parkinson`, assessorPlanSealed),
  ];
}

/**
 * The opened inschrijving of a provider for a beoordelaar that has not declared no conflict for
 * it (assessment/gate.server.ts): as if it did not exist, while the owner's inkoper and jurist
 * read it. The demo beoordelaar (Bram) either has not declared yet or, once the assessment browser
 * test ran, declared a conflict for De Linde: 404 in both states, whatever the order of the files.
 */
const openedSubmissionContent = (beoordelaar: number): KaderCell => ({
  ...sealedSubmissionContent,
  own: { inkoper: 200, beoordelaar, jurist: 200, aanbieder: 404 },
});
const undeclaredSubmissionContent = openedSubmissionContent(404);
/** De Linde (organisation 2) on the opened demo kader, and the bytes of its attachment there (db/seed/demo-assessment-kader.ts `demoPdf`). */
const LINDE_ID = 2;
const LINDE_ASSESSMENT_ATTACHMENT_SHA256 = createHash("sha256")
  .update(`%PDF-1.4\n% Zorggroep De Linde: onderbouwing plan van aanpak (illustratief)\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
  .digest("hex");

/**
 * The opened demo kader: the set-up, the facts and the chair's plan page for its inkopers, the
 * beoordelaar's page of the kader; the opened submissions (the list and the proces-verbaal leave
 * out what the beoordelaar may not read; De Linde's inschrijving and attachment are 404 to it).
 * (The beoordelaar's plan page depends on its declarations and assignments, which
 * tests/e2e/assessment.test.ts makes; it is covered there and above.)
 */
function openedAssessmentRows(): MatrixRow[] {
  const row = (route: string, path: string, cell: KaderCell): MatrixRow => ({ route, path, expect: kaderExpect("A", cell), owner: "A" });
  return [
    row("routes/inkoop.kaders.$slug.beoordeling._index", `/inkoop/kaders/${ASSESSMENT_KADER}/beoordeling`, kaderWorkbench),
    row("routes/inkoop.kaders.$slug.beoordeling.feiten", `/inkoop/kaders/${ASSESSMENT_KADER}/beoordeling/feiten`, kaderWorkbench),
    row("routes/inkoop.kaders.$slug.beoordeling.plannen.$providerId.$moduleId.$targetGroupId", `/inkoop/kaders/${ASSESSMENT_KADER}/beoordeling/plannen/${ASSESSMENT_PLAN}`, chairPlan(true)),
    row("routes/beoordeling.$slug._index", `/beoordeling/${ASSESSMENT_KADER}`, assessorKaderPage(true)),
    row("routes/inkoop.kaders.$slug.inschrijvingen._index", `/inkoop/kaders/${ASSESSMENT_KADER}/inschrijvingen`, staffKaderPage),
    row("routes/inkoop.kaders.$slug.inschrijvingen.$providerId._index", `/inkoop/kaders/${ASSESSMENT_KADER}/inschrijvingen/${LINDE_ID}`, undeclaredSubmissionContent),
    {
      ...row("routes/inkoop.kaders.$slug.inschrijvingen.$providerId.bijlagen.$sha256", `/inkoop/kaders/${ASSESSMENT_KADER}/inschrijvingen/${LINDE_ID}/bijlagen/${LINDE_ASSESSMENT_ATTACHMENT_SHA256}`, undeclaredSubmissionContent),
      dataRequest: false,
    },
    { ...row("routes/inkoop.kaders.$slug.proces-verbaal[.pdf]", `/inkoop/kaders/${ASSESSMENT_KADER}/proces-verbaal.pdf`, openedSubmissionContent(200)), dataRequest: false },
  ];
}

export type MatrixRow = { route: string; path: string; expect: Expect; dataRequest?: boolean; owner?: Tenant };

function kaderRows(owner: Tenant, slug: string, published: boolean, withBreakevenTest = false): MatrixRow[] {
  const row = (route: string, path: string, cell: KaderCell, dataRequest?: false): MatrixRow => ({ route, path, expect: kaderExpect(owner, cell), owner, ...(dataRequest === false ? { dataRequest } : {}) });
  const publicCell = published ? publishedKader : conceptPublicPage;
  return [
    row("routes/inkoop.kaders.$slug._index", `/inkoop/kaders/${slug}`, staffKaderPage),
    row("routes/inkoop.kaders.$slug.bewerken", `/inkoop/kaders/${slug}/bewerken`, kaderWorkbench),
    row("routes/inkoop.kaders.$slug.voorbeeld", `/inkoop/kaders/${slug}/voorbeeld`, kaderWorkbench),
    row("routes/inkoop.kaders.$slug.concept[.yaml]", `/inkoop/kaders/${slug}/concept.yaml`, kaderWorkbench, false),
    row("routes/inkoop.kaders.$slug.concept[.json]", `/inkoop/kaders/${slug}/concept.json`, kaderWorkbench, false),
    row("routes/inkoop.kaders.$slug.invoer[.yaml]", `/inkoop/kaders/${slug}/invoer.yaml`, kaderWorkbench, false),
    row("routes/inkoop.kaders.$slug.monitor._index", `/inkoop/kaders/${slug}/monitor`, tariffOverview(published)),
    row("routes/inkoop.kaders.$slug.monitor[.xlsx]", `/inkoop/kaders/${slug}/monitor.xlsx`, tariffOverview(published), false),
    ...(published
      ? [
          row("routes/inkoop.kaders.$slug.inschrijvingen._index", `/inkoop/kaders/${slug}/inschrijvingen`, sealedSubmissionsPage),
          row("routes/inkoop.kaders.$slug.inschrijvingen.$providerId._index", `/inkoop/kaders/${slug}/inschrijvingen/${SUBMITTING_PROVIDER_ID}`, sealedSubmissionContent),
          row("routes/inkoop.kaders.$slug.inschrijvingen.$providerId.bijlagen.$sha256", `/inkoop/kaders/${slug}/inschrijvingen/${SUBMITTING_PROVIDER_ID}/bijlagen/${SOME_SHA256}`, sealedSubmissionContent, false),
          row("routes/inkoop.kaders.$slug.proces-verbaal[.pdf]", `/inkoop/kaders/${slug}/proces-verbaal.pdf`, sealedSubmissionContent, false),
          row("routes/inkoop.kaders.$slug.scoringsrondes._index", `/inkoop/kaders/${slug}/scoringsrondes`, scoringRunsPage),
          row("routes/inkoop.kaders.$slug.scoringsrondes.$runId._index", `/inkoop/kaders/${slug}/scoringsrondes/999999`, absentScoringRun),
          row("routes/inkoop.kaders.$slug.scoringsrondes.$runId.$bestand", `/inkoop/kaders/${slug}/scoringsrondes/999999/invoer.json`, absentScoringRun, false),
        ]
      : []),
    row("routes/inkoop.kaders.$slug.gunning._index", `/inkoop/kaders/${slug}/gunning`, kaderWorkbench),
    row("routes/inkoop.kaders.$slug.gunning.$decisionId.brief[.pdf]", `/inkoop/kaders/${slug}/gunning/999999/brief.pdf`, absentDecisionLetter, false),
    row("routes/juridisch.kaders.$slug.besluiten._index", `/juridisch/kaders/${slug}/besluiten`, juristQueuePage),
    row("routes/juridisch.kaders.$slug.besluiten.$decisionId", `/juridisch/kaders/${slug}/besluiten/999999`, absentJuristDecision),
    row("routes/kaders.$slug.besluit", `/kaders/${slug}/besluit`, unsentProviderDecision),
    row("routes/kaders.$slug.besluit[.pdf]", `/kaders/${slug}/besluit.pdf`, unsentProviderDecision, false),
    row("routes/kaders.$slug._index", `/kaders/${slug}`, publicCell),
    row("routes/kaders.$slug.kader[.yaml]", `/kaders/${slug}/kader.yaml`, publicCell, false),
    row("routes/kaders.$slug.kader[.json]", `/kaders/${slug}/kader.json`, publicCell, false),
    row("routes/kaders.$slug.kader[.pdf]", `/kaders/${slug}/kader.pdf`, publicCell, false),
    // The verification bundle holds the provider's own data: its own users only, everyone else 404.
    row("routes/kaders.$slug.verificatie[.zip]", `/kaders/${slug}/verificatie.zip`, published ? ownSubmission(200) : conceptPublicPage, false),
    // The reële-tarieventoets files (issue 13) exist only for versions published with a test: the
    // demo kader carries one (the seed imports the illustrative accounts first), so its audience
    // gets 200 as for the kader itself; the other kaders were published without one, so everyone
    // gets 404 (those who may see the kader because there is no file, the rest because the kader
    // is hidden). A provider's own standing only is checked in tests/e2e/breakeven.test.ts.
    row("routes/kaders.$slug.reele-tarieventoets[.json]", `/kaders/${slug}/reele-tarieventoets.json`, withBreakevenTest ? publishedKader : conceptPublicPage, false),
    row("routes/kaders.$slug.reele-tarieventoets-invoer[.json]", `/kaders/${slug}/reele-tarieventoets-invoer.json`, withBreakevenTest ? publishedKader : conceptPublicPage, false),
    ...(published
      ? [
          row("routes/kaders.$slug.inschrijving", `/kaders/${slug}/inschrijving`, ownSubmission(200)),
          // A GET of the upload route sends the provider back to the form.
          row("routes/kaders.$slug.inschrijving_.bijlagen", `/kaders/${slug}/inschrijving/bijlagen`, ownSubmission(302), false),
        ]
      : [row("routes/kaders.$slug.inschrijving", `/kaders/${slug}/inschrijving`, ownSubmission(404))]),
    // The tariff monitor (issue 10): the provider's own, and the inkoper's view of one provider.
    row("routes/kaders.$slug.monitor", `/kaders/${slug}/monitor`, ownSubmission(published ? 200 : 404)),
    row("routes/kaders.$slug.monitor[.pdf]", `/kaders/${slug}/monitor.pdf`, ownSubmission(published ? 200 : 404), false),
    row("routes/inkoop.kaders.$slug.monitor.$agb", `/inkoop/kaders/${slug}/monitor/${MONITOR_AGB[owner].inside}`, inkoperMonitor(published)),
    row("routes/inkoop.kaders.$slug.monitor.$agb_.pdf", `/inkoop/kaders/${slug}/monitor/${MONITOR_AGB[owner].inside}/pdf`, inkoperMonitor(published), false),
    row("routes/inkoop.kaders.$slug.monitor.$agb", `/inkoop/kaders/${slug}/monitor/${MONITOR_AGB[owner].outside}`, inkoperMonitorOutsideRegions),
  ];
}

/** The receipt, PDF, content and attachment of tenant A's provider's version 1 (see MATRIX_ATTACHMENT). */
function ownSubmissionRows(slug: string): MatrixRow[] {
  const row = (route: string, path: string, ok: number, dataRequest?: false): MatrixRow => ({ route, path, expect: kaderExpect("A", ownSubmission(ok)), owner: "A", ...(dataRequest === false ? { dataRequest } : {}) });
  const base = `/kaders/${slug}/inschrijving`;
  return [
    row("routes/kaders.$slug.inschrijving_.ontvangstbewijs.$version", `${base}/ontvangstbewijs/1`, 200),
    row("routes/kaders.$slug.inschrijving_.ontvangstbewijs.$version_.pdf", `${base}/ontvangstbewijs/1/pdf`, 200, false),
    row("routes/kaders.$slug.inschrijving_.versies.$version", `${base}/versies/1`, 200),
    row("routes/kaders.$slug.inschrijving_.bijlagen_.$sha256", `${base}/bijlagen/${MATRIX_ATTACHMENT_SHA256}`, 200, false),
    // A version that does not exist: the same 404 for the provider as for everyone else.
    row("routes/kaders.$slug.inschrijving_.ontvangstbewijs.$version", `${base}/ontvangstbewijs/9999`, 404),
  ];
}

/**
 * Objections (issue 12). The matrix test files one basistarief objection as tenant A's provider
 * (De Linde) on the demo kader, with MATRIX_OBJECTION_ATTACHMENT; `{bezwaar}` in a path stands
 * for its id. The provider's pages: only the users of a provider in the kader's regions (and
 * of an objection only its own); the jurist's pages: jurists, and of one objection only the
 * kader's own zorgkantoor's (another zorgkantoor's jurist does not learn it exists).
 */
export const MATRIX_OBJECTION = "{bezwaar}";
export const MATRIX_OBJECTION_ATTACHMENT = "%PDF-1.4\n% matrix-bezwaar\n%%EOF\n";
export const MATRIX_OBJECTION_ATTACHMENT_SHA256 = createHash("sha256").update(MATRIX_OBJECTION_ATTACHMENT, "latin1").digest("hex");
const staffObjection = (ok: number): Expect =>
  mirrored({ anonymous: 302, beheerder: 403, inkoper: 403, beoordelaar: 403, jurist: ok, aanbieder: 403, buiten: 403 });

function objectionRows(): MatrixRow[] {
  const own = (route: string, path: string, ok: number, owner: Tenant = "A", dataRequest?: false): MatrixRow => ({
    route,
    path,
    expect: kaderExpect(owner, ownSubmission(ok)),
    owner,
    ...(dataRequest === false ? { dataRequest } : {}),
  });
  const a = `/kaders/demo-vv-2026/bezwaar`;
  const b = `/kaders/${TENANT_B.publishedSlug}/bezwaar`;
  return [
    own("routes/kaders.$slug.bezwaar", a, 200),
    own("routes/kaders.$slug.bezwaar", b, 200, "B"),
    // A concept has no objection period: the page does not exist for anyone.
    own("routes/kaders.$slug.bezwaar", `/kaders/${TENANT_B.conceptSlug}/bezwaar`, 404, "B"),
    own("routes/kaders.$slug.bezwaar_.$objectionId", `${a}/${MATRIX_OBJECTION}`, 200),
    own("routes/kaders.$slug.bezwaar_.$objectionId_.pdf", `${a}/${MATRIX_OBJECTION}/pdf`, 200, "A", false),
    own("routes/kaders.$slug.bezwaar_.$objectionId_.bijlagen.$sha256", `${a}/${MATRIX_OBJECTION}/bijlagen/${MATRIX_OBJECTION_ATTACHMENT_SHA256}`, 200, "A", false),
    // A's objection under B's kader, an attachment it does not name, an id that does not exist: 404 for everyone.
    own("routes/kaders.$slug.bezwaar_.$objectionId", `${b}/${MATRIX_OBJECTION}`, 404, "B"),
    own("routes/kaders.$slug.bezwaar_.$objectionId_.bijlagen.$sha256", `${a}/${MATRIX_OBJECTION}/bijlagen/${MATRIX_ATTACHMENT_SHA256}`, 404, "A", false),
    own("routes/kaders.$slug.bezwaar_.$objectionId", `${a}/999999`, 404),
    { route: "routes/juridisch.bezwaren._index", path: "/juridisch/bezwaren", expect: role("jurist") },
    { route: "routes/juridisch.bezwaren.$objectionId", path: `/juridisch/bezwaren/${MATRIX_OBJECTION}`, expect: { ...staffObjection(200), juristB: 404 }, owner: "A" },
    {
      route: "routes/juridisch.bezwaren.$objectionId_.bijlagen.$sha256",
      path: `/juridisch/bezwaren/${MATRIX_OBJECTION}/bijlagen/${MATRIX_OBJECTION_ATTACHMENT_SHA256}`,
      expect: { ...staffObjection(200), juristB: 404 },
      owner: "A",
      dataRequest: false,
    },
    { route: "routes/juridisch.bezwaren.$objectionId", path: "/juridisch/bezwaren/999999", expect: staffObjection(404), owner: "A" },
  ];
}

export const MATRIX: MatrixRow[] = [
  { route: "root", path: "/login", expect: everyone(302, 200), dataRequest: false },
  { route: "routes/_index", path: "/", expect: everyone(302, 302), dataRequest: false },
  { route: "routes/login", path: "/login", expect: everyone(302, 200), dataRequest: false },
  { route: "routes/logout", path: "/logout", expect: everyone(302, 302), dataRequest: false },
  { route: "routes/beheer._index", path: "/beheer", expect: role("beheerder") },
  { route: "routes/beheer.gebruikers._index", path: "/beheer/gebruikers", expect: role("beheerder") },
  { route: "routes/beheer.gebruikers.nieuw", path: "/beheer/gebruikers/nieuw", expect: role("beheerder") },
  { route: "routes/beheer.gebruikers.$id", path: "/beheer/gebruikers/2", expect: role("beheerder") },
  { route: "routes/beheer.organisaties._index", path: "/beheer/organisaties", expect: role("beheerder") },
  { route: "routes/beheer.organisaties.nieuw", path: "/beheer/organisaties/nieuw", expect: role("beheerder") },
  { route: "routes/beheer.organisaties.$id", path: "/beheer/organisaties/2", expect: role("beheerder") },
  { route: "routes/audit", path: "/audit", expect: { ...role("jurist"), beheerder: 200 } },
  { route: "routes/audit[.csv]", path: "/audit.csv", expect: { ...role("jurist"), beheerder: 200 } },
  { route: "routes/inkoop._index", path: "/inkoop", expect: staffOnly(200) },
  { route: "routes/inkoop.tarieven", path: "/inkoop/tarieven", expect: staffOnly(200) },
  { route: "routes/inkoop.register", path: "/inkoop/register", expect: staffOnly(200) },
  { route: "routes/inkoop.jaarrekeningen", path: "/inkoop/jaarrekeningen", expect: staffOnly(200) },
  { route: "routes/beoordeling._index", path: "/beoordeling", expect: role("beoordelaar") },
  { route: "routes/juridisch._index", path: "/juridisch", expect: role("jurist") },
  { route: "routes/aanbieder._index", path: "/aanbieder", expect: role("aanbieder") },
  ...kaderRows("A", "demo-vv-2026", true, true),
  ...ownSubmissionRows("demo-vv-2026"),
  ...kaderRows("B", TENANT_B.publishedSlug, true),
  ...kaderRows("B", TENANT_B.conceptSlug, false),
  ...assessmentRows("A", "demo-vv-2026", true),
  ...assessmentRows("B", TENANT_B.publishedSlug, true),
  ...assessmentRows("B", TENANT_B.conceptSlug, false),
  ...openedAssessmentRows(),
  ...objectionRows(),
];
