// The zorgkantoor's side of the inschrijving: the submissions of a kader as its staff see them.
// Before the opening only the number (countSubmissions) and where the opening stands; after it,
// every provider's submission, each row let through by `canReadSubmissionContent`, the one
// access decision. Content is read through `readSubmission` and attachments through
// `readAttachment`, so nothing here decides access on its own.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaderVersions, kaders, submissionAttachments, submissions } from "../../../db/schema";
import type { FactDeclaration, Kader, PointsSurcharge } from "../../../scoring";
import type { SessionUser } from "../../auth/session.server";
import { getDb } from "../db.server";
import { latestVersion } from "../kaders/store.server";
import { assessorReadableProviders } from "../assessment/gate.server";
import { canReadSubmissionContent, openingOf } from "./access.server";
import { readAttachment } from "./attachments.server";
import { NOT_FOUND, refusal, type Refusal } from "./context.server";
import { pointsModules, providerFacts, type ModulePlan, type SubmissionContent, type TargetGroupPlan } from "./content";
import { openingStatus, type OpeningStatus } from "./opening.server";
import { receiptOf, type Receipt, type SubmissionRow } from "./receipt.server";
import { countSubmissions, readSubmission } from "./submissions.server";

type KaderRow = typeof kaders.$inferSelect;
type VersionRow = typeof kaderVersions.$inferSelect;

const own = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** A provider's inschrijving as the opened list shows it: its current (latest) version. */
export type ProviderSummary = {
  provider: Receipt["provider"];
  state: "submitted" | "withdrawn";
  /** The receipt of the latest version (a withdrawal's, when withdrawn). */
  current: Receipt;
  versions: number;
  /**
   * The current submission answers an older version of the kader than the latest published one:
   * the kader was amended after it was submitted and the provider did not confirm or replace it.
   */
  unconfirmed: boolean;
};

export type GroupEntry = { providerId: number; name: string; capacity: number | null; unconfirmed: boolean };
export type ModuleView = {
  id: string;
  label: string;
  /** For a module without target groups, one group with id null. */
  groups: { id: string | null; label: string | null; providers: GroupEntry[] }[];
};

export type SubmissionsOverview =
  | { phase: "sealed" | "closed"; count: number; opening: OpeningStatus }
  | {
      phase: "opened";
      count: number;
      opening: Extract<OpeningStatus, { state: "complete" }>;
      currentKaderVersion: number;
      /** Submitted against the current kader version, and withdrawn ones. */
      providers: ProviderSummary[];
      /** "niet bevestigd na wijziging van het kader": listed apart. */
      unconfirmed: ProviderSummary[];
      modules: ModuleView[];
    };

function findKader(db: Db, slug: string): KaderRow | undefined {
  return db.select().from(kaders).where(eq(kaders.slug, slug)).get();
}

/** Every stored version of every provider, per provider in version order, keeping only those the actor may read. */
export function readableRows(db: Db, actor: SessionUser, kader: KaderRow, version: VersionRow, now: Date): Map<number, SubmissionRow[]> {
  const rows = db.select().from(submissions).where(eq(submissions.kaderId, kader.id)).orderBy(asc(submissions.providerId), asc(submissions.version)).all();
  const opening = openingOf(db, kader.id);
  const byProvider = new Map<number, SubmissionRow[]>();
  // An assessor reads only the providers it declared no conflict for (assessment/gate.server.ts).
  const readable = assessorReadableProviders(db, actor, kader.id);
  for (const row of rows) {
    const subject = { providerId: row.providerId, zorgkantoorId: kader.zorgkantoorId, closesAt: version.closesAt, opening };
    if (!canReadSubmissionContent(actor, subject, now) || (readable !== "all" && !readable.has(row.providerId))) continue;
    const list = byProvider.get(row.providerId) ?? [];
    list.push(row);
    byProvider.set(row.providerId, list);
  }
  return byProvider;
}

