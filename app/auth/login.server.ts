import { and, count, eq, gt } from "drizzle-orm";
import { appendAudit } from "../../db/audit.server";
import type { Db } from "../../db/client.server";
import { loginFailures, users } from "../../db/schema";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession, describeUser, revokeSessionByToken, type SessionUser } from "./session.server";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures for one account from one address: a guesser there is stopped, the owner elsewhere is not. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures from one address across all accounts: one address cannot spray many accounts. */
export const MAX_FAILURES_PER_ADDRESS = 30;

export type LoginOutcome =
  | { ok: true; user: SessionUser; cookie: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks the credentials with the same work for unknown and known e-mail addresses, throttles
 * failures per account and address and per address, audits success and failure, and starts a
 * new session on success.
 *
 * Failures are counted per (account, address), not per account: otherwise anyone could lock
 * any account, its owner included, with five wrong passwords. Throttled attempts are refused
 * and audited but not counted, so that continued attempts do not keep the lock on.
 */
export async function logIn(
  db: Db,
  input: { email: string; password: string; address: string },
  now = new Date(),
): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const user = db.select().from(users).where(eq(users.email, email)).get();
  // Verify even when throttled or unknown, so that timing tells nothing.
  const verdict = await verifyPassword(user?.passwordHash ?? null, input.password);
  const credentialsOk = user !== undefined && verdict.ok && !user.disabledAt;
  // A rehash takes time: never for a throttled attempt, whose timing must not reveal the password.
  const newHash =
    credentialsOk && verdict.needsRehash && !isThrottled(db, email, input.address, since) ? await hashPassword(input.password) : null;

  // The limit is decided inside the (serialised) transaction, so that parallel guesses cannot
  // all pass a count read before any of them was recorded.
  const outcome = db.transaction(
    (tx): { ok: false; reason: "invalid" | "throttled" } | { ok: true; cookie: string } => {
      const throttled = isThrottled(tx, email, input.address, since);
      if (!credentialsOk || throttled) {
        if (!throttled) tx.insert(loginFailures).values({ email, address: input.address, at: now }).run();
        appendAudit(tx, {
          actorUserId: null,
          action: "auth.login_failed",
          entityType: "user",
          entityId: user?.id ?? null,
          payload: { email, address: input.address, reason: throttled ? "throttled" : user?.disabledAt ? "disabled" : "invalid" },
          // An attempt on an existing account concerns its organisation; one on an unknown e-mail only the beheerder.
          organisationIds: user?.organisationId ? [user.organisationId] : [],
          at: now,
        });
        return { ok: false, reason: throttled ? "throttled" : "invalid" };
      }
      if (newHash) tx.update(users).set({ passwordHash: newHash }).where(eq(users.id, user.id)).run();
      const session = createSession(tx as unknown as Db, user.id, now);
      appendAudit(tx, {
        actorUserId: user.id,
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
        payload: { address: input.address, rehashed: newHash !== null },
        at: now,
      });
      return { ok: true, cookie: session.cookie };
    },
    { behavior: "immediate" },
  );
  if (!outcome.ok) return outcome;
  return { ok: true, user: describeUser(db, user!.id)!, cookie: outcome.cookie };
}

function isThrottled(db: Pick<Db, "select">, email: string, address: string, since: Date): boolean {
  const perAccountAndAddress = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), eq(loginFailures.address, address), gt(loginFailures.at, since)))
    .get()!.n;
  if (perAccountAndAddress >= MAX_FAILURES_PER_ACCOUNT) return true;
  const perAddress = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.address, address), gt(loginFailures.at, since)))
    .get()!.n;
  return perAddress >= MAX_FAILURES_PER_ADDRESS;
}

export function logOut(db: Db, token: string | null, now = new Date()): void {
  if (!token) return;
  db.transaction(
    (tx) => {
      const userId = revokeSessionByToken(tx as unknown as Db, token, now);
      if (userId !== null) {
        appendAudit(tx, { actorUserId: userId, action: "auth.logout", entityType: "user", entityId: userId, at: now });
      }
    },
    { behavior: "immediate" },
  );
}
