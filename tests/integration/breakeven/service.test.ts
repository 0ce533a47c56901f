// The reële-tarieventoets in the platform (issue 13): the service builds the engine inputs as the
// budget impact does (the demo registry's volumes), takes the zorgkantoor's demo accounts of 2024
// (the latest year before the kader's 2026) and runs the test on the pseudonymised files it would
// publish. On the demo (3.5 % cost indexation) the kader's 94 % fails and 96.61 % is the break-even.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseBreakevenAssumptions, runKaderBreakeven, breakevenView, BREAKEVEN_PARAM } from "../../../app/services/kaders/breakeven.server";
import { parsePreviewParams } from "../../../app/services/kaders/inputs-builder.server";
import { loadPreviewKader } from "../../../app/services/kaders/preview.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import { loadKader, PASSWORD } from "../kaders/fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  await ensureDemoData(db, {
    file: t.file,
    password: PASSWORD,
    now: new Date(),
  });
});
afterEach(() => t.close());

function run(query: Record<string, string>) {
  const row = loadKader(db, "demo-vv-2026");
  const loaded = loadPreviewKader(db, row);
  if (loaded.state !== "ok") throw new Error(loaded.state);
  const budget = parsePreviewParams(
    new URLSearchParams(),
    loaded.kader,
    loaded.tariffs.map((t) => t.code)
  ).budget;
  if (!budget.ok) throw new Error("budget defaults");
  const a = parseBreakevenAssumptions(new URLSearchParams(query));
  if (!a.value) throw new Error(JSON.stringify(a.errors));
  return {
    out: runKaderBreakeven(db, row, loaded.kader, loaded.tariffs, budget.value, a.value),
    assumptions: a.value,
  };
}

describe("the test of the demo kader", () => {
  it("fails at 94 % with 3.5 % cost indexation, break-even 96.61 %, names the providers and the accounts year", () => {
    const { out, assumptions } = run({
      [BREAKEVEN_PARAM.costIndexation]: "3,5",
    });
    if (out.state !== "ok") throw new Error(JSON.stringify(out));
    expect(out.outcome.test).toMatchObject({
      basistarief: "94",
      share: "51.32",
      passes: false,
      threshold: "75",
    });
    expect(out.outcome.breakEven.percent).toBe("96.61");
    expect(out.accounts).toMatchObject({
      year: 2024,
      kaderYear: 2026,
      illustrative: true,
    });
    // The published files name no provider.
    expect(out.files.inputsJson).not.toMatch(/7373000\d|Linde|Baken/);
    expect(out.files.testJson).not.toMatch(/7373000\d/);
    const view = breakevenView(out, assumptions);
    if (view.state !== "ok") throw new Error(view.state);
    expect(
      view.providers
        .filter((p) => p.passes)
        .map((p) => p.agbCode)
        .sort()
    ).toEqual(["73730001", "73730005"]);
    expect(view.providers.every((p) => p.name !== p.agbCode)).toBe(true);
  });

  it("with the defaults (0 % indexation) states the assumptions it used", () => {
    const { out, assumptions } = run({});
    if (out.state !== "ok") throw new Error(JSON.stringify(out));
    expect(assumptions).toEqual({
      costIndexation: "0",
      volumeChange: "0",
      opslagen: "none",
      threshold: "75",
    });
    expect(out.outcome.assumptions).toMatchObject({
      costIndexation: "0",
      volumeChange: "0",
      opslagen: "none",
      threshold: "75",
      thresholdRef: "ECLI:NL:GHDHA:2024:199",
    });
  });

  it("without accounts of the kader's year or before, says so (the page links the import)", () => {
    const row = loadKader(db, "demo-vv-2026");
    const loaded = loadPreviewKader(db, row);
    if (loaded.state !== "ok") throw new Error(loaded.state);
    const assumptions = parseBreakevenAssumptions(new URLSearchParams()).value!;
    const budget = parsePreviewParams(
      new URLSearchParams(),
      loaded.kader,
      loaded.tariffs.map((t) => t.code)
    ).budget;
    if (!budget.ok) throw new Error("budget defaults");
    // The demo accounts are of 2024: a kader of 2023 has none of its year or before.
    const out = runKaderBreakeven(db, { ...row, year: 2023 }, loaded.kader, loaded.tariffs, budget.value, assumptions);
    expect(out).toEqual({ state: "noAccounts", kaderYear: 2023 });
    expect(breakevenView(out, assumptions)).toEqual({ state: "noAccounts", kaderYear: 2023 });
  });

  it("refuses bad assumptions with Dutch messages at the field", () => {
    const a = parseBreakevenAssumptions(
      new URLSearchParams({
        [BREAKEVEN_PARAM.costIndexation]: "veel",
        [BREAKEVEN_PARAM.threshold]: "0",
        [BREAKEVEN_PARAM.opslagen]: "alles",
      })
    );
    expect(a.value).toBeNull();
    expect(a.errors[BREAKEVEN_PARAM.costIndexation]).toMatch(/Vul bij de kostenindexatie een getal in/);
    expect(a.errors[BREAKEVEN_PARAM.threshold]).toMatch(/drempel/);
    expect(a.errors[BREAKEVEN_PARAM.opslagen]).toMatch(/opslagen/);
  });
});
