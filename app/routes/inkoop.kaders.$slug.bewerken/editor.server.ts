/**
 * The kader editor's use cases: what the page shows, saving a submitted form (always, also
 * when the draft is invalid), and replacing the draft by an uploaded kader file.
 */
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { SessionUser } from "~/auth/session.server";
import { issuesToDutch, type DutchIssue } from "~/lib/kader-issues-nl";
import { getDb, type Db } from "~/services/db.server";
import type { KaderRow } from "~/services/kaders/access.server";
import { PHASE_LABEL } from "~/services/kaders/lifecycle";
import { currentPhase, isAmendable, KADER_FORMAT, latestVersion, saveDraft, validateDraft } from "~/services/kaders/store.server";
import { loadTariffTable } from "~/services/tariff-tables.server";
import { organisations } from "../../../db/schema";
import { parseDocument, type Issue } from "../../../scoring";
import { draftToModel, formToModel, MalformedForm, modelToDraft, type EditorNote } from "./convert.server";
import type { TariffHints } from "./fields";
import { applyIntent } from "./intents";
import { MAX_UPLOAD_BYTES, type EditorModel } from "./model";


export function tariffHints(db: Db, tariffTableId: number | null): (TariffHints & { label: string }) | null {
  if (tariffTableId === null) return null;
  const loaded = loadTariffTable(tariffTableId, db);
  if (!loaded) return null;
  const natural = (a: string, b: string) => a.localeCompare(b, "nl", { numeric: true });
  const sectors = [...new Set(loaded.rows.map((r) => r.sector))].sort(natural);
  return {
    label: `${loaded.table.year} versie ${loaded.table.version} (${loaded.table.sourceName})`,
    sectors,
    prestaties: loaded.rows.map((r) => ({ code: r.code, sector: r.sector, label: r.label })).sort((a, b) => natural(a.code, b.code)),
  };
}

export type Editability = { editable: boolean; phaseLabel: string; publishedVersion: number | null; refusal: string | null };

/** A concept is editable; after publication the draft is the next amendment's working copy, until the kader closes. */
export function editability(db: Db, kader: KaderRow, now = new Date()): Editability {
  const phase = currentPhase(db, kader, now);
  const editable = kader.phase === "concept" || isAmendable(db, kader, now);
  const version = latestVersion(db, kader.id);
  return {
    editable,
    phaseLabel: PHASE_LABEL[phase],
    publishedVersion: version?.number ?? null,
    refusal: editable
      ? null
      : `Dit kader kan niet meer worden gewijzigd: het is in de fase ‘${PHASE_LABEL[phase]}’. Na het sluiten van de inschrijving liggen de criteria vast; er komt geen nieuwe wijziging meer.`,
  };
}

function surchargeNames(model: EditorModel): (string | undefined)[] {
  return model.surcharges.map((s) => (s.kind === "raw" ? undefined : s.label || s.id || undefined));
}

export function dutchIssues(issues: readonly Issue[], model: EditorModel): DutchIssue[] {
  return issuesToDutch(issues, { surcharges: surchargeNames(model) });
}

function notesToDutch(notes: EditorNote[], model: EditorModel): DutchIssue[] {
  return notes.map((n) => ({ path: n.path, where: dutchIssues([{ path: n.path, message: "" }], model)[0]!.where, message: n.message }));
}

export function loadEditor(db: Db, kader: KaderRow, now = new Date()) {
  const model = draftToModel(kader.draft);
  const { issues } = validateDraft(db, kader.draft, kader.tariffTableId);
  const tariffs = tariffHints(db, kader.tariffTableId);
  return {
    slug: kader.slug,
    title: kader.title,
    year: kader.year,
    draftUpdatedAt: kader.draftUpdatedAt.toISOString(),
    ...editability(db, kader, now),
    model,
    issues: dutchIssues(issues, model),
    tariffs: tariffs ? { sectors: tariffs.sectors, prestaties: tariffs.prestaties } : null,
    tariffTableLabel: tariffs?.label ?? null,
  };
}

export type EditorActionData =
  | {
      kind: "saved";
      revision: string;
      model: EditorModel;
      issues: DutchIssue[];
      /** The editor's own notes (a row that could not be kept), shown like issues. */
      notes: DutchIssue[];
      /** The element to focus after the page updates (a new row's first field). */
      focus: string | null;
      message: string;
    }
  | { kind: "upload-failed"; revision: string; message: string; problems: DutchIssue[] }
  | { kind: "refused"; revision: string; message: string }
  | { kind: "bad-request"; revision: string; message: string };

const revisionOf = (now: Date) => `${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`;

