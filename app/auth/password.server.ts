import argon2 from "argon2";

/**
 * argon2id at OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane. Hashes made with
 * other parameters are rehashed at the next successful login.
 */
export const PASSWORD_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. For an unknown account pass `null`: we still verify against a dummy
 * hash, so the answer takes the same work whether the e-mail exists or not.
 */
export async function verifyPassword(
  hash: string | null,
  password: string,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  if (hash === null) {
    dummyHash ??= hashPassword("dummy password that never matches");
    await argon2.verify(await dummyHash, password).catch(() => false);
    return { ok: false, needsRehash: false };
  }
  const ok = await argon2.verify(hash, password).catch(() => false);
  // needsRehash compares version and cost, not the variant: argon2i/argon2d hashes are upgraded too.
  return { ok, needsRehash: ok && (!hash.startsWith("$argon2id$") || argon2.needsRehash(hash, PASSWORD_HASH_OPTIONS)) };
}
