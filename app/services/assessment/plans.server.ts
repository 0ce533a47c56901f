// The plans of an opened kader: per provider's current inschrijving (its latest version, when
// that is a submission), the points modules and target groups it entered, as
// tender/inputs.server.ts `plansOf` reads them, so that the assessment and the scoring run agree
// on what a plan is. Callers decide access first: nothing here checks who asks.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaders, organisations, submissions } from "../../../db/schema";
import { canonicalOf } from "../../../scoring/decimal";
import type { Criterion, Kader, PointsSurcharge } from "../../../scoring";
import { latestVersion } from "../kaders/store.server";
import type { SubmissionContent } from "../submissions/content";
import { plansOf } from "../tender/inputs.server";

export type KaderRow = typeof kaders.$inferSelect;

/** "" for a module without target groups (as in assessment_final_scores). */
export const NO_GROUP = "";
/** In paths: a target group id is a slug, so "-" never is one. */
export const NO_GROUP_SEGMENT = "-";

export type PlanRef = {
  providerId: number;
  moduleId: string;
  targetGroupId: string;
};

export type Plan = PlanRef & {
  providerName: string;
  moduleLabel: string;
  targetGroupLabel: string | null;
  /** The submission whose content holds the plan. */
  submission: { id: number; version: number; contentSha256: string };
  criteria: CriterionScale[];
};

export type CriterionScale = {
  id: string;
  label: string;
  weight: string;
  scale: string[];
  max: string;
  minScore: string | null;
};

export const planKey = (p: PlanRef): string => `${p.providerId}\u0000${p.moduleId}\u0000${p.targetGroupId}`;
export const groupKey = (moduleId: string, targetGroupId: string): string => `${moduleId}\u0000${targetGroupId}`;

export function planPath(slug: string, p: PlanRef): string {
  return `${encodeURIComponent(slug)}/plannen/${p.providerId}/${encodeURIComponent(p.moduleId)}/${
    p.targetGroupId === NO_GROUP ? NO_GROUP_SEGMENT : encodeURIComponent(p.targetGroupId)
  }`;
}

function canon(v: unknown): string {
  return canonicalOf(v as string) ?? String(v);
}

export function criterionScale(c: Criterion): CriterionScale {
  const scale = c.scale.map(canon);
  return {
    id: c.id,
    label: c.label,
    weight: canon(c.weight ?? 1),
    scale,
    max: scale[scale.length - 1]!,
    minScore: c.minScore === undefined ? null : canon(c.minScore),
  };
}

/** The kader as its latest published version says it, or null before publication. */
export function currentKader(db: Db, kaderId: number): Kader | null {
  const version = latestVersion(db, kaderId);
  return version ? (version.content as unknown as Kader) : null;
}

export function pointsModulesOf(kader: Kader): PointsSurcharge[] {
  return kader.surcharges.filter((s): s is PointsSurcharge => s.kind === "points");
}

type CurrentSubmission = {
  id: number;
  providerId: number;
  version: number;
  content: SubmissionContent;
  contentSha256: string;
};

/** The latest version per provider when it is a submission (a withdrawal leaves no plans). */
export function currentSubmissions(db: Db, kaderId: number, providerIds?: readonly number[]): CurrentSubmission[] {
  const rows = db
    .select({
      id: submissions.id,
      providerId: submissions.providerId,
      version: submissions.version,
      kind: submissions.kind,
      content: submissions.content,
      contentSha256: submissions.contentSha256,
    })
    .from(submissions)
    .where(providerIds ? and(eq(submissions.kaderId, kaderId), inArray(submissions.providerId, [...providerIds])) : eq(submissions.kaderId, kaderId))
    .orderBy(desc(submissions.version))
    .all();
  const seen = new Set<number>();
  const out: CurrentSubmission[] = [];
  for (const r of rows) {
    if (seen.has(r.providerId)) continue;
    seen.add(r.providerId);
    if (r.kind !== "submission" || r.content === null) continue;
    out.push({
      id: r.id,
      providerId: r.providerId,
      version: r.version,
      content: JSON.parse(r.content) as SubmissionContent,
      contentSha256: r.contentSha256!,
    });
  }
  return out;
}

/** Every plan of the kader, ordered by module, target group (the kader's order) and provider name. */
export function kaderPlans(db: Db, kaderId: number, options: { providerIds?: readonly number[] } = {}): Plan[] {
  const kader = currentKader(db, kaderId);
  if (!kader) return [];
  const subs = currentSubmissions(db, kaderId, options.providerIds);
  if (subs.length === 0) return [];
  const names = new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(
        inArray(
          organisations.id,
          subs.map((s) => s.providerId)
        )
      )
      .all()
      .map((o) => [o.id, o.name])
  );
  const modules = pointsModulesOf(kader);
  const moduleIndex = new Map(modules.map((m, i) => [m.id, i]));
  const plans: Plan[] = [];
  for (const s of subs) {
    for (const p of plansOf(kader, s.content)) {
      const module = modules[moduleIndex.get(p.module)!]!;
      plans.push({
        providerId: s.providerId,
        providerName: names.get(s.providerId) ?? String(s.providerId),
        moduleId: p.module,
        moduleLabel: module.label,
        targetGroupId: p.targetGroup ?? NO_GROUP,
        targetGroupLabel: p.targetGroup === null ? null : module.targetGroups?.find((g) => g.id === p.targetGroup)?.label ?? p.targetGroup,
        submission: {
          id: s.id,
          version: s.version,
          contentSha256: s.contentSha256,
        },
        criteria: module.criteria.map(criterionScale),
      });
    }
  }
  const groupOrder = (p: Plan) => {
    const m = modules[moduleIndex.get(p.moduleId)!]!;
    return p.targetGroupId === NO_GROUP ? -1 : m.targetGroups?.findIndex((g) => g.id === p.targetGroupId) ?? 0;
  };
  plans.sort(
    (a, b) => moduleIndex.get(a.moduleId)! - moduleIndex.get(b.moduleId)! || groupOrder(a) - groupOrder(b) || a.providerName.localeCompare(b.providerName, "nl")
  );
  return plans;
}

/** The providers whose current submission enters any plan: those an assessor declares about. */
export function providersWithPlans(db: Db, kaderId: number): { id: number; name: string }[] {
  const byId = new Map<number, string>();
  for (const p of kaderPlans(db, kaderId)) byId.set(p.providerId, p.providerName);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "nl"));
}
