/**
 * The provider's inschrijving page (`/kaders/:slug/inschrijving`) and its actions: the form
 * generated from the kader's published version, drafts, submit/replace, withdraw, confirm after
 * an amendment, and attachment uploads. The routes stay thin: they authenticate, call these,
 * and turn the result into a response.
 *
 * Every function here starts from `providerContext`: the acting user's own organisation is the
 * provider, never an id from the input; everyone else gets the same 404.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { groupCommit } from "../../../db/group-commit.server";
import { kaderVersions, submissionDrafts, submissions } from "../../../db/schema";
import type { Kader } from "../../../scoring";
import { refuse, requireUser } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { getDb } from "../db.server";
import { formPath, receiptPath } from "../../lib/submission-paths";
import { attachmentName, attachmentRefs, checkAttachment, MAX_ATTACHMENT_BYTES, readAttachment, writeAttachment, type AttachmentRef } from "./attachments.server";
import { errorsOf, providerContext, type ProviderContext } from "./context.server";
import { allAttachmentHashes, MAX_ANSWER_CHARS, MAX_ATTACHMENTS, MAX_DECLARATION_TEXT_CHARS, pointsModules, providerFacts } from "./content";
import { contentFromForm, errorsByField, formValuesFromContent } from "./form-content";
import { receiptPdfFileName, receiptViewModel, renderReceiptPdf } from "./receipt-pdf.server";
import type { Receipt } from "./receipt.server";
import { checkDraft, confirmUnchanged, readSubmission, saveDraft, submissionStatusFor, submit, withdraw, writeDraft, type SubmissionStatus } from "./submissions.server";
import { describeReceipt, receiptLines } from "../../../templates/submission-receipt";

type FormLike = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

export const ATTACHMENT_PURPOSE_GENERAL = "algemeen";

/**
 * The acting user as a user of a provider in one of the kader's regions; everyone else (staff,
 * beheerder, other providers, other tenants) gets the same audited 404; anonymous is sent to log in.
 */
export function requireSubmissionProvider(request: Request, slug: string, db: Db = getDb()): SessionUser {
  return requireSubmissionContext(request, slug, db).user;
}

/** As `requireSubmissionProvider`, with the provider context it checked: pass it on, so a request computes it once. */
export function requireSubmissionContext(request: Request, slug: string, db: Db = getDb()): { user: SessionUser; ctx: ProviderContext } {
  const user = requireUser(request, db);
  const ctx = providerContext(db, user, slug);
  if (!ctx) throw refuse(db, user, request, { status: 404, reason: `inschrijving ${slug} not available` });
  return { user, ctx };
}

/** A fresh key per rendered form: a double click or a retry of that form sends the same key. */
export function newIdempotencyKey(): string {
  return randomBytes(18).toString("base64url");
}

export { formPath, receiptPath };

// ---------------------------------------------------------------------------------------------
// The page

export type FormFact = {
  index: number;
  question: string;
  label: string;
  type: "boolean" | "number" | "text" | "choice";
  options: string[];
  evidence: "none" | "optional" | "required";
  maxChars: number;
};
export type FormModule = {
  index: number;
  label: string;
  ref: string | null;
  criteria: { index: number; label: string }[];
  targetGroups: { index: number; label: string }[] | null;
};
export type FormVersion = { receipt: Receipt; state: SubmissionStatus["versions"][number]["state"]; kindLabel: string };

export type FormPage = {
  slug: string;
  title: string;
  zorgkantoor: string;
  kaderVersion: number;
  opensAt: string;
  closesAt: string;
  /** Whether the window is open now (server clock). */
  open: boolean;
  notYetOpen: boolean;
  timeLeft: string | null;
  status: Omit<SubmissionStatus, "versions" | "opensAt" | "closesAt" | "draftUpdatedAt"> & { draftUpdatedAt: string | null };
  versions: FormVersion[];
  /** The kader version the current submission answers, when that is an older one. */
  answeredKaderVersion: number | null;
  facts: FormFact[];
  modules: FormModule[];
  /** Field name → values (repeatable fields hold several): from the draft, else the current submission. */
  values: Record<string, string[]>;
  /** Every attachment the values name, by hash: what the provider uploaded. */
  attachments: Record<string, AttachmentRef>;
  idempotencyKey: string;
  limits: { answerChars: number; attachments: number; attachmentMb: number };
};

