// The jurist's audit trail (issue 12): events in Dutch words with names, filters by kader,
// provider, person, kind and period, and a CSV export with the page's scope and redaction. A
// provider is named only on events of kaders whose submissions have been opened; a question's
// asker never.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { askQuestion } from "../../../app/services/kaders/questions.server";
import { auditCsv, loadAuditPage, type AuditFilters } from "../../../app/services/audit-log.server";
import { confirmOpening, startOpening } from "../../../app/services/submissions/opening.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import { parseAuditQuery } from "../../../app/lib/audit-filters";
import { appendAudit } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { addUser, DAY, loadKader, seedDemoOrganisations, userByEmail, type Demo } from "../kaders/fixtures";
import { publishSubmissionKader } from "../submissions/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const CLOSES = new Date(NOW.getTime() + 30 * DAY);
const AFTER = new Date(CLOSES.getTime() + 60_000);
const SLUG = "vv-2027";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let jurist: SessionUser;

const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };
const content = { declarations: { wzd: true }, plans: { "complexe-zorg": { targetGroups: { parkinson: { answers, capacity: 4, context: "C", expertise: "E" } } } }, attachments: [] };

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  jurist = addUser(db, "jurist@filters.example", ["jurist"], demo.zorgkantoorId, "x", NOW);
  publishSubmissionKader(db, demo, SLUG, NOW);
  const r = submit(demo.aanbieder, SLUG, content, "filter-sleutel-0001", OPEN, db);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const asked = askQuestion(demo.aanbieder, loadKader(db, SLUG), "Telt een plan dat later komt nog mee?", db, OPEN);
  if (!asked.ok) throw new Error("question refused");
});

afterEach(() => t.close());

function open(): void {
  const inkoper2 = addUser(db, "tweede@filters.example", ["inkoper"], demo.zorgkantoorId, "x", NOW);
  if (!startOpening(demo.inkoper, SLUG, AFTER, db).ok || !confirmOpening(inkoper2, SLUG, new Date(AFTER.getTime() + 60_000), db).ok) throw new Error("opening refused");
}

const page = (filters: AuditFilters = {}) => loadAuditPage(jurist, filters, db);
const LINDE = "73730001";

describe("the events in words", () => {
  it("names the action in Dutch (with its code), and people of the jurist's own organisation by name", () => {
    open();
    const submitted = page().events.find((e) => e.action === "submission.submit")!;
    expect(submitted.actionLabel).toBe("Inschrijving ingediend");
    const published = page().events.find((e) => e.action === "kader.publish")!;
    expect(published.actor).toBe(`Ingrid Inkoop (${demo.inkoper.email})`);
  });
});

describe("filters", () => {
  it("by kader, by kind and by period (Amsterdam days, inclusive)", () => {
    open();
    const ofKader = page({ kader: SLUG }).events;
    expect(ofKader.length).toBeGreaterThan(2);
    expect(ofKader.every((e) => e.entity.includes(SLUG) || e.payload.includes(`"kader":"${SLUG}"`))).toBe(true);
    const submissions = page({ kader: SLUG, category: "submission" }).events;
    expect(submissions.map((e) => e.action)).toEqual(["submission.opening_confirm", "submission.opening_start", "submission.submit"]);
    const query = parseAuditQuery(new URLSearchParams({ van: "2026-09-03", tot: "2026-09-03" }));
    if (!query.ok) throw new Error("query refused");
    const onThatDay = page(query.filters).events;
    expect(onThatDay.map((e) => e.action).sort()).toEqual(["question.ask", "submission.submit"]);
    expect(page({ to: new Date("2026-09-02T00:00:00+02:00") }).events.some((e) => e.action === "submission.submit")).toBe(false);
  });

  it("by person: only that person's events", () => {
    const events = page({ actor: demo.aanbieder.id }).events;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.actor).toBe("Zorgaanbieder (andere organisatie)");
  });

  it("by provider: nothing before the opening; its submission events after, by name; never the question it asked", () => {
    // Sealed: the submission's events were recorded for the provider alone.
    expect(page({ provider: LINDE }).events).toEqual([]);
    expect(page({ kader: SLUG, category: "submission" }).events).toEqual([]);
    open();
    const named = page({ provider: LINDE }).events;
    expect(named.map((e) => e.action)).toEqual(["submission.submit"]);
    expect(named[0]!.payload).toContain('"providerId":"Zorggroep De Linde (AGB 73730001)"');
    const question = page({ kader: SLUG, category: "question" }).events.find((e) => e.action === "question.ask")!;
    expect(question.payload).toContain('"providerId":"(afgeschermd)"');
    expect(page({ provider: "99999999" })).toMatchObject({ events: [], unknownProvider: true });
  });

  it("refuses bad filters in Dutch, by field", () => {
    const bad = parseAuditQuery(new URLSearchParams({ aanbieder: "12ab", van: "2026-09-10", tot: "2026-09-01", soort: "__proto__", wie: "x" }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect({ ...bad.errors }).toEqual({
      aanbieder: "Een AGB-code heeft 8 cijfers.",
      soort: "Kies een soort uit de lijst.",
      wie: "Kies een persoon uit de lijst.",
    });
    const order = parseAuditQuery(new URLSearchParams({ van: "2026-09-10", tot: "2026-09-01" }));
    expect(order.ok ? null : { ...order.errors }).toEqual({ tot: "De einddatum ligt voor de begindatum." });
    const noDate = parseAuditQuery(new URLSearchParams({ van: "2026-02-30" }));
    expect(noDate.ok ? null : { ...noDate.errors }).toEqual({ van: "De begindatum is geen bestaande datum." });
  });
});

describe("the CSV export", () => {
  it("holds the filtered events oldest first, in Dutch, with the page's scope and redaction, and defuses formulas", () => {
    const evil = addUser(db, "formule@filters.example", ["inkoper"], demo.zorgkantoorId, "x", NOW);
    db.$client.prepare("UPDATE users SET name = ? WHERE id = ?").run('=HYPERLINK("http://example.com")', evil.id);
    appendAudit(db, { actorUserId: evil.id, action: "kader.draft_save", entityType: "kader", entityId: SLUG, payload: { kader: SLUG }, at: OPEN });
    const sealed = auditCsv(jurist, { kader: SLUG }, db).csv;
    expect(sealed).not.toContain("Inschrijving ingediend");
    open();
    const { csv, rows, truncated } = auditCsv(jurist, { kader: SLUG }, db);
    expect(truncated).toBe(false);
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Nr.;Tijd (Europe/Amsterdam);Tijd (UTC);Wie;Handeling;Code;Object;Gegevens;Hash");
    expect(lines).toHaveLength(rows + 1);
    const seqs = lines.slice(1).map((l) => Number(l.split(";")[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(csv).toContain("Inschrijving ingediend");
    // The question's asker stays hidden; the opened submission names its provider.
    expect(csv).toMatch(/Vraag gesteld;question\.ask;[^\r]*\(afgeschermd\)/);
    expect(csv).toContain("Zorggroep De Linde (AGB 73730001)");
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com"") (formule@filters.example)"`);
    expect(userByEmail(db, "formule@filters.example").id).toBe(evil.id);
  });
});
