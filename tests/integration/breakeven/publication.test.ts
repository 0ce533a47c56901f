// Publication and the reële-tarieventoets (issue 13): amending the demo kader at its 94 %, which
// fails the test on the demo accounts (3.5 % cost indexation), needs a written justification; the
// outcome is stored with the version and in its audit event; the published files reproduce it
// with the command line (`breakeven KADER INPUTS TEST --check OUTCOME`), and a provider reads only
// its own line.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BREAKEVEN_JUSTIFICATION, BREAKEVEN_PARAM, publishedBreakevenView, storedBreakevenTest } from "../../../app/services/kaders/breakeven.server";
import { kaderFileResponse, requirePublishedVersion } from "../../../app/services/kaders/downloads.server";
import { publishKader } from "../../../app/services/kaders/publication.server";
import { latestVersion, listVersions, saveDraft } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData, seedDemo } from "../../../db/seed/demo";
import { seedDemoKader } from "../../../db/seed/demo-kader";
import { hashPassword } from "../../../app/auth/password.server";
import { breakevenMain } from "../../../scoring/breakeven-cli";
import { kaderDocumentViewModel } from "../../../app/services/kaders/kader-pdf.server";
import { parseKader, type Kader } from "../../../scoring";
import { renderKaderDocument } from "../../../templates/kader-document";
import { createTestDb } from "../../helpers/test-db";
import { pdfText } from "../../unit/templates/helpers";
import { auditRows, demoActors, loadKader, PASSWORD, type Demo } from "../kaders/fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
const NOW = new Date();

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now: NOW });
  demo = demoActors(db);
});
afterEach(() => t.close());

function amend(extra: Record<string, string>, check = false) {
  const kader = loadKader(db, "demo-vv-2026");
  const v1 = latestVersion(db, kader.id)!;
  return publishKader(
    demo.inkoper,
    kader,
    {
      opensAt: v1.opensAt,
      closesAt: new Date(v1.closesAt.getTime() + 60 * 60 * 1000),
      questionsUntil: v1.questionsUntil,
      noticeBody: "De inschrijving sluit een uur later.",
      [BREAKEVEN_PARAM.costIndexation]: "3,5",
      ...extra,
    },
    db,
    NOW,
    { check }
  );
}