/** "nog 3 dagen en 4 uur", "nog 2 uur en 5 minuten", "nog 40 minuten": for the closing time. */
export function timeLeftDutch(ms: number): string {
  if (ms <= 0) return "gesloten";
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / (60 * 24));
  const hours = Math.floor((minutes % (60 * 24)) / 60);
  const mins = minutes % 60;
  const unit = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (days > 0) return `nog ${unit(days, "dag", "dagen")}${hours > 0 ? ` en ${unit(hours, "uur", "uur")}` : ""}`;
  if (hours > 0) return `nog ${unit(hours, "uur", "uur")}${mins > 0 ? ` en ${unit(mins, "minuut", "minuten")}` : ""}`;
  if (mins > 0) return `nog ${unit(mins, "minuut", "minuten")}`;
  return "nog minder dan een minuut";
}

function kaderOf(ctx: ProviderContext): Kader {
  return ctx.version.content as unknown as Kader;
}

function draftRow(db: Db, ctx: ProviderContext) {
  return db.select().from(submissionDrafts).where(and(eq(submissionDrafts.kaderId, ctx.kader.id), eq(submissionDrafts.providerId, ctx.providerId))).get();
}

/** The newest submitted content (a withdrawal has none) and when it was received. */
function lastSubmitted(db: Db, ctx: ProviderContext): { content: unknown; receivedAt: Date } | null {
  const last = db
    .select({ content: submissions.content, receivedAt: submissions.receivedAt })
    .from(submissions)
    .where(and(eq(submissions.kaderId, ctx.kader.id), eq(submissions.providerId, ctx.providerId), eq(submissions.kind, "submission")))
    .orderBy(desc(submissions.version))
    .limit(1)
    .get();
  return last && last.content !== null ? { content: JSON.parse(last.content) as unknown, receivedAt: last.receivedAt } : null;
}

export function describeVersionKind(receipt: Receipt): string {
  return receipt.kind === "withdrawal" ? "Intrekking" : "Inschrijving";
}

/**
 * Everything the page shows, or null (not a provider of this kader: 404). `values`, when given,
 * are what the user just posted (after a refused submit), shown instead of the draft.
 */
