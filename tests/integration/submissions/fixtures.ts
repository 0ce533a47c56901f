// A published kader that providers can answer: the worked example with declared facts (one the
// zorgkantoor establishes, one the provider declares), open for the demo regions.
import type { Db } from "../../../db/client.server";
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
