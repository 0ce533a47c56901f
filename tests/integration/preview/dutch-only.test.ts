/**
 * Issue 7: "English reaches the screen (engine errors in the preview of an invalid concept)".
 * The preview of a few typical invalid drafts shows, per problem, where (in words) and what,
 * both in Dutch: no engine message, no English word, no technical path.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { createKader, saveDraft } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { kaders } from "../../../db/schema";
import { seedDemo } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import { demoInkoper, previewDraft, seedPreviewKader } from "./fixtures";
import { caller, type RouteModule } from "./routes";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let previousUrl: string | undefined;
let page: RouteModule;
let get: ReturnType<typeof caller>;
let inkoper: SessionUser;
let tariffTableId: number;

const loadRow = (slug: string) => db.select().from(kaders).where(eq(kaders.slug, slug)).get()!;

/** Words of the engine's messages and paths that a Dutch sentence never has. */
const ENGLISH = /\b(expected|got|must|unknown|duplicate|required|above|below|missing|among|surcharges|criteria|mapping|bands|baseRate|nothing|invalid|takes|needs|is not|the|with|key|rekenkern meldt)\b/i;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  seedDemo(db, "not-a-password-hash", new Date());
  tariffTableId = seedPreviewKader(db, { slug: "vv-preview" }).tariffTableId;
  inkoper = demoInkoper(db);
  get = caller(db);
  page = (await import("../../../app/routes/inkoop.kaders.$slug.voorbeeld/route")) as unknown as RouteModule;
});

afterAll(() => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t.close();
});

const TYPICAL: Record<string, (d: Record<string, any>) => Record<string, any>> = {
  "base rate above the maximum": (d) => ({ ...d, baseRate: { default: 101 } }),
  "a negative surcharge and an unknown key": (d) => ({ ...d, treshold: 3, surcharges: [{ ...d.surcharges[0], percent: -2 }, ...d.surcharges.slice(1)] }),
  "a points module with descending bands, an unknown basis and a bad scale": (d) => ({
    ...d,
    surcharges: d.surcharges.map((s: any) =>
      s.kind === "points"
        ? { ...s, criteria: [{ id: "c", label: "C", scale: [4, 2] }], mapping: { basis: "rel", bands: [{ from: 10, percent: 4 }, { from: 5, percent: 2 }] } }
        : s,
    ),
  }),
  "a condition of the wrong shape and a missing title": (d) => ({ ...d, title: undefined, surcharges: [{ ...d.surcharges[0], when: "planIngediend == true" }] }),
  "a prestatie that is not in the tariff table": (d) => ({ ...d, baseRate: { default: 94, byPrestatie: { "11VV": 95 } } }),
  "an unknown previous-year rule and a text where a number belongs": (d) => ({ ...d, maxPercent: "veel", previousYear: { mode: "max", over: ["bestaat-niet"] } }),
};

describe("the preview of an invalid concept speaks Dutch only", () => {
  let n = 0;
  it.each(Object.keys(TYPICAL))("%s", async (name) => {
    const slug = `vv-fout-${n++}`;
    createKader(inkoper, { slug, title: "Kader met fouten", year: 2026 }, db);
    db.update(kaders).set({ tariffTableId }).where(eq(kaders.slug, slug)).run();
    saveDraft(inkoper, loadRow(slug), TYPICAL[name]!(previewDraft(2026)), db);
    const data = (await get(page, `/inkoop/kaders/${slug}/voorbeeld`, slug, inkoper)) as { page: { state: string; issues?: { where: string; message: string }[] } };
    expect(data.page.state).toBe("invalid");
    const issues = data.page.issues!;
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      // The words a user reads: "where: message" (quoted values are the user's own).
      const shown = `${issue.where}: ${issue.message}`.replace(/"[^"]*"/g, "");
      expect(shown, shown).not.toMatch(ENGLISH);
      expect(shown).not.toMatch(/\w\[\d+\]/); // no technical path like surcharges[0]
    }
  });
});
