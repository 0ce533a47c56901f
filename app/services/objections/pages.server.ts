// The adapters between the objection routes and the service: guards that check role and
// ownership for every loader and action, page data, the form's two steps and the downloads.
import { randomBytes } from "node:crypto";
import { refuse, requireRole, requireUser } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import { formatDate } from "../../lib/dates";
import { MAX_OBJECTION_TEXT_CHARS, objectionPath } from "../../lib/objections";
import { getDb, type Db } from "../db.server";
import { providerContext, type ProviderContext } from "../submissions/context.server";
import {
  decideObjection,
  fileObjection,
  kaderBasistariefPeriod,
  objectionAttachment,
  objectionReceiptFileName,
  pendingAttachments,
  providerObjection,
  providerObjections,
  renderObjectionReceiptPdf,
  staffObjection,
  storeObjectionAttachments,
  storedObjectionAttachments,
  takeIntoHandling,
  type ObjectionAttachmentRef,
  type ObjectionDetail,
} from "./objections.server";
import { withinPeriod } from "./period";
import { NO_DECISION_MESSAGE, decisionGate, newestSentDecision, objectableDecision } from "../award/gate.server";
import { decisionReference } from "../award/stored-data.server";
import type { ObjectionKind } from "../../../db/schema";

/** A provider user of a provider in the kader's regions, for a published kader; 404 for anyone else. */
export function requireObjectionProvider(request: Request, slug: string, db: Db = getDb()): { user: SessionUser; ctx: ProviderContext } {
  const user = requireUser(request, db);
  const ctx = providerContext(db, user, slug);
  if (!ctx) throw refuse(db, user, request, { status: 404, reason: `bezwaar ${slug} not available` });
  return { user, ctx };
}

/** One of the provider's own objections on the kader; 404 for another provider's or an unknown one. */
export function requireOwnObjection(request: Request, slug: string, idParam: string, db: Db = getDb()): { user: SessionUser; ctx: ProviderContext; objection: ObjectionDetail } {
  const { user, ctx } = requireObjectionProvider(request, slug, db);
  const objection = /^\d{1,9}$/.test(idParam) ? providerObjection(db, ctx, Number(idParam)) : null;
  if (!objection) throw refuse(db, user, request, { status: 404, reason: `bezwaar ${slug}/${idParam} not found` });
  return { user, ctx, objection };
}

/** A jurist of the objection's zorgkantoor; 403 by role, 404 for another zorgkantoor's objection. */
export function requireStaffObjection(request: Request, idParam: string, db: Db = getDb()): { user: SessionUser; objection: ObjectionDetail } {
  const user = requireRole(request, "jurist", db);
  const objection = /^\d{1,9}$/.test(idParam) ? staffObjection(db, user, Number(idParam)) : null;
  if (!objection) throw refuse(db, user, request, { status: 404, reason: `bezwaar ${idParam} not found` });
  return { user, objection };
}

/** The provider's own sent decision that can be objected to now (within its standstill), as the page shows it. */
export type ObjectableDecision = { id: number; reference: string; sentAt: string; lastDay: string; corrected: boolean };

export type ProviderObjectionsPage = {
  kader: { slug: string; title: string; year: number; zorgkantoorId: number };
  period: { startsAt: string; lastDay: string; open: boolean; setByVersion: number } | null;
  decision: ObjectableDecision | null;
  /** The provider's sent decision whose standstill has passed (no objection possible any more), to say so by date. */
  termPassed: { reference: string; lastDay: string } | null;
  objections: ReturnType<typeof providerObjections>;
  pending: ObjectionAttachmentRef[];
  idempotencyKey: string;
  maxChars: number;
};

export function loadProviderObjectionsPage(ctx: ProviderContext, db: Db = getDb(), now: Date = new Date()): ProviderObjectionsPage {
  const period = kaderBasistariefPeriod(db, ctx.kader.id);
  const open = period !== null && withinPeriod(period, now);
  const d = objectableDecision(db, ctx.kader.id, ctx.providerId, now);
  const newest = d ? null : newestSentDecision(db, ctx.kader.id, ctx.providerId);
  const passed = newest?.standstillEndsAt && newest.standstillLastDay && now.getTime() >= newest.standstillEndsAt.getTime() ? newest : null;
  return {
    kader: { slug: ctx.kader.slug, title: ctx.kader.title, year: ctx.kader.year, zorgkantoorId: ctx.kader.zorgkantoorId },
    period: period ? { startsAt: period.startsAt.toISOString(), lastDay: period.lastDay.toISOString(), open, setByVersion: period.setByVersion } : null,
    decision: d ? { id: d.id, reference: decisionReference(ctx.kader, d), sentAt: d.sentAt!.toISOString(), lastDay: d.standstillLastDay!.toISOString(), corrected: d.replacesDecisionId !== null } : null,
    termPassed: passed ? { reference: decisionReference(ctx.kader, passed), lastDay: passed.standstillLastDay!.toISOString() } : null,
    objections: providerObjections(db, ctx),
    pending: open || d ? pendingAttachments(db, ctx.kader.id, ctx.providerId) : [],
    idempotencyKey: randomBytes(18).toString("base64url"),
    maxChars: MAX_OBJECTION_TEXT_CHARS,
  };
}