/** Published kader versions by id, parsed once each. */
function versionContents(db: Db, kaderId: number): Map<number, { number: number; kader: Kader }> {
  const rows = db.select({ id: kaderVersions.id, number: kaderVersions.number, content: kaderVersions.content }).from(kaderVersions).where(eq(kaderVersions.kaderId, kaderId)).all();
  return new Map(rows.map((r) => [r.id, { number: r.number, kader: r.content as unknown as Kader }]));
}

function parseContent(row: SubmissionRow): SubmissionContent | null {
  return row.content === null ? null : (JSON.parse(row.content) as SubmissionContent);
}

/** Where the submissions of a kader stand, for its zorgkantoor's staff; 404 for everyone else. */
export function submissionsOverview(actor: SessionUser, kaderSlug: string, now: Date = new Date(), db: Db = getDb()): { ok: true; overview: SubmissionsOverview } | Refusal {
  const status = openingStatus(actor, kaderSlug, now, db);
  if (!status.ok) return status;
  const counted = countSubmissions(actor, kaderSlug, db);
  if (!counted.ok) return counted;
  const opening = status.status;
  if (opening.state !== "complete") return { ok: true, overview: { phase: opening.state === "not_yet" ? "sealed" : "closed", count: counted.count, opening } };

  const kader = findKader(db, kaderSlug);
  const version = kader ? latestVersion(db, kader.id) : null;
  if (!kader || !version) return refusal(404, NOT_FOUND);
  const contents = versionContents(db, kader.id);
  const byProvider = readableRows(db, actor, kader, version, now);

  const providers: ProviderSummary[] = [];
  const unconfirmed: ProviderSummary[] = [];
  const modules = new Map<string, ModuleView>();
  const moduleOf = (id: string, label: string): ModuleView => {
    let m = modules.get(id);
    if (!m) modules.set(id, (m = { id, label, groups: [] }));
    return m;
  };
  // The current version's modules and groups first, in the kader's order, even when nobody chose them.
  for (const m of pointsModules(version.content as unknown as Kader)) {
    const view = moduleOf(m.id, m.label);
    for (const g of m.targetGroups ?? [{ id: null, label: null }]) view.groups.push({ id: g.id, label: g.label, providers: [] });
  }

  for (const rows of byProvider.values()) {
    const latest = rows[rows.length - 1]!;
    const receipt = receiptOf(db, latest);
    const summary: ProviderSummary = {
      provider: receipt.provider,
      state: latest.kind === "submission" ? "submitted" : "withdrawn",
      current: receipt,
      versions: rows.length,
      unconfirmed: latest.kind === "submission" && latest.kaderVersionId !== version.id,
    };
    (summary.unconfirmed ? unconfirmed : providers).push(summary);
    const content = parseContent(latest);
    if (!content) continue;
    // Labels from the kader version the submission answered (a module may since have been renamed or dropped).
    const answered = contents.get(latest.kaderVersionId)?.kader;
    const answeredModules = new Map(answered ? pointsModules(answered).map((m) => [m.id, m]) : []);
    for (const moduleId of Object.keys(content.plans)) {
      const plan = content.plans[moduleId]!;
      const declared = answeredModules.get(moduleId);
      const view = moduleOf(moduleId, declared?.label ?? moduleId);
      const entry = (capacity: number | null): GroupEntry => ({ providerId: receipt.provider.id, name: receipt.provider.name, capacity, unconfirmed: summary.unconfirmed });
      if ("targetGroups" in plan) {
        for (const groupId of Object.keys(plan.targetGroups)) {
          let group = view.groups.find((g) => g.id === groupId);
          if (!group) view.groups.push((group = { id: groupId, label: declared?.targetGroups?.find((g) => g.id === groupId)?.label ?? groupId, providers: [] }));
          group.providers.push(entry(plan.targetGroups[groupId]!.capacity));
        }
      } else {
        let group = view.groups.find((g) => g.id === null);
        if (!group) view.groups.push((group = { id: null, label: null, providers: [] }));
        group.providers.push(entry(null));
      }
    }
  }
  const byName = (a: ProviderSummary, b: ProviderSummary) => a.provider.name.localeCompare(b.provider.name, "nl");
  providers.sort(byName);
  unconfirmed.sort(byName);
  for (const m of modules.values()) for (const g of m.groups) g.providers.sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return {
    ok: true,
    overview: { phase: "opened", count: counted.count, opening, currentKaderVersion: version.number, providers, unconfirmed, modules: [...modules.values()] },
  };
}