describe("publishing a kader that fails the test", () => {
  it("is refused without a justification, with a Dutch field error, writing nothing", () => {
    const versions = listVersions(db, loadKader(db, "demo-vv-2026").id).length;
    const events = auditRows(db).length;
    for (const check of [true, false]) {
      const result = amend({}, check);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors[BREAKEVEN_JUSTIFICATION]).toMatch(
        /^De reële-tarieventoets slaagt niet: aanbieders met 51,32 % van de omzet halen minstens break-even, de drempel is 75 %\./
      );
    }
    expect(listVersions(db, loadKader(db, "demo-vv-2026").id)).toHaveLength(versions);
    expect(auditRows(db)).toHaveLength(events);
  });

  it("with a justification, stores the outcome with the version and in its audit event; the CLI on the downloaded files confirms it", async () => {
    const justification = "Het basistarief volgt de landelijke afspraken; de jaarrekeningen zijn illustratief.";
    const checked = amend({ [BREAKEVEN_JUSTIFICATION]: justification }, true);
    expect(checked.ok && checked.checked).toBe(true);
    const result = amend({ [BREAKEVEN_JUSTIFICATION]: justification });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const kader = loadKader(db, "demo-vv-2026");
    const version = latestVersion(db, kader.id)!;
    expect(version.number).toBe(2);
    const stored = storedBreakevenTest(db, version.id)!;
    expect(stored).toMatchObject({
      passes: false,
      share: "51.32",
      breakEven: "96.61",
      justification,
    });

    const event = auditRows(db)
      .filter((r) => r.action === "kader.amend")
      .at(-1)!;
    const payload = JSON.parse(event.payload) as {
      version: number;
      breakevenTest: Record<string, unknown>;
    };
    expect(payload.version).toBe(2);
    expect(payload.breakevenTest).toMatchObject({
      run: true,
      share: "51.32",
      passes: false,
      breakEven: "96.61",
      justification,
      assumptions: {
        costIndexation: "3.5",
        volumeChange: "0",
        opslagen: "none",
        threshold: "75",
      },
      accounts: { year: 2024, version: 1 },
    });
    expect((payload.breakevenTest.accounts as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);

    // The downloads, exactly as served, through the command line.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-rtt-"));
    try {
      const { version: v, kader: content } = requirePublishedVersion(kader, new Request("http://x/kaders/demo-vv-2026/kader.json"), db);
      const kaderJson = await kaderFileResponse(kader, content, v.number, "json").text();
      {
        {
          fs.writeFileSync(path.join(dir, "kader.json"), kaderJson);
          fs.writeFileSync(path.join(dir, "invoer.json"), stored.inputsFile);
          fs.writeFileSync(path.join(dir, "toets.json"), stored.testFile);
          fs.writeFileSync(path.join(dir, "uitkomst.json"), JSON.stringify(stored.outcome));
          const out: string[] = [];
          const err: string[] = [];
          const files = ["kader.json", "invoer.json", "toets.json"].map((f) => path.join(dir, f));
          expect(
            breakevenMain(
              [...files, "--check", path.join(dir, "uitkomst.json")],
              (s) => out.push(s),
              (s) => err.push(s)
            )
          ).toBe(0);
          expect(out.join("")).toMatch(/^Komt overeen: .*aandeel 51,32 %, voldoet niet, break-evenpercentage 96,61 %/);
          const full: string[] = [];
          expect(
            breakevenMain(
              files,
              (s) => full.push(s),
              () => {}
            )
          ).toBe(0);
          const recomputed = JSON.parse(full.join("")) as Record<string, unknown>;
          expect(recomputed).toEqual(stored.outcome);
          // The published files name no provider.
          expect(stored.testFile + stored.inputsFile).not.toMatch(/7373000\d|Linde|Baken/);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a provider reads the aggregate and only its own line; staff read no provider line", () => {
    const result = amend({
      [BREAKEVEN_JUSTIFICATION]: "Het basistarief volgt de landelijke afspraken voor dit jaar.",
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const version = latestVersion(db, loadKader(db, "demo-vv-2026").id)!;
    const staff = publishedBreakevenView(db, version.id, {
      providerAgb: null,
    })!;
    expect(staff).toMatchObject({
      share: "51.32",
      passes: false,
      breakEven: "96.61",
      own: null,
      accountsYear: 2024,
      providersCounted: 7,
      providersPassing: 2,
    });
    expect(JSON.stringify(staff)).not.toMatch(/aanbieder-0|7373000\d/);
    // Zorggroep De Linde (73730001) breaks even at 94 %; Stichting Het Baken's standing is its own too.
    const linde = publishedBreakevenView(db, version.id, {
      providerAgb: "73730001",
    })!;
    expect(linde.own).toMatchObject({ passes: true, method: "engine" });
    const outcome = storedBreakevenTest(db, version.id)!.outcome as {
      test: { providers: { provider: string; result: string }[] };
    };
    const others = outcome.test.providers.filter((p) => p.result !== linde.own!.result).map((p) => p.result);
    expect(others.length).toBe(6);
    for (const r of others) expect(JSON.stringify(linde)).not.toContain(r);
    // A provider the test did not count is told so, and shown nothing else.
    expect(publishedBreakevenView(db, version.id, { providerAgb: "99999999" })).toMatchObject({ own: null, ownNotCounted: true });
  });
});

describe("publishing a kader that passes", () => {
  it("needs no justification and stores none", () => {
    const kader = loadKader(db, "demo-vv-2026");
    saveDraft(
      demo.inkoper,
      kader,
      {
        ...(kader.draft as Record<string, unknown>),
        baseRate: { default: "97" },
      },
      db,
      NOW
    );
    const result = amend({});
    if (!result.ok) throw new Error(JSON.stringify(result));
    const stored = storedBreakevenTest(db, latestVersion(db, kader.id)!.id)!;
    expect(stored).toMatchObject({
      passes: true,
      justification: null,
      breakEven: "96.61",
    });
    expect(Number(stored.share)).toBeGreaterThanOrEqual(75);
  });
});

describe("the kader PDF", () => {
  it("states the outcome in aggregates and the justification; version 1 states the demo's own test", async () => {
    const justification = "Het basistarief volgt de landelijke afspraken voor dit jaar.";
    const result = amend({ [BREAKEVEN_JUSTIFICATION]: justification });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const kader = loadKader(db, "demo-vv-2026");
    const text = async (n: number) => {
      const version = listVersions(db, kader.id).find((v) => v.number === n)!;
      const parsed = parseKader(version.content);
      if (!parsed.ok) throw new Error("stored version does not parse");
      const pdf = await renderKaderDocument(kaderDocumentViewModel(kader, version, parsed.value as Kader, db), { compress: false });
      return pdfText(pdf).replace(/\s+/g, " ");
    };
    const v2 = await text(2);
    expect(v2).toContain("9. Reële-tarieventoets");
    expect(v2).toContain("Niet geslaagd: aanbieders met 51,32 % van de Wlz-omzet halen bij het basistarief van 94 % minstens break-even");
    expect(v2).toContain("vanaf een basistarief van 96,61 %");
    expect(v2).toContain(justification);
    expect(v2).toContain("Kostenindexatie: 3,5 %");
    expect(v2).not.toMatch(/aanbieder-0\d\d|7373000\d/);
    expect(await text(1)).toContain("Geslaagd: aanbieders met 89,74 % van de Wlz-omzet halen bij het basistarief van 94 % minstens break-even");
  });

  it("says so when a version was published without a test (no annual accounts for the year)", async () => {
    const bare = createTestDb();
    try {
      seedDemo(bare.db, await hashPassword(PASSWORD), NOW);
      await seedDemoKader(bare.db, NOW);
      const kader = loadKader(bare.db, "demo-vv-2026");
      const version = latestVersion(bare.db, kader.id)!;
      expect(storedBreakevenTest(bare.db, version.id)).toBeNull();
      const parsed = parseKader(version.content);
      if (!parsed.ok) throw new Error("stored version does not parse");
      const pdf = await renderKaderDocument(kaderDocumentViewModel(kader, version, parsed.value as Kader, bare.db), { compress: false });
      expect(pdfText(pdf).replace(/\s+/g, " ")).toContain("Bij deze versie is geen reële-tarieventoets gepubliceerd.");
    } finally {
      bare.close();
    }
  });
});
