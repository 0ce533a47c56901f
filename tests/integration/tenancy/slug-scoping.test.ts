// Issue 7, point 10: a kenmerk is chosen per zorgkantoor. A kenmerk another zorgkantoor uses is
// as free as any other, so trying one reveals nothing about another zorgkantoor's kaders.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requireKader } from "../../../app/services/kaders/access.server";
import { createScopedKader, kaderSlugPrefix } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditRows, passwordHash, rowCounts, seedDemoOrganisations, thrownResponse, type Demo } from "../kaders/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let other: ReturnType<typeof addSecondZorgkantoor>;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  other = addSecondZorgkantoor(db, NOW, await passwordHash());
});

afterEach(() => t.close());

const input = (slug: string) => ({ slug, title: "Inkoopkader V&V 2028", year: 2028 });

describe("kader kenmerken per zorgkantoor", () => {
  it("a kenmerk zorgkantoor A uses is free for B, with the same kind of answer as an unused one", () => {
    const a = createScopedKader(demo.inkoper, input("vv-geheim-2028"), db, NOW);
    expect(a).toEqual({ ok: true, slug: `${kaderSlugPrefix(demo.zorgkantoorId)}vv-geheim-2028` });

    const usedByA = createScopedKader(other.inkoper, input("vv-geheim-2028"), db, NOW);
    const unused = createScopedKader(other.inkoper, input("vv-nergens-2028"), db, NOW);
    const prefixB = kaderSlugPrefix(other.zorgkantoorId);
    expect(usedByA).toEqual({ ok: true, slug: `${prefixB}vv-geheim-2028` });
    expect(unused).toEqual({ ok: true, slug: `${prefixB}vv-nergens-2028` });
  });

  it("a kenmerk used twice within one zorgkantoor is refused, writing nothing", () => {
    createScopedKader(demo.inkoper, input("vv-2028"), db, NOW);
    const before = rowCounts(db);
    expect(createScopedKader(demo.inkoper, input("vv-2028"), db, NOW)).toEqual({ ok: false, errors: { slug: "Er is al een kader met dit kenmerk." } });
    // Typing the full slug (with the zorgkantoor's own prefix) names the same kader.
    expect(createScopedKader(demo.inkoper, input(`${kaderSlugPrefix(demo.zorgkantoorId)}vv-2028`), db, NOW).ok).toBe(false);
    expect(rowCounts(db)).toEqual(before);
  });

  it("no prefix plus kenmerk of one zorgkantoor equals another's: prefixes have no dash inside", () => {
    const p1 = kaderSlugPrefix(1);
    const p11 = kaderSlugPrefix(11);
    expect(p1.startsWith(p11) || p11.startsWith(p1)).toBe(false);
  });

  it("another zorgkantoor's concept answers exactly as a slug that does not exist", async () => {
    const { slug } = createScopedKader(demo.inkoper, input("vv-concept-2028"), db, NOW) as { slug: string };
    const request = (s: string) => new Request(`http://localhost/inkoop/kaders/${s}`);
    const foreign = await thrownResponse(() => requireKader(request(slug), other.inkoper, slug, { db }));
    const missing = await thrownResponse(() => requireKader(request("zk999-bestaat-niet"), other.inkoper, "zk999-bestaat-niet", { db }));
    expect([foreign.status, await foreign.text()]).toEqual([missing.status, await missing.text()]);
    const [a, b] = auditRows(db).slice(-2).map((e) => ({ ...JSON.parse(e.payload), reason: undefined }));
    expect(a).toEqual(b);
  });
});
