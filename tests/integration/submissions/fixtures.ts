// A published kader that providers can answer: the worked example with declared facts (one the
// zorgkantoor establishes, one the provider declares), open for the demo regions.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { assessmentConflictDeclarations, kaders } from "../../../db/schema";
import { exampleDraft, prepareKader, publishOrThrow, storeTable, windowFrom, type Demo } from "../kaders/fixtures";

/** The two facts every submission kader declares; tests add the fact types they need. */
export function draftWithFacts(extraFacts: Record<string, unknown>[] = []): Record<string, unknown> {
  const draft = exampleDraft();
  draft.facts = [
    { id: "planIngediend", label: "Plan ingediend", type: "boolean", source: "zorgkantoor" },
    { id: "wzd", label: "Registratie Wzd", type: "boolean", source: "aanbieder", question: "Staat u geregistreerd in het Wzd-register?" },
    ...extraFacts,
  ];
  return draft;
}

/** Publishes `slug` for every demo region with the window of `windowFrom(now)`. */
export function publishSubmissionKader(db: Db, demo: Demo, slug: string, now: Date, draft = draftWithFacts()): void {
  const tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, now);
  prepareKader(db, demo.inkoper, { slug, now, regionIds: Object.values(demo.regionIds), tableId, draft });
  publishOrThrow(db, demo.inkoper, slug, windowFrom(now), now);
}

/**
 * Records that `assessor` declared, for each of `providerIds`, no conflict of interest (or a
 * conflict, for those in `conflicts`) in `slug`, as the declaration form would: until then a
 * beoordelaar reads nothing of those providers' inschrijvingen (assessment/gate.server.ts).
 */
export function declareForAssessor(db: Db, assessorUserId: number, slug: string, providerIds: readonly number[], at: Date, conflicts: readonly number[] = []): void {
  const kader = db.select({ id: kaders.id }).from(kaders).where(eq(kaders.slug, slug)).get();
  if (!kader) throw new Error(`no kader ${slug}`);
  db.insert(assessmentConflictDeclarations)
    .values(providerIds.map((providerId) => ({ kaderId: kader.id, assessorUserId, providerId, conflict: conflicts.includes(providerId), reason: conflicts.includes(providerId) ? "Conflict" : null, declaredAt: at })))
    .run();
}
