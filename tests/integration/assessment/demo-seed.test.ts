// The demo's example for the assessment (db/seed/demo-assessment-kader.ts), as `npm start` and
// the browser tests seed it: closed, opened by both demo inkopers, with three plans, and the
// audit trail intact.
import { afterEach, beforeEach, expect, it } from "vitest";
import { assessmentCompleteness } from "../../../app/services/assessment/completeness.server";
import { kaderPlans } from "../../../app/services/assessment/plans.server";
import { currentPhase } from "../../../app/services/kaders/store.server";
import { openingOf } from "../../../app/services/submissions/access.server";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { ASSESSMENT_DEMO_SLUG } from "../../../db/seed/demo-assessment-kader";
import { createTestDb } from "../../helpers/test-db";
import { loadKader, PASSWORD } from "../kaders/fixtures";

const NOW = new Date("2026-03-01T09:00:00.000Z");
let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

it("seeds a closed, opened kader with plans of De Linde and Het Baken only when asked", async () => {
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now: NOW, assessmentExample: true });
  const row = loadKader(db, ASSESSMENT_DEMO_SLUG);
  expect(row.title).toBe("Inkoopkader V&V 2026 (voorbeeld voor de beoordeling)");
  expect(currentPhase(db, row, NOW)).toBe("gesloten");
  expect(currentPhase(db, loadKader(db, "demo-vv-2026"), NOW)).toBe("open");
  expect(openingOf(db, row.id)).not.toBeNull();
  expect(kaderPlans(db, row.id).map((p) => [p.providerName, p.targetGroupId])).toEqual([
    ["Zorggroep De Linde", "jonge-dementie"],
    ["Stichting Het Baken", "parkinson"],
    ["Zorggroep De Linde", "parkinson"],
  ]);
  expect(assessmentCompleteness(db, row.id)).toMatchObject({ plans: 3, complete: false });
  expect(verifyAuditChain(db).ok).toBe(true);

  const plain = createTestDb();
  try {
    await ensureDemoData(plain.db, { file: plain.file, password: PASSWORD, now: NOW });
    expect(plain.db.$client.prepare("SELECT slug FROM kaders").all()).toEqual([{ slug: "demo-vv-2026" }]);
  } finally {
    plain.close();
  }
});