/** What the objection form's action answers: field errors (with the values back), the confirm step, or a redirect. */
export type ObjectionFormResult =
  | { step: "errors"; kind: ObjectionKind; errors: Record<string, string>; values: { gronden: string; bijlagen: string[]; idempotencyKey: string } }
  | {
      step: "confirm";
      kind: ObjectionKind;
      summary: { grounds: string; attachments: ObjectionAttachmentRef[]; lastDay: string | null };
      values: Record<string, string>;
    }
  | { step: "filed"; location: string };

const CONFIRM_FIELD = "bevestigd";

/**
 * The objection form, in two steps. "Controleren" (multipart, may carry PDFs): stores the files
 * and asks for confirmation, showing what will be filed. "Indienen" (the confirmation, which
 * repeats the fields with `bevestigd=ja`): files the objection and sends the provider to its
 * receipt. Filing is irreversible, so nothing is filed without the second step.
 */
export async function handleObjectionForm(request: Request, user: SessionUser, ctx: ProviderContext, db: Db = getDb(), now: Date = new Date()): Promise<ObjectionFormResult & { status: number }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { step: "errors", kind: "basistarief", status: 400, errors: { _form: "Het formulier kon niet worden gelezen. Verstuur het opnieuw." }, values: { gronden: "", bijlagen: [], idempotencyKey: "" } };
  }
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  // Two forms share this action: against the basistarief (the default) and against the provider's own decision.
  const kind: ObjectionKind = text("soort") === "besluit" ? "besluit" : "basistarief";
  const decisionId = kind === "besluit" && /^\d{1,12}$/.test(text("besluit")) ? Number(text("besluit")) : null;
  const grounds = text("gronden");
  const key = text("idempotencyKey");
  // Checked attachments arrive one field each from the form, comma-joined from the confirm step.
  const hashes = form
    .getAll("bijlage")
    .filter((v): v is string => typeof v === "string")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  const back = (status: number, errors: Record<string, string>, bijlagen = hashes) => ({ step: "errors" as const, kind, status, errors, values: { gronden: grounds, bijlagen, idempotencyKey: key } });

  if (text(CONFIRM_FIELD) === "ja") {
    const result = fileObjection(db, { actor: user, kaderSlug: ctx.kader.slug, kind, decisionId, grounds, attachments: hashes, idempotencyKey: key, now, known: ctx });
    if (!result.ok) return back(result.status, { ...result.errors });
    return { step: "filed", status: 303, location: `${objectionPath(ctx.kader.slug)}/${result.receipt.id}?ingediend=1` };
  }

  const files = form
    .getAll("bestanden")
    .filter((v): v is File => typeof v !== "string" && v.size > 0)
    .map(async (f) => ({ name: f.name || "bijlage.pdf", bytes: new Uint8Array(await f.arrayBuffer()) }));
  const stored = storeObjectionAttachments(db, user, ctx, await Promise.all(files), now);
  if (!stored.ok) return back(stored.status, { ...stored.errors });
  const all = [...new Set([...hashes, ...stored.attachments.map((a) => a.sha256)])];
  let lastDay: Date;
  if (kind === "besluit") {
    // The same gate as filing: the confirm step never promises what filing would refuse.
    const verdict = decisionId === null ? null : decisionGate(db, { decisionId, providerId: ctx.providerId, kaderId: ctx.kader.id, now });
    if (!verdict || !verdict.ok) return back(verdict?.status ?? 404, { _form: verdict && !verdict.ok ? verdict.message : NO_DECISION_MESSAGE }, all);
    lastDay = objectableDecision(db, ctx.kader.id, ctx.providerId, now)!.standstillLastDay!;
  } else {
    const period = kaderBasistariefPeriod(db, ctx.kader.id);
    if (!period || !withinPeriod(period, now)) {
      return back(403, { _form: `De termijn voor bezwaar tegen het basistarief van dit kader${period ? ` liep tot en met ${formatDate(period.lastDay)}` : " is niet open"}.` }, all);
    }
    lastDay = period.lastDay;
  }
  const trimmed = grounds.replace(/\r\n?/g, "\n").trim();
  if (trimmed === "") return back(400, { gronden: "Vul de gronden van uw bezwaar in: waarom bent u het er niet mee eens?" }, all);
  if (trimmed.length > MAX_OBJECTION_TEXT_CHARS) return back(400, { gronden: `De gronden zijn te lang (hoogstens ${MAX_OBJECTION_TEXT_CHARS.toLocaleString("nl-NL")} tekens).` }, all);
  const known = storedObjectionAttachments(db, ctx.kader.id, ctx.providerId, all);
  const attachments = all.map((h) => known.get(h)).filter((a): a is ObjectionAttachmentRef => a !== undefined);
  if (attachments.length !== all.length) return back(400, { bijlagen: "Een bijlage is onbekend; voeg haar opnieuw toe." }, all);
  return {
    step: "confirm",
    kind,
    status: 200,
    summary: { grounds: trimmed, attachments, lastDay: lastDay.toISOString() },
    values: { gronden: grounds, bijlage: all.join(","), idempotencyKey: key, soort: kind, ...(decisionId !== null ? { besluit: String(decisionId) } : {}) },
  };
}