// ---------------------------------------------------------------------------
// One provider's inschrijving.

export type AttachmentView = { sha256: string; name: string; size: number };
export type DeclarationView = { factId: string; label: string; question: string | null; value: string; evidenceRequired: boolean; evidence: AttachmentView[] };
export type AnswerView = { criterionId: string; label: string; text: string };
export type TargetGroupView = { id: string; label: string; capacity: number; context: string; expertise: string; answers: AnswerView[] };
export type PlanView = { moduleId: string; label: string; answers: AnswerView[] | null; targetGroups: TargetGroupView[] };
export type VersionView = { receipt: Receipt; state: "current" | "superseded" | "withdrawn"; answersOlderKader: boolean };

export type SubmissionDetail = {
  provider: Receipt["provider"];
  currentKaderVersion: number;
  /** Every version, newest first. */
  versions: VersionView[];
  /** The version shown. */
  shown: VersionView;
  /** Null for a withdrawal. */
  content: { declarations: DeclarationView[]; plans: PlanView[]; attachments: AttachmentView[] } | null;
};

/** "12,5" for "12.5": a declared number as stored (a decimal string), written the Dutch way. */
function dutchNumber(value: string): string {
  const [whole, fraction] = value.split(".");
  const grouped = (whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

function declarationValue(fact: FactDeclaration, value: boolean | string): string {
  if (typeof value === "boolean") return value ? "ja" : "nee";
  return fact.type === "number" ? dutchNumber(value) : value;
}

function answersOf(module: PointsSurcharge | undefined, answers: Record<string, string>): AnswerView[] {
  const labels = new Map(module?.criteria.map((c) => [c.id, c.label]) ?? []);
  const order = module ? module.criteria.map((c) => c.id).filter((id) => own(answers, id)) : [];
  for (const id of Object.keys(answers)) if (!order.includes(id)) order.push(id);
  return order.map((id) => ({ criterionId: id, label: labels.get(id) ?? id, text: answers[id]! }));
}

function planOf(module: PointsSurcharge | undefined, moduleId: string, plan: ModulePlan): PlanView {
  if (!("targetGroups" in plan)) return { moduleId, label: module?.label ?? moduleId, answers: answersOf(module, plan.answers), targetGroups: [] };
  const groups: TargetGroupView[] = Object.keys(plan.targetGroups).map((id) => {
    const g: TargetGroupPlan = plan.targetGroups[id]!;
    return { id, label: module?.targetGroups?.find((x) => x.id === id)?.label ?? id, capacity: g.capacity, context: g.context, expertise: g.expertise, answers: answersOf(module, g.answers) };
  });
  return { moduleId, label: module?.label ?? moduleId, answers: null, targetGroups: groups };
}

/** Evidence per fact, if the content format carries it (an optional field: older content has none). */
function evidenceOf(content: SubmissionContent): Map<string, string[]> {
  const raw = (content as { evidence?: unknown }).evidence;
  const out = new Map<string, string[]>();
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return out;
  for (const [factId, hashes] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(hashes)) out.set(factId, hashes.filter((h): h is string => typeof h === "string"));
  }
  return out;
}

function attachmentMeta(db: Db, kaderId: number, providerId: number, hashes: string[]): Map<string, AttachmentView> {
  if (hashes.length === 0) return new Map();
  const rows = db
    .select({ sha256: submissionAttachments.sha256, name: submissionAttachments.name, size: submissionAttachments.size })
    .from(submissionAttachments)
    .where(and(eq(submissionAttachments.kaderId, kaderId), eq(submissionAttachments.providerId, providerId), inArray(submissionAttachments.sha256, hashes)))
    .all();
  return new Map(rows.map((r) => [r.sha256, r]));
}

/** Every hash a version's content names: its attachments and its evidence. */
function referencedHashes(content: SubmissionContent): string[] {
  const all = new Set(content.attachments);
  for (const hashes of evidenceOf(content).values()) for (const h of hashes) all.add(h);
  return [...all];
}

/**
 * One provider's inschrijving, version `versionNumber` or the latest: as `readSubmission` allows
 * (before the opening: 404 for everyone but the provider itself, and this is not the provider's page).
 */
export function submissionDetail(
  actor: SessionUser,
  kaderSlug: string,
  providerId: number,
  versionNumber: number | null,
  now: Date = new Date(),
  db: Db = getDb(),
): { ok: true; detail: SubmissionDetail } | Refusal {
  // Version 1 exists for every provider that ever submitted: reading it is the access check.
  const first = readSubmission(actor, kaderSlug, providerId, versionNumber ?? 1, db, now);
  if (!first.ok) return first;
  const kader = findKader(db, kaderSlug)!;
  const version = latestVersion(db, kader.id)!;
  const rows = db.select().from(submissions).where(and(eq(submissions.kaderId, kader.id), eq(submissions.providerId, providerId))).orderBy(asc(submissions.version)).all();
  const latestNumber = rows[rows.length - 1]!.version;
  const read = versionNumber === null && latestNumber !== 1 ? readSubmission(actor, kaderSlug, providerId, latestNumber, db, now) : first;
  if (!read.ok) return read;

  const versions: VersionView[] = rows
    .map((row): VersionView => ({
      receipt: receiptOf(db, row),
      state: row.kind === "withdrawal" ? "withdrawn" : row.version === latestNumber ? "current" : "superseded",
      answersOlderKader: row.kaderVersionId !== version.id,
    }))
    .reverse();
  const shown = versions.find((v) => v.receipt.version === read.receipt.version)!;
  const provider = read.receipt.provider;
  if (read.content === null) return { ok: true, detail: { provider, currentKaderVersion: version.number, versions, shown, content: null } };

  const content = read.content;
  const answered = db
    .select({ content: kaderVersions.content })
    .from(kaderVersions)
    .where(and(eq(kaderVersions.kaderId, kader.id), eq(kaderVersions.number, read.receipt.kaderVersion)))
    .get();
  const answeredKader = (answered?.content ?? {}) as unknown as Kader;
  const meta = attachmentMeta(db, kader.id, providerId, referencedHashes(content));
  const view = (sha: string): AttachmentView => meta.get(sha) ?? { sha256: sha, name: "onbekend bestand", size: 0 };
  const evidence = evidenceOf(content);
  const facts = providerFacts(answeredKader);
  const declarations: DeclarationView[] = facts
    .filter((f) => own(content.declarations, f.id))
    .map((f) => ({
      factId: f.id,
      label: f.label,
      question: f.question ?? null,
      value: declarationValue(f, content.declarations[f.id]!),
      evidenceRequired: f.evidence === "required",
      evidence: (evidence.get(f.id) ?? []).map(view),
    }));
  const modules = new Map(pointsModules(answeredKader).map((m) => [m.id, m]));
  const plans = Object.keys(content.plans).map((id) => planOf(modules.get(id), id, content.plans[id]!));
  return {
    ok: true,
    detail: { provider, currentKaderVersion: version.number, versions, shown, content: { declarations, plans, attachments: content.attachments.map(view) } },
  };
}

/**
 * An attachment of a provider's inschrijving, for download: `readAttachment` decides access, and
 * serves staff only a file that one of the provider's submitted versions names.
 */
export function submissionAttachment(
  actor: SessionUser,
  kaderSlug: string,
  providerId: number,
  sha256: string,
  now: Date = new Date(),
  db: Db = getDb(),
): { ok: true; name: string; bytes: Buffer } | Refusal {
  return readAttachment(actor, kaderSlug, providerId, sha256, db, now);
}

/**
 * The download of an attachment: always as a file (never shown inline), with a name that cannot
 * break the header (the stored name is the provider's; quotes, control and non-ASCII characters
 * are replaced in the plain `filename`, the exact name goes in `filename*`).
 */
export function attachmentResponse(name: string, bytes: Buffer): Response {
  const plain = name.replace(/[^A-Za-z0-9._ -]/g, "_") || "bijlage.pdf";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
