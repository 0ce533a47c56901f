import { renderKaderDocument, type KaderDocumentViewModel } from "../../../templates/kader-document";
import type { Db } from "../../../db/client.server";
import type { Kader } from "../../../scoring";
import { getDb } from "../db.server";
import type { KaderRow } from "./access.server";
import { kaderDocumentContext } from "./downloads.server";
import { listNotices } from "./publication.server";
import { listVersions } from "./store.server";
import { publishedBreakevenView } from "./breakeven.server";
import type { kaderVersions } from "../../../db/schema";

/**
 * The one mapper from stored rows to the kader document's view model. The notas are every
 * nota of the kader (the document says they are an inseparable part of it, so a nota published
 * after this version belongs in it too), and the versions are the whole history.
 */
export function kaderDocumentViewModel(kader: KaderRow, version: typeof kaderVersions.$inferSelect, content: Kader, db: Db = getDb()): KaderDocumentViewModel {
  const context = kaderDocumentContext(kader, version, db);
  const notices = listNotices(db, kader.id);
  const noticeNumber = new Map(notices.map((n) => [n.id, n.number]));
  // Aggregates only: the PDF is the same for every reader, so no provider's own line.
  const b = publishedBreakevenView(db, version.id, { providerAgb: null });
  return {
    breakeven: b && {
      passes: b.passes,
      share: b.share,
      basistarief: b.basistarief,
      threshold: b.threshold,
      thresholdRef: b.assumptions.thresholdRef,
      breakEven: b.breakEven,
      justification: b.justification,
      costIndexation: b.assumptions.costIndexation,
      volumeChange: b.assumptions.volumeChange,
      opslagen: b.assumptions.opslagen,
      accountsYear: b.accountsYear,
      providersCounted: b.providersCounted,
      providersPassing: b.providersPassing,
      testFileSha256: b.testFileSha256,
    },
    kader: content,
    version: version.number,
    contentHash: version.contentHash,
    publishedAt: version.publishedAt,
    opensAt: version.opensAt,
    closesAt: version.closesAt,
    questionsUntil: version.questionsUntil,
    zorgkantoor: context.zorgkantoor,
    regions: context.regionNames,
    tariffTable: { year: context.table?.year ?? kader.year, version: context.table?.version ?? 0, note: context.table?.note ?? null },
    notas: notices.map((n) => ({ number: n.number, title: n.title, publishedAt: n.publishedAt, body: n.body })),
    versions: listVersions(db, kader.id).map((v) => ({
      number: v.number,
      publishedAt: v.publishedAt,
      contentHash: v.contentHash,
      notaNumber: v.noticeId !== null ? (noticeNumber.get(v.noticeId) ?? null) : null,
    })),
  };
}

export async function kaderPdfResponse(kader: KaderRow, version: typeof kaderVersions.$inferSelect, content: Kader): Promise<Response> {
  const pdf = await renderKaderDocument(kaderDocumentViewModel(kader, version, content));
  const name = `${kader.slug}-v${version.number}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