/** The receipt of one of the provider's own objections as PDF. */
export async function ownObjectionReceiptPdf(objection: ObjectionDetail): Promise<Response> {
  const pdf = await renderObjectionReceiptPdf(objection.receipt);
  const name = objectionReceiptFileName(objection.receipt);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** An attachment of an objection as a download (never inline), for whoever `objectionAttachment` allows; null = 404. */
export function objectionAttachmentResponse(user: SessionUser, objectionId: number, sha256: string, db: Db = getDb()): Response | null {
  const file = objectionAttachment(db, user, objectionId, sha256);
  if (!file) return null;
  const ascii = file.name.replace(/[^\w.-]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}

export type StaffActionResult = { ok: true; message: string } | { ok: false; status: number; errors: Record<string, string>; values?: Record<string, string> };

/** The jurist's two steps on an objection: take it into handling, then decide it with a motivated answer. */
export async function handleStaffObjectionAction(request: Request, user: SessionUser, id: number, db: Db = getDb(), now: Date = new Date()): Promise<StaffActionResult> {
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "behandelen") {
    // It cannot be undone (the state only moves forward): the first post only asks.
    if (form.get(CONFIRM_FIELD) !== "ja") return { ok: false, status: 200, errors: {}, values: { confirmTake: "1" } };
    const result = takeIntoHandling(db, user, id, now);
    return result.ok ? { ok: true, message: "U heeft het bezwaar in behandeling genomen. De aanbieder ziet dat op zijn bezwaarpagina." } : { ok: false, status: result.status, errors: { ...result.errors } };
  }
  if (intent === "beslissen") {
    const input = { uitkomst: form.get("uitkomst") ?? undefined, antwoord: form.get("antwoord") ?? undefined };
    const values = { uitkomst: typeof input.uitkomst === "string" ? input.uitkomst : "", antwoord: typeof input.antwoord === "string" ? input.antwoord : "" };
    if (form.get(CONFIRM_FIELD) !== "ja") {
      // Irreversible: the first post only asks; the page shows the confirm step with the same values.
      if (values.antwoord.trim() === "" || !["gegrond", "deels_gegrond", "ongegrond"].includes(values.uitkomst)) {
        const errors: Record<string, string> = {};
        if (!["gegrond", "deels_gegrond", "ongegrond"].includes(values.uitkomst)) errors.uitkomst = "Kies de uitkomst: gegrond, deels gegrond of ongegrond.";
        if (values.antwoord.trim() === "") errors.antwoord = "Schrijf het gemotiveerde antwoord aan de aanbieder: waarom is het bezwaar (deels) gegrond of ongegrond?";
        return { ok: false, status: 400, errors, values };
      }
      return { ok: false, status: 200, errors: {}, values: { ...values, confirm: "1" } };
    }
    const result = decideObjection(db, user, id, input, now);
    return result.ok ? { ok: true, message: "Uw beslissing is vastgelegd en voor de aanbieder zichtbaar, met uw antwoord. Zij verandert niet meer." } : { ok: false, status: result.status, errors: { ...result.errors }, values };
  }
  return { ok: false, status: 400, errors: { _form: "Onbekende handeling." } };
}
