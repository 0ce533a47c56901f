// The tariff monitor (issue 10): one provider's tariffs under a published kader, how each is
// built, and a what-if. Every figure is the engine's, through computeForProvider; this module
// decides who sees which provider and with what data, and assembles the view model.
//
// Access: the provider's own users see their own organisation's monitor (never one named in the
// URL or form); the kader's inkopers see any provider of the kader's regions. Whether
// declarations and plans count is the one access decision, `canReadSubmissionContent`: the
// provider always, the inkoper only after the four-eyes opening.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { organisations } from "../../../db/schema";
import { D, canonical } from "../../../scoring/decimal";
import type { Fact } from "../../../scoring";
import { refuse } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { getDb } from "../db.server";
import { requireKader, requireKaderEditor, type KaderRow } from "../kaders/access.server";
import { canReadSubmissionContent, openingOf } from "../submissions/access.server";
import { computeForProvider, type ProviderComputation, type PublishedKader } from "../tender/provider-result.server";
import { withRunFieldBest } from "../tender/run-computation.server";
import { providerPrestaties } from "../tender/inputs.server";
import { renderMonitor } from "../../../templates/monitor";
import { currentComputation } from "./computation-cache.server";
import { publishedKaderCached } from "./published-cache.server";
import { lineKey, monitorPrestaties, monitorView, type MonitorLine, type MonitorPrestatie, type MonitorView, type TraceItem } from "./view-model";
import { factFormValue, parseWhatIf, whatIfShape, type WhatIfForm, type WhatIfShape } from "./what-if";

export type MonitorSubject = {
  viewer: "provider" | "inkoper";
  row: KaderRow;
  published: PublishedKader;
  providerId: number;
  withSubmissions: boolean;
};

const AGB = /^\d{8}$/;

function subjectFor(db: Db, user: SessionUser, row: KaderRow, published: PublishedKader, providerId: number, viewer: MonitorSubject["viewer"], now: Date): MonitorSubject {
  const withSubmissions = canReadSubmissionContent(
    user,
    { providerId, zorgkantoorId: row.zorgkantoorId, closesAt: published.version.closesAt, opening: openingOf(db, row.id) },
    now,
  );
  return { viewer, row, published, providerId, withSubmissions };
}

/** The provider's own monitor: the actor's organisation, on a published kader of its regions; 404 otherwise. */
export function requireOwnMonitor(request: Request, user: SessionUser, slug: string, now: Date = new Date(), db: Db = getDb()): MonitorSubject {
  const { kader } = requireKader(request, user, slug, { audience: "provider", db });
  const published = publishedKaderCached(db, kader);
  if (!published) throw refuse(db, user, request, { status: 404, reason: "kader not published" });
  return subjectFor(db, user, kader, published, user.organisation!.id, "provider", now);
}

/** An inkoper's view of one provider (by AGB code) of the kader's regions; 404 for any other AGB. */
export function requireInkoperMonitor(request: Request, user: SessionUser, slug: string, agb: string, now: Date = new Date(), db: Db = getDb()): MonitorSubject {
  const kader = requireKaderEditor(request, user, slug, db);
  const published = publishedKaderCached(db, kader);
  if (!published) throw refuse(db, user, request, { status: 404, reason: "kader not published" });
  const org = AGB.test(agb)
    ? db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.agbCode, agb), eq(organisations.kind, "zorgaanbieder"))).get()
    : undefined;
  if (!org) throw refuse(db, user, request, { status: 404, reason: `provider ${agb} unknown` });
  return subjectFor(db, user, kader, published, org.id, "inkoper", now);
}

/** The computation behind a monitor, or a 404 when the provider is not one of the kader's regions. */
function compute(request: Request, user: SessionUser, subject: MonitorSubject, db: Db, overrides?: Parameters<typeof computeForProvider>[3]["overrides"]): ProviderComputation {
  const computation = overrides
    ? computeForProvider(db, subject.published, subject.providerId, { withSubmissions: subject.withSubmissions, overrides: subject.withSubmissions ? withRunFieldBest(db, subject.published, overrides) : overrides })
    : currentComputation(db, subject.published, subject.providerId, subject.withSubmissions);
  if (!computation) throw refuse(db, user, request, { status: 404, reason: "provider not in the kader's regions" });
  return computation;
}

export type WhatIfLine = {
  prestatie: string;
  targetGroup: string | null;
  targetGroupLabel: string | null;
  /** The monitor's tariff for the same line, or for a new target-group line the prestatie's regular tariff. */
  current: { tariff: string; percent: string; sameLine: boolean };
  tariff: string;
  percent: string;
  difference: string;
  trace: TraceItem[];
};

export type WhatIfPrestatie = { code: string; label: string | null; unit: string | null; yearly: { current: string; whatIf: string; difference: string } | null; lines: WhatIfLine[] };

export type WhatIfView =
  | { state: "none" }
  | { state: "invalid"; errors: FieldErrors }
  | { state: "ok"; prestaties: WhatIfPrestatie[]; yearly: { current: string; whatIf: string; difference: string } | null; relativeWithoutBest: string[] };

export type MonitorPage = {
  viewer: MonitorSubject["viewer"];
  view: MonitorView;
  shape: WhatIfShape;
  form: WhatIfForm;
  whatIf: WhatIfView;
};

const diff = (a: string, b: string) => canonical(new D(a).minus(b));

