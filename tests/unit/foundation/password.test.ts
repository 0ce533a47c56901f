import argon2 from "argon2";
import { describe, expect, it, vi } from "vitest";
import { hashPassword, PASSWORD_HASH_OPTIONS, verifyPassword } from "../../../app/auth/password.server";

const PASSWORD = "een lang genoeg wachtwoord";

function params(hash: string) {
  const m = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([^$]+)\$/.exec(hash);
  if (!m) throw new Error(`not an argon2 PHC string: ${hash}`);
  const kv = Object.fromEntries(m[3]!.split(",").map((pair) => pair.split("=") as [string, string]));
  return { type: m[1], version: Number(m[2]), m: Number(kv.m), t: Number(kv.t), p: Number(kv.p) };
}

describe("hashPassword", () => {
  it("makes argon2id hashes with m=19456 (19 MiB), t=2, p=1", async () => {
    const hash = await hashPassword(PASSWORD);
    expect(params(hash)).toEqual({ type: "argon2id", version: 19, m: 19456, t: 2, p: 1 });
  });

  it("salts every hash (the same password hashes differently)", async () => {
    expect(await hashPassword(PASSWORD)).not.toBe(await hashPassword(PASSWORD));
  });

  it("declares the parameters explicitly, at least OWASP's minimum", () => {
    expect(PASSWORD_HASH_OPTIONS.type).toBe(argon2.argon2id);
    expect(PASSWORD_HASH_OPTIONS.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(PASSWORD_HASH_OPTIONS.timeCost).toBeGreaterThanOrEqual(2);
    expect(PASSWORD_HASH_OPTIONS.parallelism).toBe(1);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password without asking for a rehash", async () => {
    expect(await verifyPassword(await hashPassword(PASSWORD), PASSWORD)).toEqual({ ok: true, needsRehash: false });
  });

  it("refuses a wrong password", async () => {
    expect(await verifyPassword(await hashPassword(PASSWORD), `${PASSWORD}!`)).toEqual({ ok: false, needsRehash: false });
  });

  it("refuses (rather than throws) on a malformed stored hash", async () => {
    expect(await verifyPassword("not-a-hash", PASSWORD)).toEqual({ ok: false, needsRehash: false });
  });

  it("reports needsRehash for a correct password under other parameters", async () => {
    const weak = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword(weak, PASSWORD)).toEqual({ ok: true, needsRehash: true });
    const stronger = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 3, parallelism: 1 });
    expect(await verifyPassword(stronger, PASSWORD)).toEqual({ ok: true, needsRehash: true });
  });

  it("does not report needsRehash for a wrong password (nothing to rehash with)", async () => {
    const weak = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword(weak, "fout")).toEqual({ ok: false, needsRehash: false });
  });

  it("reports needsRehash for an argon2i hash with the current m/t/p (the variant changed)", async () => {
    const argon2i = await argon2.hash(PASSWORD, { type: argon2.argon2i, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(params(argon2i).type).toBe("argon2i");
    expect(await verifyPassword(argon2i, PASSWORD)).toEqual({ ok: true, needsRehash: true });
  });

  it("runs argon2.verify for an unknown account too (against an argon2id dummy hash)", async () => {
    const spy = vi.spyOn(argon2, "verify");
    expect(await verifyPassword(null, PASSWORD)).toEqual({ ok: false, needsRehash: false });
    expect(spy).toHaveBeenCalledTimes(1);
    const [dummy, given] = spy.mock.calls[0]!;
    expect(given).toBe(PASSWORD);
    expect(params(String(dummy))).toMatchObject({ type: "argon2id", m: 19456, t: 2, p: 1 });
  });
});
