// The proces-verbaal van opening: built from the database once the submissions have been opened
// by two inkopers. It names who submitted what and when, which is sealed until the opening, so
// every row passes `canReadSubmissionContent` (through `readableRows`), and before the opening
// the whole record is 404, for the inkoper too.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaders, organisations, submissionOpenings } from "../../../db/schema";
import { renderOpeningRecord, type OpeningRecordOptions, type OpeningRecordViewModel, type RecordProvider } from "../../../templates/opening-record";
import type { SessionUser } from "../../auth/session.server";
import { getDb } from "../db.server";
import { latestVersion } from "../kaders/store.server";
import { refusal, type Refusal } from "./context.server";
import { openingStatus } from "./opening.server";
import { formatAmsterdamPrecise, receiptOf } from "./receipt.server";
import { readableRows } from "./staff.server";

const NOT_OPENED = "Er is (nog) geen proces-verbaal: de inschrijvingen zijn niet geopend.";

const instant = (at: Date) => ({ amsterdam: formatAmsterdamPrecise(at), utc: at.toISOString() });

export function openingRecordViewModel(actor: SessionUser, kaderSlug: string, now: Date = new Date(), db: Db = getDb()): { ok: true; record: OpeningRecordViewModel } | Refusal {
  const status = openingStatus(actor, kaderSlug, now, db);
  if (!status.ok) return status;
  const opening = status.status;
  // A not-yet-opened kader has no record; the same answer as an unknown one, so nothing leaks.
  if (opening.state !== "complete" || opening.completedAt.getTime() > now.getTime()) return refusal(404, NOT_OPENED);
  const kader = db.select().from(kaders).where(eq(kaders.slug, kaderSlug)).get();
  const version = kader ? latestVersion(db, kader.id) : null;
  if (!kader || !version) return refusal(404, NOT_OPENED);
  const zorgkantoor = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, kader.zorgkantoorId)).get()?.name ?? "";
  const steps = db.select().from(submissionOpenings).where(eq(submissionOpenings.kaderId, kader.id)).orderBy(asc(submissionOpenings.id)).all();
  const confirm = steps.find((s) => s.step === "confirmed");
  const start = confirm ? steps.find((s) => s.id === confirm.startedId) : undefined;
  if (!confirm || !start) return refusal(404, NOT_OPENED);

  const providers: RecordProvider[] = [];
  for (const rows of readableRows(db, actor, kader, version, now).values()) {
    const latest = rows[rows.length - 1]!;
    const receipt = receiptOf(db, latest);
    providers.push({
      name: receipt.provider.name,
      agb: receipt.provider.agb,
      state: latest.kind === "submission" ? "submitted" : "withdrawn",
      unconfirmed: latest.kind === "submission" && latest.kaderVersionId !== version.id,
      versions: rows.map((row) => {
        const r = row === latest ? receipt : receiptOf(db, row);
        return {
          version: r.version,
          kind: r.kind,
          state: r.kind === "withdrawal" ? "withdrawn" : row === latest ? "current" : "superseded",
          kaderVersion: r.kaderVersion,
          receivedAtAmsterdam: r.receivedAtAmsterdam,
          receivedAtUtc: r.receivedAtUtc,
          contentSha256: r.contentSha256,
          auditSeq: r.auditSeq,
        };
      }),
    });
  }
  providers.sort((a, b) => a.name.localeCompare(b.name, "nl"));
  const published = version.content.title;
  return {
    ok: true,
    record: {
      zorgkantoor,
      kader: { slug: kader.slug, title: typeof published === "string" && published !== "" ? published : kader.title, version: version.number, contentHash: version.contentHash },
      closesAt: instant(version.closesAt),
      opening: {
        startedBy: opening.startedBy.name,
        startedAt: instant(start.at),
        confirmedBy: opening.confirmedBy.name,
        confirmedAt: instant(confirm.at),
        auditSeqs: { start: start.auditSeq, confirm: confirm.auditSeq },
      },
      providers,
    },
  };
}

export async function openingRecordPdf(actor: SessionUser, kaderSlug: string, now: Date = new Date(), db: Db = getDb(), options: OpeningRecordOptions = {}): Promise<{ ok: true; pdf: Buffer; fileName: string } | Refusal> {
  const vm = openingRecordViewModel(actor, kaderSlug, now, db);
  if (!vm.ok) return vm;
  return { ok: true, pdf: await renderOpeningRecord(vm.record, options), fileName: `${vm.record.kader.slug}-proces-verbaal-van-opening.pdf` };
}
