// The session checks of the hot path (issue 9's throughput): the token-only check the body limit
// uses (`hasValidSession`) and last-seen writes that wait and go out together
// (`deferSessionTouches`). Neither may accept a session the full check refuses: revoked, expired,
// idle or of a disabled account is refused at once, whatever is waiting to be written.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { logOut } from "../../../app/auth/login.server";
import {
  createSession,
  deferSessionTouches,
  flushSessionTouches,
  hashToken,
  hasValidSession,
  IDLE_TIMEOUT_MS,
  loadSessionUser,
  revokeUserSessions,
} from "../../../app/auth/session.server";
import type { Db } from "../../../db/client.server";
import { sessions } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import { addUser } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let previousDelay: number | null;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
  previousDelay = deferSessionTouches(null);
});
afterEach(() => {
  deferSessionTouches(previousDelay);
  t.close();
});

const MIN = 60_000;
const T0 = new Date("2026-04-01T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const lastSeen = (token: string) => db.select().from(sessions).where(eq(sessions.idHash, hashToken(token))).get()!.lastSeenAt.getTime();

async function session(email = "a@zk.example") {
  const user = await addUser(db, { email, roles: ["beheerder"] });
  return { user, token: createSession(db, user.id, T0).token };
}

describe("hasValidSession (the token-only check)", () => {
  it("accepts a valid session and writes nothing", async () => {
    const { token } = await session();
    expect(hasValidSession(db, token, at(5 * MIN))).toBe(true);
    expect(lastSeen(token)).toBe(T0.getTime());
  });

  it("refuses no token, an unknown token and the stored hash used as a token", async () => {
    const { token } = await session();
    expect(hasValidSession(db, null, at(MIN))).toBe(false);
    expect(hasValidSession(db, "verzonnen-token", at(MIN))).toBe(false);
    expect(hasValidSession(db, hashToken(token), at(MIN))).toBe(false);
  });

  it("refuses an idle session (30 minutes) and one past its absolute 12 hours, as loadSessionUser does", async () => {
    const { token } = await session();
    expect(hasValidSession(db, token, at(IDLE_TIMEOUT_MS - 1))).toBe(true);
    expect(hasValidSession(db, token, at(IDLE_TIMEOUT_MS))).toBe(false);
    expect(loadSessionUser(db, token, at(IDLE_TIMEOUT_MS))).toBeNull();
    const other = (await session("b@zk.example")).token;
    let now = 0;
    while (now + 20 * MIN < 12 * 60 * MIN) {
      now += 20 * MIN;
      expect(loadSessionUser(db, other, at(now))).not.toBeNull();
    }
    expect(hasValidSession(db, other, at(12 * 60 * MIN - 1))).toBe(true);
    expect(hasValidSession(db, other, at(12 * 60 * MIN))).toBe(false);
  });

  it("refuses a revoked session at once (logout, and all sessions of a user)", async () => {
    const { user, token } = await session();
    const second = createSession(db, user.id, T0).token;
    expect(hasValidSession(db, token, at(MIN))).toBe(true);
    logOut(db, token);
    expect(hasValidSession(db, token, at(MIN))).toBe(false);
    expect(hasValidSession(db, second, at(MIN))).toBe(true);
    revokeUserSessions(db, user.id, at(MIN));
    expect(hasValidSession(db, second, at(MIN))).toBe(false);
  });

  it("refuses the session of a disabled account", async () => {
    const { user, token } = await session();
    db.$client.prepare("UPDATE users SET disabled_at = ? WHERE id = ?").run(Date.now(), user.id);
    expect(hasValidSession(db, token, at(MIN))).toBe(false);
  });
});

describe("last-seen writes that wait (deferSessionTouches)", () => {
  it("writes nothing on the request, then the newest time in one flush; never backwards", async () => {
    deferSessionTouches(60_000);
    const { token } = await session();
    expect(loadSessionUser(db, token, at(5 * MIN))).not.toBeNull();
    expect(lastSeen(token)).toBe(T0.getTime());
    // Within a minute of the waiting time: nothing more to write.
    expect(loadSessionUser(db, token, at(5 * MIN + 30_000))).not.toBeNull();
    expect(loadSessionUser(db, token, at(7 * MIN))).not.toBeNull();
    flushSessionTouches(db);
    expect(lastSeen(token)).toBe(T0.getTime() + 7 * MIN);
    // A flush of an older time (another request's, late) leaves the newer one alone.
    db.$client.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?").run(T0.getTime() + 20 * MIN, hashToken(token));
    expect(loadSessionUser(db, token, at(21 * MIN + 1))).not.toBeNull();
    db.$client.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?").run(T0.getTime() + 30 * MIN, hashToken(token));
    flushSessionTouches(db);
    expect(lastSeen(token)).toBe(T0.getTime() + 30 * MIN);
  });

  it("counts a waiting time for the idle clock: activity keeps the session alive before the flush", async () => {
    deferSessionTouches(60_000);
    const { token } = await session();
    expect(loadSessionUser(db, token, at(20 * MIN))).not.toBeNull();
    // The stored row still says T0, but the user was active at 20 minutes.
    expect(loadSessionUser(db, token, at(40 * MIN))).not.toBeNull();
    expect(hasValidSession(db, token, at(45 * MIN))).toBe(true);
    // Idle for 30 minutes after the last activity: refused, flushed or not.
    expect(loadSessionUser(db, token, at(70 * MIN))).toBeNull();
    flushSessionTouches(db);
    expect(lastSeen(token)).toBe(T0.getTime() + 40 * MIN);
    expect(loadSessionUser(db, token, at(70 * MIN))).toBeNull();
  });

  it("refuses a revoked session at once although a time is waiting, and the flush does not revive it", async () => {
    deferSessionTouches(60_000);
    const { user, token } = await session();
    expect(loadSessionUser(db, token, at(5 * MIN))?.id).toBe(user.id);
    logOut(db, token);
    expect(loadSessionUser(db, token, at(5 * MIN + 1))).toBeNull();
    expect(hasValidSession(db, token, at(5 * MIN + 1))).toBe(false);
    flushSessionTouches(db);
    expect(loadSessionUser(db, token, at(6 * MIN))).toBeNull();
    expect(hasValidSession(db, token, at(6 * MIN))).toBe(false);
  });

  it("does not stretch the absolute 12 hours or a disabled account", async () => {
    deferSessionTouches(60_000);
    const { user, token } = await session();
    expect(loadSessionUser(db, token, at(12 * 60 * MIN - 2 * MIN))).toBeNull(); // idle since T0
    const other = createSession(db, user.id, at(12 * 60 * MIN - 10 * MIN)).token;
    expect(loadSessionUser(db, other, at(12 * 60 * MIN - 5 * MIN))).not.toBeNull();
    db.$client.prepare("UPDATE users SET disabled_at = ? WHERE id = ?").run(Date.now(), user.id);
    expect(loadSessionUser(db, other, at(12 * 60 * MIN - 4 * MIN))).toBeNull();
    expect(hasValidSession(db, other, at(12 * 60 * MIN - 4 * MIN))).toBe(false);
  });

  it("writes the waiting times by itself after the delay", async () => {
    deferSessionTouches(20);
    const { token } = await session();
    const now = new Date(Date.now());
    // A session seen two minutes ago, so the request has a time to write.
    db.$client.prepare("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?").run(now.getTime() - 2 * MIN, now.getTime() + 60 * MIN, hashToken(token));
    expect(loadSessionUser(db, token, now)).not.toBeNull();
    expect(lastSeen(token)).toBe(now.getTime() - 2 * MIN);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(lastSeen(token)).toBe(now.getTime());
  });
});
