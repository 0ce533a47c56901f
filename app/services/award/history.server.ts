// A decision's history for the jurist, read from the audit trail (never from the decision row):
// who scored the provider's plans, who agreed the consensus (or whose last score set the mean),
// who prepared, submitted, returned, approved and sent the decision, and when its letter was
// written. Each entry names the person and the Amsterdam time; no content (the trail holds none).
import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { auditEvents, users } from "../../../db/schema";
import { describeAuditAction } from "../../lib/audit-actions";
import type { KaderRow } from "../kaders/access.server";
import type { DecisionRow } from "./stored-data.server";

export type HistoryEntry = { seq: number; at: Date; actor: string; action: string; label: string; detail: string | null };

const PLAN_ACTIONS = ["assessment.scores_submitted", "assessment.consensus_set", "assessment.consensus_corrected"];

export function decisionHistory(db: Db, kader: KaderRow, d: DecisionRow): HistoryEntry[] {
  const rows = db
    .select({ seq: auditEvents.seq, at: auditEvents.at, action: auditEvents.action, actor: users.name, payload: auditEvents.payload, entityId: auditEvents.entityId })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      or(
        and(inArray(auditEvents.action, PLAN_ACTIONS), like(auditEvents.entityId, `${kader.slug}/${d.providerId}/%`)),
        and(eq(auditEvents.entityType, "award_decision"), eq(auditEvents.entityId, String(d.id))),
        // A refusal about this decision (approving one's own, failing checks, changing it after sending).
        and(eq(auditEvents.action, "award.refused"), sql`json_extract(${auditEvents.payload}, '$.decisionId') = ${d.id}`),
      ),
    )
    .orderBy(asc(auditEvents.seq))
    .all();
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as Record<string, unknown>;
    let detail: string | null = null;
    if (r.action.startsWith("assessment.")) detail = `plan ${String(payload.moduleId ?? "")}${payload.targetGroupId ? `, ${String(payload.targetGroupId)}` : ""}${payload.as ? ` (als ${String(payload.as)})` : ""}`;
    else if (r.action === "award.refused") detail = `reden: ${String(payload.reason ?? "")}`;
    else if (r.action === "award.letter_written") detail = `SHA-256 ${String(payload.letterSha256 ?? "")}`;
    else if (r.action === "award.outcome_set") detail = payload.contracted ? "gecontracteerd" : "niet gecontracteerd";
    return { seq: r.seq, at: new Date(r.at), actor: r.actor ?? "het platform", action: r.action, label: describeAuditAction(r.action), detail };
  });
}