function whatIfView(
  current: ProviderComputation,
  before: readonly MonitorPrestatie[],
  next: ProviderComputation,
  subject: MonitorSubject,
  shape: WhatIfShape,
  givenBest: ReadonlySet<string>,
): Extract<WhatIfView, { state: "ok" }> {
  const { kader, tariffs } = subject.published;
  const after = monitorPrestaties(kader, tariffs, next, { waterfalls: false });
  const lines = new Map<string, MonitorLine>();
  const regular = new Map<string, MonitorLine>();
  for (const p of before) {
    regular.set(p.code, p.regular);
    for (const l of [p.regular, ...p.targetGroups]) lines.set(lineKey(l.prestatie, l.targetGroup), l);
  }
  const prestaties = after.map((p): WhatIfPrestatie => {
    const was = before.find((b) => b.code === p.code);
    return {
      code: p.code,
      label: p.label,
      unit: p.unit,
      yearly: p.yearlyAmount !== null && was?.yearlyAmount ? { current: was.yearlyAmount, whatIf: p.yearlyAmount, difference: diff(p.yearlyAmount, was.yearlyAmount) } : null,
      lines: [p.regular, ...p.targetGroups].map((l) => {
        const same = lines.get(lineKey(l.prestatie, l.targetGroup));
        const base = same ?? regular.get(l.prestatie)!;
        return {
          prestatie: l.prestatie,
          targetGroup: l.targetGroup,
          targetGroupLabel: l.targetGroupLabel,
          current: { tariff: base.tariff, percent: base.percent, sameLine: same !== undefined },
          tariff: l.tariff,
          percent: l.percent,
          difference: diff(l.tariff, base.tariff),
          trace: l.trace,
        };
      }),
    };
  });
  const total = (c: ProviderComputation) => c.result.budget?.byProvider[0]?.total;
  const was = total(current);
  const now = total(next);
  const relativeWithoutBest = shape.slots
    .filter((s) => s.basis === "relative" && s.fieldBestParam && !givenBest.has(s.fieldBestParam))
    .filter((s) => next.inputs.providers[0]?.assessments?.some((a) => a.module === s.module && (a.targetGroup ?? null) === s.targetGroup))
    .map((s) => `${s.moduleLabel}${s.targetGroupLabel ? ` — ${s.targetGroupLabel}` : ""}`);
  return {
    state: "ok",
    prestaties,
    yearly: was !== undefined && now !== undefined && Object.keys(current.inputs.providers[0]?.volumes ?? {}).length > 0 ? { current: was, whatIf: now, difference: diff(now, was) } : null,
    relativeWithoutBest,
  };
}

/** What the monitor's words depend on besides the computation: who looks, which kader version, and when. */
function contextOf(subject: MonitorSubject, now: Date): Parameters<typeof monitorView>[3] {
  return {
    viewer: subject.viewer,
    kaderSlug: subject.row.slug,
    kaderTitle: subject.row.title,
    year: subject.row.year,
    versionNumber: subject.published.version.number,
    closesAt: subject.published.version.closesAt,
    now,
    withSubmissions: subject.withSubmissions,
  };
}

/**
 * Everything the monitor page shows for the subject, with the what-if read from the query.
 * `status` is 400 when the what-if has an error (nothing is computed from it then).
 */
export function buildMonitorPage(request: Request, user: SessionUser, subject: MonitorSubject, params: URLSearchParams, now: Date = new Date(), db: Db = getDb()): { page: MonitorPage; status: 200 | 400 } {
  const current = compute(request, user, subject, db);
  const view = monitorView(subject.published.kader, subject.published.tariffs, current, contextOf(subject, now));
  const shape = whatIfShape(subject.published.kader, subject.published.tariffs, providerPrestaties(subject.published.tariffs, current.provider));
  const currentFacts = new Map<string, Fact | undefined>(current.provider.facts.map((f) => [f.fact.id, f.value]));
  // After a scoring run the current computation's scores are the established ones: the what-if starts from them.
  const parsed = parseWhatIf(params, shape, currentFacts, current.inputs.providers[0]?.assessments ?? []);
  let whatIf: WhatIfView;
  if (parsed.state === "none") whatIf = { state: "none" };
  else if (parsed.state === "invalid") whatIf = { state: "invalid", errors: parsed.errors };
  else {
    const next = compute(request, user, subject, db, parsed.overrides);
    const givenBest = new Set(shape.slots.flatMap((s) => (s.fieldBestParam && parsed.form.values[s.fieldBestParam]?.trim() ? [s.fieldBestParam] : [])));
    whatIf = whatIfView(current, view.prestaties, next, subject, shape, givenBest);
  }
  return { page: { viewer: subject.viewer, view, shape, form: parsed.form, whatIf }, status: whatIf.state === "invalid" ? 400 : 200 };
}

/** The monitor's view alone (for the PDF). */
export function buildMonitorView(request: Request, user: SessionUser, subject: MonitorSubject, now: Date = new Date(), db: Db = getDb()): MonitorView {
  const current = compute(request, user, subject, db);
  return monitorView(subject.published.kader, subject.published.tariffs, current, contextOf(subject, now));
}

export { factFormValue };

/** The monitor as a PDF download (same content as the page, without the what-if). */
export async function monitorPdfResponse(request: Request, user: SessionUser, subject: MonitorSubject, now: Date = new Date(), db: Db = getDb()): Promise<Response> {
  const view = buildMonitorView(request, user, subject, now, db);
  const zk = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, subject.row.zorgkantoorId)).get();
  const pdf = await renderMonitor({ zorgkantoor: zk?.name ?? "", view, own: subject.viewer === "provider", generatedAt: now });
  const fileName = `tariefmonitor-${subject.row.slug}-${view.provider.agbCode}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
