/**
 * Who and what the canary crawl uses (tests/e2e/crawl.ts): the users, signed in, and the values
 * for route params, built from the seeded canaries (tests/e2e/canary-seed.ts). Shared so that a
 * later crawl (after the opening, say) crawls as the same users with the same values.
 */
import Database from "better-sqlite3";
import { expect } from "vitest";
import { USERS, type MatrixUser } from "./authorization-matrix";
import { CANARY_OUTSIDER, type CanarySeed } from "./canary-seed";
import type { CrawlUser, ParamValues } from "./crawl";
import { TENANT_B } from "./second-tenant";

/** The matrix's users, plus Het Baken's provider user (the owner of the second canary). */
export type CrawlUserName = MatrixUser | "aanbieder2";
export const CRAWL_USERS: CrawlUserName[] = [...USERS, "aanbieder2"];
export const EMAIL: Record<Exclude<CrawlUserName, "anonymous">, string> = {
  beheerder: "beheerder@demo.zorginkoop.nl",
  inkoper: "inkoper@demo.zorginkoop.nl",
  beoordelaar: "beoordelaar@demo.zorginkoop.nl",
  jurist: "jurist@demo.zorginkoop.nl",
  aanbieder: "aanbieder@demo.zorginkoop.nl",
  aanbieder2: "aanbieder2@demo.zorginkoop.nl",
  // The matrix test creates its own outsider through the forms; this one is seeded (same kind:
  // a provider user in no region of either zorgkantoor), so the two tests do not depend on order.
  buiten: CANARY_OUTSIDER.email,
  ...TENANT_B.emails,
};

/** Whether the user signs in with one of these e-mail addresses (anonymous never does). */
export const isOneOf = (user: CrawlUserName, emails: readonly string[]) => user !== "anonymous" && emails.includes(EMAIL[user]);

/**
 * The values the crawler puts into route params, by param name (an explicit list: a param not
 * named here fails the coverage test). `primary`: the values that reach the seeded canaries,
 * combined in full; `others`: their neighbours (a kader of another zorgkantoor, a provider that
 * owns nothing there), each tried once per route with the primaries (see crawl.ts ParamValues).
 */
export function paramValues(databaseFile: string, seed: CanarySeed): ParamValues {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const slugs = (db.prepare("SELECT slug FROM kaders ORDER BY id").all() as { slug: string }[]).map((r) => r.slug);
    const providerIds = seed.providers.map((p) => String(p.providerId));
    const tenantBProvider = (db.prepare("SELECT id FROM organisations WHERE name = ?").get(TENANT_B.provider.name) as { id: number }).id;
    const providerUserIds = (
      db.prepare(`SELECT id FROM users WHERE organisation_id IN (${seed.providers.map(() => "?").join(",")}) ORDER BY id`).all(...seed.providers.map((p) => p.providerId)) as { id: number }[]
    ).map((r) => String(r.id));
    const provider = { primary: providerIds, others: [String(tenantBProvider)] };
    const agbOf = (id: number) => (db.prepare("SELECT agb_code FROM organisations WHERE id = ?").get(id) as { agb_code: string }).agb_code;
    const agb = { primary: seed.providers.map((p) => agbOf(p.providerId)), others: [agbOf(tenantBProvider)] };
    const version = { primary: [...new Set(seed.providers.flatMap((p) => p.versions))].map(String) };
    const runIds = (db.prepare("SELECT id FROM scoring_runs ORDER BY id").all() as { id: number }[]).map((r) => String(r.id));
    const decisionIds = (db.prepare("SELECT id FROM award_decisions ORDER BY id").all() as { id: number }[]).map((r) => String(r.id));
    const objectionIds = (db.prepare("SELECT id FROM objections ORDER BY id").all() as { id: number }[]).map((r) => String(r.id));
    const attachment = { primary: seed.providers.flatMap((p) => p.attachments.map((a) => a.sha256)) };
    return new Map([
      // The demo kader holds the submissions; every other kader in the database (tenant B's
      // published and concept kaders, any a test made before) must not show them either.
      ["slug", { primary: [seed.kader], others: slugs.filter((s) => s !== seed.kader) }],
      // /beheer/organisaties/:id and /beheer/gebruikers/:id: the seeded providers and their users.
      ["id", { primary: [...new Set([...providerIds, ...providerUserIds])] }],
      // A provider's submission, by organisation id: both seeded providers, and tenant B's
      // provider (who has none on the demo kader).
      ["providerId", provider],
      // A provider's tariff monitor for the inkoper, by AGB code: the same providers (issue 10).
      ["agb", agb],
      // A submission version: every seeded version number.
      ["version", version],
      // An attachment or evidence document, by its SHA-256: every seeded PDF of both providers,
      // so each is also tried under the provider that does not own it.
      ["sha256", attachment],
      // A scoring run (issue 11) and its stored files: every run in the database (a test may
      // have made some; they hold no plan content), or an id that does not exist.
      ["runId", { primary: runIds.length > 0 ? runIds : ["1"] }],
      ["bestand", { primary: ["kader.json", "invoer.json", "resultaat.json"] }],
      // An award decision (issue 12): every decision in the database (a test may have made some),
      // or an id that does not exist.
      ["decisionId", { primary: decisionIds.length > 0 ? decisionIds : ["1"] }],
      // An objection (issue 12): every objection in the database (a test may have filed some; they
      // hold no plan content), or an id that does not exist.
      ["objectionId", { primary: objectionIds.length > 0 ? objectionIds : ["1"] }],
      // A plan of the assessment (issue 11): the demo kader's points module and its target
      // groups, and "-" for a module without target groups.
      ["moduleId", { primary: ["complexe-zorg"] }],
      ["targetGroupId", { primary: ["parkinson", "jonge-dementie", "-"] }],
    ]);
  } finally {
    db.close();
  }
}

async function logIn(baseURL: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseURL}/login`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  expect(res.status, `login ${email}`).toBe(302);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

/** Every crawl user, signed in (anonymous without a cookie). */
export async function logInAll(baseURL: string, password: string): Promise<CrawlUser[]> {
  return Promise.all(CRAWL_USERS.map(async (name) => ({ name, ...(name === "anonymous" ? {} : { cookie: await logIn(baseURL, EMAIL[name], password) }) })));
}