export function loadFormPage(actor: SessionUser, slug: string, db: Db = getDb(), now: Date = new Date(), known?: ProviderContext | null): FormPage | null {
  const ctx = known !== undefined ? known : providerContext(db, actor, slug);
  if (!ctx) return null;
  const statusResult = submissionStatusFor(actor, slug, db, now, ctx);
  if (!statusResult.ok) return null;
  const { versions, opensAt, closesAt, draftUpdatedAt, ...status } = statusResult.status;
  const kader = kaderOf(ctx);
  // Outside the window (closed, or not yet open) the page shows no form, only the status and the
  // versions: the form's questions, values and attachments are neither worked out nor sent. This
  // is also the page a late submit gets with its 403 (a surge at the deadline), so it stays cheap.
  const withForm = status.open;
  let valueMap = new Map<string, string[]>();
  if (withForm) {
    const draft = draftRow(db, ctx);
    // The form starts from whatever is newer: the draft, or what was submitted since it was saved
    // (a submit does not touch the draft, so the draft can be older than the current version).
    const submitted = lastSubmitted(db, ctx);
    const source = draft && (!submitted || draft.updatedAt.getTime() > submitted.receivedAt.getTime()) ? (JSON.parse(draft.content) as unknown) : (submitted?.content ?? null);
    if (source !== null) valueMap = formValuesFromContent(kader, source);
  }
  const values: Record<string, string[]> = Object.fromEntries(valueMap);
  const hashes = [...valueMap.entries()].filter(([name]) => name === "attachments" || name.startsWith("evidence.")).flatMap(([, v]) => v);
  const refs = attachmentRefs(db, ctx.kader.id, ctx.providerId, hashes);
  const current = versions[0];
  return {
    slug: ctx.kader.slug,
    title: typeof kader.title === "string" && kader.title !== "" ? kader.title : ctx.kader.title,
    zorgkantoor: zorgkantoorName(ctx),
    kaderVersion: ctx.version.number,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    open: status.open,
    notYetOpen: now.getTime() < opensAt.getTime(),
    timeLeft: status.open ? timeLeftDutch(closesAt.getTime() - now.getTime()) : null,
    status: { ...status, draftUpdatedAt: draftUpdatedAt?.toISOString() ?? null },
    versions: versions.map((v) => ({ ...v, kindLabel: describeVersionKind(v.receipt) })),
    answeredKaderVersion: status.needsConfirmation && current ? current.receipt.kaderVersion : null,
    facts: (withForm ? providerFacts(kader) : []).map((f, index) => ({
      index,
      question: f.question ?? f.label,
      label: f.label,
      type: f.type,
      options: f.options ?? [],
      evidence: f.evidence ?? "none",
      maxChars: MAX_DECLARATION_TEXT_CHARS,
    })),
    modules: (withForm ? pointsModules(kader) : []).map((m, index) => ({
      index,
      label: m.label,
      ref: m.ref ?? null,
      criteria: m.criteria.map((c, ci) => ({ index: ci, label: c.label })),
      targetGroups: m.targetGroups ? m.targetGroups.map((g, gi) => ({ index: gi, label: g.label })) : null,
    })),
    values,
    attachments: Object.fromEntries(refs),
    idempotencyKey: newIdempotencyKey(),
    limits: { answerChars: MAX_ANSWER_CHARS, attachments: MAX_ATTACHMENTS, attachmentMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
  };
}

/** The zorgkantoor as the published version names it. */
function zorgkantoorName(ctx: ProviderContext): string {
  const content = ctx.version.content as { zorgkantoor?: unknown };
  return typeof content.zorgkantoor === "string" ? content.zorgkantoor : "";
}

// ---------------------------------------------------------------------------------------------
// Actions

export type ActionOutcome =
  | { kind: "redirect"; location: string }
  | { kind: "page"; status: number; errors: FieldErrors; values: Record<string, string[]> | null; message: string | null; attachments?: Record<string, AttachmentRef> }
  | { kind: "saved"; status: 200; updatedAt: string; changed: boolean }
  | { kind: "not_found" };

const STALE_FORM =
  "Het kader is gewijzigd nadat u dit formulier opende. Uw invoer is als concept bewaard. Lees de nota van inlichtingen, controleer uw antwoorden en verstuur opnieuw.";

/** Refusal as a page: field errors by form field, the input kept. */
function refusedPage(kader: Kader, status: number, errors: FieldErrors, values: Record<string, string[]> | null, message: string | null = null): ActionOutcome {
  return { kind: "page", status, errors: errorsByField(kader, errors), values, message };
}

/** The hashes the posted values name, with their names and sizes (for showing them again). */
function refsFor(db: Db, ctx: ProviderContext, values: Record<string, string[]>): Record<string, AttachmentRef> {
  const hashes = Object.entries(values)
    .filter(([name]) => name === "attachments" || name.startsWith("evidence."))
    .flatMap(([, v]) => v);
  return Object.fromEntries(attachmentRefs(db, ctx.kader.id, ctx.providerId, hashes));
}

/**
 * One POST to the form: `intent` = save | submit | withdraw | confirm | remove-attachment.
 * The provider and kader come from the session and the URL only.
 */
export function handleFormAction(actor: SessionUser, slug: string, form: FormLike, db: Db = getDb(), now: Date = new Date(), known?: ProviderContext | null): ActionOutcome {
  // Computed once per request (the route guard passes its own) and handed to every service below.
  const ctx = known !== undefined ? known : providerContext(db, actor, slug);
  if (!ctx) return { kind: "not_found" };
  const kader = kaderOf(ctx);
  const intent = form.get("intent");
  const key = form.get("idempotencyKey");
  const withPage = (o: ActionOutcome): ActionOutcome => (o.kind === "page" && o.values ? { ...o, attachments: refsFor(db, ctx, o.values) } : o);

  if (intent === "withdraw") {
    const result = withdraw(actor, slug, key, now, db, ctx);
    if (!result.ok) return refusedPage(kader, result.status, result.errors, null);
    return { kind: "redirect", location: receiptPath(ctx.kader.slug, result.receipt.version) };
  }
  if (intent === "confirm") {
    const result = confirmUnchanged(actor, slug, key, now, db, ctx);
    if (!result.ok) {
      return withPage(
        refusedPage(
          kader,
          result.status,
          result.errors,
          null,
          result.status === 400 && !("_form" in result.errors)
            ? "Uw inschrijving past niet ongewijzigd bij de gewijzigde versie van het kader. Pas de gemarkeerde velden aan en vervang uw inschrijving."
            : null,
        ),
      );
    }
    return { kind: "redirect", location: receiptPath(ctx.kader.slug, result.receipt.version) };
  }

  // The remaining intents carry the form: it must have been rendered for the current version,
  // since its field names are positions in that version.
  const rendered = form.get("kaderVersion");
  const stale = typeof rendered !== "string" || rendered !== String(ctx.version.number);
  if (stale) {
    // Kept as a draft by the version the form was rendered for, when that version still exists
    // (the positions are its positions); a forged or missing number keeps nothing.
    const renderedKader = typeof rendered === "string" && /^\d{1,6}$/.test(rendered) ? kaderVersionContent(db, ctx, Number(rendered)) : null;
    if (renderedKader) saveDraft(actor, slug, contentFromForm(renderedKader, form), db, now, ctx);
    return { kind: "page", status: 409, errors: errorsOf({ _form: STALE_FORM }), values: null, message: null };
  }

  const content = contentFromForm(kader, form);
  // The posted values as the form shows them: only needed when the page is shown again.
  const values = () => Object.fromEntries(formValuesFromContent(kader, content));

  if (intent === "save") {
    const saved = saveDraft(actor, slug, content, db, now, ctx);
    if (!saved.ok) return withPage(refusedPage(kader, saved.status, saved.errors, values()));
    return { kind: "saved", status: 200, updatedAt: saved.updatedAt.toISOString(), changed: saved.changed };
  }
  if (typeof intent === "string" && intent.startsWith("remove-attachment:")) {
    const sha = intent.slice("remove-attachment:".length);
    // Removed from the draft only: the stored file stays (uploads are immutable).
    const without = removeHash(content, sha);
    const saved = saveDraft(actor, slug, without, db, now, ctx);
    if (!saved.ok) return withPage(refusedPage(kader, saved.status, saved.errors, values()));
    return { kind: "redirect", location: `${formPath(ctx.kader.slug)}?bijlage=verwijderd#bijlagen` };
  }
  if (intent === "submit") {
    const result = submit(actor, slug, content, key, now, db, ctx);
    if (result.ok) return { kind: "redirect", location: receiptPath(ctx.kader.slug, result.receipt.version) };
    // Kept as a draft whatever went wrong, so nothing typed is lost (bad input is still no attempt).
    if (result.status === 400) saveDraft(actor, slug, content, db, now, ctx);
    const summary = result.status === 400 && Object.keys(result.errors).some((k) => k !== "_form" && k !== "idempotencyKey") ? "Uw inschrijving is niet verstuurd. Uw invoer is als concept bewaard; verbeter de gemarkeerde velden." : null;
    const errors = "idempotencyKey" in result.errors ? errorsOf({ _form: result.errors.idempotencyKey! }) : result.errors;
    // Refused by the window (closed, or not yet open): the page shows no form then, so neither the
    // posted values nor their attachments are worked out again; the message is all it shows.
    if (result.status === 403) return refusedPage(kader, result.status, errors, null, summary);
    return withPage(refusedPage(kader, result.status, errors, values(), summary));
  }
  return { kind: "page", status: 400, errors: errorsOf({ _form: "Onbekende actie. Vernieuw de pagina en probeer het opnieuw." }), values: values(), message: null };
}

/**
 * `handleFormAction` in the connection's next group commit (db/group-commit.server.ts): the answer
 * (a receipt, a saved draft) waits until what it reports is durable, and one commit serves every
 * request that reached this point in the same turn, which is what keeps the deadline surge off the disk.
 */
export function handleFormActionDurably(actor: SessionUser, slug: string, form: FormLike, db: Db = getDb(), now: Date = new Date(), known?: ProviderContext | null): Promise<ActionOutcome> {
  return groupCommit(db, () => handleFormAction(actor, slug, form, db, now, known));
}

/** A published version of the provider's kader by number (the one a stale form was rendered for). */
function kaderVersionContent(db: Db, ctx: ProviderContext, number: number): Kader | null {
  if (number === ctx.version.number) return kaderOf(ctx);
  const row = db.select({ content: kaderVersions.content }).from(kaderVersions).where(and(eq(kaderVersions.kaderId, ctx.kader.id), eq(kaderVersions.number, number))).get();
  return row ? (row.content as unknown as Kader) : null;
}

function removeHash(content: Record<string, unknown>, sha: string): Record<string, unknown> {
  const out = Object.assign(Object.create(null) as Record<string, unknown>, content);
  out.attachments = (content.attachments as string[]).filter((h) => h !== sha);
  const evidence = Object.create(null) as Record<string, string[]>;
  for (const [factId, hashes] of Object.entries(content.evidence as Record<string, string[]>)) {
    const kept = hashes.filter((h) => h !== sha);
    if (kept.length > 0) evidence[factId] = kept;
  }
  out.evidence = evidence;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Uploads

/** Upload refusals by code, so a redirect back to the form can name one without carrying text. */
export const UPLOAD_ERRORS: Record<string, string> = {
  "geen-bestand": "Kies een PDF-bestand.",
  leeg: "Het bestand is leeg.",
  "te-groot": "Het bestand is te groot (hoogstens 10 MB).",
  "geen-pdf": "Alleen PDF-bestanden zijn toegestaan. Dit bestand is geen PDF, ook al heeft het misschien die naam.",
  naam: "De bestandsnaam is ongeldig (te lang of met een stuurteken). Geef het bestand een gewone naam.",
  gesloten: "De sluitingstijd is verstreken; er kunnen geen bijlagen meer worden toegevoegd.",
  vol: "U heeft voor dit kader het maximum aan opgeslagen bijlagen bereikt. Gebruik een bijlage die u al heeft geüpload.",
  teveel: `Hoogstens ${MAX_ATTACHMENTS} bijlagen per inschrijving (bewijsstukken meegeteld). Verwijder eerst een bijlage.`,
  doel: "Onbekend doel voor deze bijlage. Vernieuw de pagina en probeer het opnieuw.",
  onleesbaar: "Het formulier kon niet worden gelezen. Kies het bestand opnieuw en probeer het nog eens.",
  onbekend: "De bijlage kon niet worden opgeslagen. Probeer het opnieuw.",
  verouderd: "Het kader is gewijzigd nadat u dit formulier opende. Uw invoer is als concept bewaard; de bijlage is niet opgeslagen. Controleer uw antwoorden en upload het bestand opnieuw.",
};

function uploadErrorCode(message: string): string {
  if (message.startsWith("Het bestand is leeg")) return "leeg";
  if (message.startsWith("Het bestand is te groot")) return "te-groot";
  if (message.startsWith("Alleen PDF")) return "geen-pdf";
  if (message.startsWith("De bestandsnaam")) return "naam";
  if (message.startsWith("De sluitingstijd")) return "gesloten";
  if (message.startsWith("U heeft voor dit kader het maximum")) return "vol";
  return "onbekend";
}

export type UploadOutcome =
  | { kind: "not_found" }
  | { kind: "stored"; attachment: AttachmentRef; purpose: string; location: string }
  | { kind: "refused"; status: number; code: string; message: string; purpose: string; location: string };

/** The synchronous checks of an upload, before its bytes are read. */
function prepareUpload(actor: SessionUser, slug: string, form: FormLike | null, db: Db, now: Date, known: ProviderContext | null | undefined): UploadOutcome | PendingUpload {
  const ctx = known !== undefined ? known : providerContext(db, actor, slug);
  if (!ctx) return { kind: "not_found" };
  const kader = kaderOf(ctx);
  const back = formPath(ctx.kader.slug);
  const refuse = (status: number, code: string, purpose: string): UploadOutcome => ({
    kind: "refused",
    status,
    code,
    message: UPLOAD_ERRORS[code]!,
    purpose,
    location: `${back}?bijlagefout=${code}&doel=${encodeURIComponent(purpose)}#${anchorFor(purpose)}`,
  });
  if (form === null) return refuse(400, "onleesbaar", ATTACHMENT_PURPOSE_GENERAL);

  const rawPurpose = form.get("purpose");
  const purpose = typeof rawPurpose === "string" && rawPurpose !== "" ? rawPurpose : ATTACHMENT_PURPOSE_GENERAL;
  const facts = providerFacts(kader);
  const evidenceMatch = /^evidence\.(\d{1,4})$/.exec(purpose);
  const factIndex = evidenceMatch ? Number(evidenceMatch[1]) : null;
  if (purpose !== ATTACHMENT_PURPOSE_GENERAL && (factIndex === null || factIndex >= facts.length || (facts[factIndex]!.evidence ?? "none") === "none")) {
    return refuse(400, "doel", ATTACHMENT_PURPOSE_GENERAL);
  }

  // A form rendered before an amendment: its positions are another version's. Its input is kept
  // as the draft (as for the form's own actions), the file is not stored.
  const rendered = form.get("kaderVersion");
  if (typeof rendered === "string" && rendered !== String(ctx.version.number)) {
    const renderedKader = /^\d{1,6}$/.test(rendered) ? kaderVersionContent(db, ctx, Number(rendered)) : null;
    if (renderedKader) saveDraft(actor, slug, contentFromForm(renderedKader, form), db, now, ctx);
    return refuse(409, "verouderd", ATTACHMENT_PURPOSE_GENERAL);
  }

  // The page names each file input after its purpose; a bare upload sends `file`.
  const candidate = [form.get(`file.${purpose}`), form.get("file")].find((v): v is File => typeof v === "object" && v !== null && v.size > 0);
  if (!candidate) return refuse(400, "geen-bestand", purpose);
  if (candidate.size > MAX_ATTACHMENT_BYTES) return refuse(400, "te-groot", purpose);
  if (attachmentName(candidate.name || "bijlage.pdf") === null) return refuse(400, "naam", purpose);

  // The draft the hash joins: the posted form when it was rendered for this version, else the stored draft.
  const posted = form.get("kaderVersion") === String(ctx.version.number);
  const stored = draftRow(db, ctx);
  const base: Record<string, unknown> = posted
    ? contentFromForm(kader, form)
    : stored
      ? normaliseDraft(kader, JSON.parse(stored.content) as unknown)
      : contentFromForm(kader, new FormData());
  const inDraft = new Set([...(base.attachments as string[]), ...Object.values(base.evidence as Record<string, string[]>).flat()]);

  return { kind: "pending", ctx, kader, base, inDraft, purpose, factIndex, candidate, refuse, back };
}

/** A stored draft as the content tree the form produces (drafts are stored as the form made them). */
function normaliseDraft(kader: Kader, draft: unknown): Record<string, unknown> {
  const values = formValuesFromContent(kader, draft);
  const form = new FormData();
  for (const [name, list] of values) for (const v of list) form.append(name, v);
  return contentFromForm(kader, form);
}

function anchorFor(purpose: string): string {
  return purpose === ATTACHMENT_PURPOSE_GENERAL ? "bijlagen" : `veld-${purpose.replace(".", "-")}`;
}

/**
 * An uploaded PDF for the provider's inschrijving: stored (immutable, by hash), then added to the
 * draft: to the general attachments (`purpose` = "algemeen") or to the evidence of declared
 * fact i (`purpose` = "evidence.<i>"). When the upload carries the whole form (the page's upload
 * buttons post it), the draft is saved from it, so nothing typed is lost; otherwise (a bare
 * upload) the hash is added to the stored draft.
 */
export async function storeUpload(actor: SessionUser, slug: string, form: FormLike | null, db: Db = getDb(), now: Date = new Date(), known?: ProviderContext | null): Promise<UploadOutcome> {
  const first = prepareUpload(actor, slug, form, db, now, known);
  if (first.kind !== "pending") return first;
  const { ctx, kader, base, inDraft, purpose, factIndex, candidate, refuse, back } = first;
  const bytes = new Uint8Array(await candidate.arrayBuffer());
  // When the upload carries the whole form, the typed input is kept as the draft whatever happens to the file.
  const posted = form !== null && form.get("kaderVersion") === String(ctx.version.number);
  const refused = (status: number, errors: Record<string, string>): UploadOutcome => refuse(status === 404 ? 404 : status, uploadErrorCode(Object.values(errors)[0] ?? ""), purpose);
  const file = checkAttachment(ctx, { name: candidate.name || "bijlage.pdf", bytes }, now);
  if (!file.ok) {
    if (posted) saveDraft(actor, slug, base, db, now, ctx);
    return refused(file.status, file.errors);
  }
  // The file and the draft that names it commit together, in one transaction, shared with the
  // other writes of this turn (one fsync for all; db/group-commit.server.ts).
  return groupCommit(db, () =>
    db.transaction((tx): UploadOutcome => {
      const keepDraft = (content: Record<string, unknown>) => {
        const draft = checkDraft(ctx, content, now);
        if (draft.ok) writeDraft(tx, actor, ctx, draft.canonical, now);
      };
      const stored = writeAttachment(tx, actor, file, now);
      if (!stored.ok) {
        // The refusal names the problem; the typed input is kept as the draft all the same.
        if (posted) keepDraft(base);
        return refused(stored.status, stored.errors);
      }
      const sha = stored.attachment.sha256;
      if (!inDraft.has(sha)) {
        if (inDraft.size >= MAX_ATTACHMENTS) {
          if (posted) keepDraft(base);
          return refuse(400, "teveel", purpose);
        }
        if (factIndex === null) (base.attachments as string[]).push(sha);
        else {
          const factId = providerFacts(kader)[factIndex]!.id;
          const evidence = base.evidence as Record<string, string[]>;
          evidence[factId] = [...(Object.prototype.hasOwnProperty.call(evidence, factId) ? evidence[factId]! : []), sha];
        }
      }
      keepDraft(base);
      return { kind: "stored", attachment: stored.attachment, purpose, location: `${back}?bijlage=toegevoegd#${anchorFor(purpose)}` };
    }),
  );
}

type PendingUpload = {
  kind: "pending";
  ctx: ProviderContext;
  kader: Kader;
  base: Record<string, unknown>;
  inDraft: Set<string>;
  purpose: string;
  factIndex: number | null;
  candidate: File;
  refuse: (status: number, code: string, purpose: string) => UploadOutcome;
  back: string;
};

// ---------------------------------------------------------------------------------------------
// Receipts and versions

/** One of the provider's own versions with its receipt on screen, or null (404). */
export function loadReceiptPage(actor: SessionUser, slug: string, versionParam: string, db: Db = getDb(), now: Date = new Date()) {
  if (!/^\d{1,6}$/.test(versionParam)) return null;
  const status = submissionStatusFor(actor, slug, db, now);
  if (!status.ok) return null;
  const entry = status.status.versions.find((v) => v.receipt.version === Number(versionParam));
  if (!entry) return null;
  const vm = receiptViewModel(entry.receipt, db);
  return {
    slug: status.status.kader,
    title: vm.kader.title,
    receipt: entry.receipt,
    state: entry.state,
    // The same words as the PDF (`receiptLines` is this description as plain lines).
    description: describeReceipt(vm),
    lines: receiptLines(vm),
    open: status.status.open,
    closesAt: status.status.closesAt.toISOString(),
  };
}


/** The receipt PDF of one of the provider's own versions, as a download; null = 404. */
export async function receiptPdfResponse(actor: SessionUser, slug: string, versionParam: string, db: Db = getDb()): Promise<Response | null> {
  if (!/^\d{1,6}$/.test(versionParam)) return null;
  const status = submissionStatusFor(actor, slug, db);
  if (!status.ok) return null;
  const entry = status.status.versions.find((v) => v.receipt.version === Number(versionParam));
  if (!entry) return null;
  const pdf = await renderReceiptPdf(entry.receipt, db);
  const name = receiptPdfFileName(entry.receipt);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      // nosniff is set on every response by server/app.ts.
      "Cache-Control": "private, no-store",
    },
  });
}

