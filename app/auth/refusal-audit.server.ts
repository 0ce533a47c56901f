import { createHash } from "node:crypto";
import { appendAudit } from "../../db/audit.server";
import type { Db } from "../../db/client.server";

/**
 * Refusals are audited (who tried what), but a client must not be able to grow the audit trail
 * at will: every text a client chooses is stored compactly, and each client may add only a
 * limited number of refusal events per window. Suppressed refusals are counted and the count is
 * written with that client's next recorded refusal, so an attack stays visible in the trail.
 */

/** Texts up to this length are stored as they are; longer ones as a prefix plus their hash. */
export const MAX_AUDIT_TEXT = 120;

export function compactText(value: string): string {
  if (value.length <= MAX_AUDIT_TEXT) return value;
  const hash = createHash("sha256").update(value).digest("hex");
  return `${value.slice(0, 48)}… (${value.length} tekens, sha256:${hash})`;
}

type Window = { start: number; count: number };

export type RefusalLimits = { perClient: number; overall: number; windowMs: number; maxClients: number };

export const DEFAULT_REFUSAL_LIMITS: RefusalLimits = { perClient: 60, overall: 600, windowMs: 60_000, maxClients: 10_000 };

export class RefusalLimiter {
  private readonly clients = new Map<string, Window & { unreported: number }>();
  private overall: Window = { start: 0, count: 0 };
  private overallUnreported = 0;
  /** The budget that clients beyond `maxClients` share. */
  private readonly overflow = { start: 0, count: 0, unreported: 0 };

  constructor(private readonly limits: RefusalLimits = DEFAULT_REFUSAL_LIMITS) {}

  /** Whether this client's refusal is written now, and how many of its refusals were not written before it. */
  take(client: string, now: number): { record: true; suppressed: number } | { record: false } {
    if (now - this.overall.start >= this.limits.windowMs) this.overall = { start: now, count: 0 };
    let entry = this.clients.get(client);
    if (!entry && this.clients.size >= this.limits.maxClients) {
      // Many distinct clients: forget those whose window is over; beyond that they share one budget.
      for (const [key, value] of this.clients) if (now - value.start >= this.limits.windowMs && value.unreported === 0) this.clients.delete(key);
      if (this.clients.size >= this.limits.maxClients) entry = this.overflow;
    }
    if (!entry) {
      entry = { start: now, count: 0, unreported: 0 };
      this.clients.set(client, entry);
    }
    if (now - entry.start >= this.limits.windowMs) {
      entry.start = now;
      entry.count = 0;
    }
    if (entry.count >= this.limits.perClient || this.overall.count >= this.limits.overall) {
      entry.unreported++;
      this.overallUnreported++;
      return { record: false };
    }
    entry.count++;
    this.overall.count++;
    const suppressed = entry.unreported;
    this.overallUnreported -= suppressed;
    entry.unreported = 0;
    return { record: true, suppressed };
  }

  /** Refusals counted but not (yet) written, over all clients. */
  get unreported(): number {
    return this.overallUnreported;
  }
}

let shared = new RefusalLimiter();

/** The process-wide limiter (tests replace it to start from a clean slate). */
export function refusalLimiter(): RefusalLimiter {
  return shared;
}

export function setRefusalLimiter(limiter: RefusalLimiter): void {
  shared = limiter;
}

/**
 * Appends one refusal event, compactly and within the client's budget. `client` identifies who
 * is limited: the user id when signed in, otherwise the address. Returns whether it was written.
 */
export function auditRefusal(
  db: Db,
  input: {
    client: string;
    actorUserId: number | null;
    action: string;
    entityType: string;
    entityId: string | null;
    payload: Record<string, unknown>;
    organisationIds?: number[];
    at?: Date;
  },
): boolean {
  const at = input.at ?? new Date();
  const decision = refusalLimiter().take(input.client, at.getTime());
  if (!decision.record) return false;
  const payload: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(input.payload)) payload[key] = typeof value === "string" ? compactText(value) : value;
  if (decision.suppressed > 0) payload.suppressedBefore = decision.suppressed;
  db.transaction(
    (tx) => {
      appendAudit(tx, {
        actorUserId: input.actorUserId,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId === null ? null : compactText(input.entityId),
        payload: { ...payload },
        ...(input.organisationIds && { organisationIds: input.organisationIds }),
        at,
      });
    },
    { behavior: "immediate" },
  );
  return true;
}
