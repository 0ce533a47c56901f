import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaderVersions, kaders, organisations } from "../../../db/schema";
import { renderSubmissionReceipt, type SubmissionReceiptOptions, type SubmissionReceiptViewModel } from "../../../templates/submission-receipt";
import { getDb } from "../db.server";
import type { Receipt } from "./receipt.server";

/**
 * The one mapper from a `Receipt` to the receipt's view model. Every field of the receipt is
 * passed through as it is (the times as the receipt states them, never recomputed); only the
 * kader's title (of the version answered) and the zorgkantoor's name are looked up, by the slug.
 *
 * No access check here: a receipt names which provider submitted, which is sealed until the
 * opening, so callers pass only a receipt they obtained through `submit`, `withdraw` or
 * `submissionStatusFor` for the acting provider.
 */
export function receiptViewModel(receipt: Receipt, db: Db = getDb()): SubmissionReceiptViewModel {
  const kader = db
    .select({ id: kaders.id, title: kaders.title, zorgkantoor: organisations.name })
    .from(kaders)
    .innerJoin(organisations, eq(organisations.id, kaders.zorgkantoorId))
    .where(eq(kaders.slug, receipt.kader))
    .get();
  if (!kader) throw new Error(`receipt names an unknown kader: ${receipt.kader}`);
  const version = db
    .select({ content: kaderVersions.content })
    .from(kaderVersions)
    .where(and(eq(kaderVersions.kaderId, kader.id), eq(kaderVersions.number, receipt.kaderVersion)))
    .get();
  // The title as published in the version the provider answered; the working title may have moved on since.
  const published = version?.content.title;
  return {
    kader: { slug: receipt.kader, title: typeof published === "string" && published !== "" ? published : kader.title, version: receipt.kaderVersion },
    zorgkantoor: kader.zorgkantoor,
    provider: { name: receipt.provider.name, agb: receipt.provider.agb },
    kind: receipt.kind,
    version: receipt.version,
    receivedAtAmsterdam: receipt.receivedAtAmsterdam,
    receivedAtUtc: receipt.receivedAtUtc,
    contentSha256: receipt.contentSha256,
    auditSeq: receipt.auditSeq,
  };
}

/** The receipt as PDF bytes. */
export function renderReceiptPdf(receipt: Receipt, db: Db = getDb(), options: SubmissionReceiptOptions = {}): Promise<Buffer> {
  return renderSubmissionReceipt(receiptViewModel(receipt, db), options);
}

/** The file name a download offers: "vv-2027-ontvangstbevestiging-v2.pdf". */
export function receiptPdfFileName(receipt: Pick<Receipt, "kader" | "version">): string {
  return `${receipt.kader}-ontvangstbevestiging-v${receipt.version}.pdf`;
}