export async function handleEditorAction(request: Request, user: SessionUser, kader: KaderRow, db: Db = getDb(), now = new Date()) {
  const revision = revisionOf(now);
  const { editable, refusal } = editability(db, kader, now);
  if (!editable) return data<EditorActionData>({ kind: "refused", revision, message: refusal! }, { status: 403 });
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) return upload(request, user, kader, db, now, revision);

  const form = await request.formData();
  const intentValue = form.get("intent");
  const intent = typeof intentValue === "string" ? intentValue : "save";
  let model: EditorModel;
  try {
    model = formToModel(form.entries());
  } catch (error) {
    if (error instanceof MalformedForm) return data<EditorActionData>({ kind: "bad-request", revision, message: "Het formulier bevat ongeldige verborgen gegevens. Laad de pagina opnieuw." }, { status: 400 });
    throw error;
  }
  const outcome = applyIntent(model, intent);
  if (!outcome.ok) return data<EditorActionData>({ kind: "bad-request", revision, message: outcome.message }, { status: 400 });
  const { draft, notes } = modelToDraft(outcome.model);
  const { issues } = saveDraft(user, kader, draft, db, now);
  return data<EditorActionData>({
    kind: "saved",
    revision,
    model: outcome.model,
    issues: dutchIssues(issues, outcome.model),
    notes: notesToDutch(notes, outcome.model),
    focus: outcome.focus,
    message: "Concept opgeslagen",
  });
}

async function upload(request: Request, user: SessionUser, kader: KaderRow, db: Db, now: Date, revision: string) {
  const failed = (message: string, problems: DutchIssue[] = []) => data<EditorActionData>({ kind: "upload-failed", revision, message, problems });
  const tooBig = `Het bestand is te groot: hoogstens 1 MB. Er is niets gewijzigd.`;
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) return failed(tooBig);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return failed(tooBig);
    return data<EditorActionData>({ kind: "bad-request", revision, message: "Het verzoek kon niet worden gelezen." }, { status: 400 });
  }
  if (form.get("intent") !== "upload") return data<EditorActionData>({ kind: "bad-request", revision, message: "Onbekende handeling." }, { status: 400 });
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return failed("Kies een kaderbestand (YAML of JSON). Er is niets gewijzigd.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return failed("Het bestand is geen tekst in UTF-8; een kaderbestand is YAML of JSON. Er is niets gewijzigd.");
  }
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    const problems = parsed.issues.map((i) => ({ path: i.path, where: `Bestand ${file.name}`, message: dutchIssues([withJsonLine(i, text)], draftToModel({}))[0]!.message }));
    return failed("Het bestand kon niet worden gelezen; er is niets gewijzigd.", problems);
  }
  const value = parsed.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return failed("Het bestand bevat geen kader: verwacht een object met onder meer format, title, year en baseRate. Er is niets gewijzigd.");
  }
  const doc = value as Record<string, unknown>;
  if (doc.format !== undefined && doc.format !== KADER_FORMAT) {
    return failed(`Dit is geen kaderbestand: het formaat is ${JSON.stringify(doc.format)}, verwacht ${KADER_FORMAT}. Er is niets gewijzigd.`);
  }
  const org = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, kader.zorgkantoorId)).get();
  const notes: string[] = [];
  if (doc.id !== undefined && doc.id !== kader.slug) notes.push(`het kenmerk ${JSON.stringify(doc.id)} is vervangen door ${kader.slug}, het kenmerk van dit kader`);
  if (doc.zorgkantoor !== undefined && org && doc.zorgkantoor !== org.name) notes.push(`het zorgkantoor ${JSON.stringify(doc.zorgkantoor)} is vervangen door ${org.name}`);
  const { issues } = saveDraft(user, kader, doc, db, now);
  const model = draftToModel(doc);
  return data<EditorActionData>({
    kind: "saved",
    revision,
    model,
    issues: dutchIssues(issues, model),
    notes: [],
    focus: null,
    message: `Bestand ${file.name} ingelezen en als concept opgeslagen${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`,
  });
}

/**
 * Some JSON.parse messages carry no position ("Unexpected token '}', ... is not valid JSON"):
 * find the line by the shortest prefix that fails for a reason other than ending early.
 */
export function withJsonLine(issue: Issue, source: string): Issue {
  const m = /^JSON syntax error: ([\s\S]*)$/.exec(issue.message);
  if (!m) return issue;
  const failsInside = (n: number): boolean => {
    try {
      JSON.parse(source.slice(0, n));
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/Unexpected end of JSON input|Unterminated string/.test(message)) return false;
      const at = /at position (\d+)/.exec(message);
      return !(at && Number(at[1]) >= n);
    }
  };
  const start = source.startsWith("\uFEFF") ? 1 : 0;
  if (!failsInside(source.length)) return issue;
  let lo = start;
  let hi = source.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  const offset = Math.max(lo - 1, 0);
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { path: issue.path, message: `JSON syntax error at line ${line}, column ${column}: ${m[1]!.split("\n")[0]}` };
}
