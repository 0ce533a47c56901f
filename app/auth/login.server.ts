import { and, count, eq, gt } from "drizzle-orm";
import { appendAudit } from "../../db/audit.server";
import type { Db } from "../../db/client.server";
import { loginFailures, users } from "../../db/schema";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession, describeUser, revokeSessionByToken, type SessionUser } from "./session.server";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

export type LoginOutcome =
  | { ok: true; user: SessionUser; cookie: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks the credentials with the same work for unknown and known e-mail addresses, throttles
 * failures per account (as typed) and per address, audits success and failure, and starts a
 * new session on success.
 */
export async function logIn(
  db: Db,
  input: { email: string; password: string; address: string },
  now = new Date(),
): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const perAccount = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since)))
    .get()!.n;
  const perAddress = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.address, input.address), gt(loginFailures.at, since)))
    .get()!.n;
  const user = db.select().from(users).where(eq(users.email, email)).get();
  // Verify even when throttled or unknown, so that timing tells nothing.
  const verdict = await verifyPassword(user?.passwordHash ?? null, input.password);
  const throttled = perAccount >= MAX_FAILURES_PER_ACCOUNT || perAddress >= MAX_FAILURES_PER_ADDRESS;

  if (!user || !verdict.ok || user.disabledAt || throttled) {
    const reason = throttled ? "throttled" : "invalid";
    db.transaction(
      (tx) => {
        tx.insert(loginFailures).values({ email, address: input.address, at: now }).run();
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
      },
      { behavior: "immediate" },
    );
    return { ok: false, reason };
  }

  const newHash = verdict.needsRehash ? await hashPassword(input.password) : null;
  const cookie = db.transaction(
    (tx) => {
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
      return session.cookie;
    },
    { behavior: "immediate" },
  );
  return { ok: true, user: describeUser(db, user.id)!, cookie };
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