/** One of the provider's own attachments, always as a download (never shown inline); null = 404. */
export function ownAttachmentResponse(actor: SessionUser, slug: string, sha256: string, db: Db = getDb()): Response | null {
  const ctx = providerContext(db, actor, slug);
  if (!ctx || !/^[0-9a-f]{64}$/.test(sha256)) return null;
  const file = readAttachment(actor, slug, ctx.providerId, sha256, db);
  if (!file.ok) return null;
  // The stored name is a plain name without path or control characters; the ASCII fallback drops the rest.
  const ascii = file.name.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      // nosniff is set on every response by server/app.ts.
      "Cache-Control": "private, no-store",
    },
  });
}

export type VersionContentView = {
  slug: string;
  title: string;
  receipt: Receipt;
  declarations: { question: string; answer: string; evidence: AttachmentRef[] }[];
  plans: { module: string; answers: { label: string; text: string }[]; groups: { label: string; capacity: number; context: string; expertise: string; answers: { label: string; text: string }[] }[] }[];
  attachments: AttachmentRef[];
};

/**
 * One of the provider's own versions, read-only, in the words of the kader version it answers.
 * Null = 404 (not the provider's, or a withdrawal, which has no content).
 */
export function loadVersionContent(actor: SessionUser, slug: string, versionParam: string, db: Db = getDb(), now: Date = new Date()): VersionContentView | null {
  const ctx = providerContext(db, actor, slug);
  if (!ctx || !/^\d{1,6}$/.test(versionParam)) return null;
  const read = readSubmission(actor, slug, ctx.providerId, Number(versionParam), db, now);
  if (!read.ok || read.content === null) return null;
  const kader = kaderVersionContent(db, ctx, read.receipt.kaderVersion) ?? kaderOf(ctx);
  const content = read.content;
  const refs = attachmentRefs(db, ctx.kader.id, ctx.providerId, allAttachmentHashes(content));
  const ref = (sha: string): AttachmentRef => refs.get(sha) ?? { sha256: sha, name: "onbekend bestand", size: 0 };
  const own = <T,>(o: Record<string, T>, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
  const show = (v: boolean | string | undefined) => (v === true ? "Ja" : v === false ? "Nee" : v === undefined ? "—" : v.replace(".", ","));
  const declarations = providerFacts(kader).map((f) => ({
    question: f.question ?? f.label,
    answer: show(own(content.declarations, f.id)),
    evidence: (own(content.evidence, f.id) ?? []).map(ref),
  }));
  const plans: VersionContentView["plans"] = [];
  for (const module of pointsModules(kader)) {
    const plan = own(content.plans, module.id);
    if (!plan) continue;
    const answersOf = (answers: Record<string, string>) => module.criteria.map((c) => ({ label: c.label, text: own(answers, c.id) ?? "" }));
    if ("answers" in plan) plans.push({ module: module.label, answers: answersOf(plan.answers), groups: [] });
    else {
      const groups = (module.targetGroups ?? []).flatMap((g) => {
        const gp = own(plan.targetGroups, g.id);
        return gp ? [{ label: g.label, capacity: gp.capacity, context: gp.context, expertise: gp.expertise, answers: answersOf(gp.answers) }] : [];
      });
      plans.push({ module: module.label, answers: [], groups });
    }
  }
  return {
    slug: ctx.kader.slug,
    title: typeof kader.title === "string" ? kader.title : ctx.kader.title,
    receipt: read.receipt,
    declarations,
    plans,
    attachments: content.attachments.map(ref),
  };
}

export type SubmissionSummary = { state: string; closesAt: string; open: boolean; needsConfirmation: boolean; href: string };

/** The provider's state for a kader in a few words (kader page, provider home); null when the user is not its provider. */
export function submissionSummary(actor: SessionUser, slug: string, db: Db = getDb(), now: Date = new Date()): SubmissionSummary | null {
  const status = submissionStatusFor(actor, slug, db, now);
  if (!status.ok) return null;
  const s = status.status;
  const current = s.versions[0];
  const state =
    s.state === "none"
      ? s.draftUpdatedAt
        ? "concept, nog niet verstuurd"
        : "nog niet ingeschreven"
      : s.state === "withdrawn"
        ? "ingetrokken"
        : `ingeschreven (versie ${current!.receipt.version})${s.needsConfirmation ? ", te bevestigen" : ""}`;
  return { state, closesAt: s.closesAt.toISOString(), open: s.open, needsConfirmation: s.needsConfirmation, href: formPath(s.kader) };
}
