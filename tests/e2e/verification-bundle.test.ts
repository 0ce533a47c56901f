/**
 * Issue 10's verification bundle and inkoper's overview in the browser, on the demo kader:
 * - as aanbieder@demo (De Linde) the kader page shows the three steps; the bundle downloads
 *   through the browser session; `scoring/cli.ts verify` on it says every tariff matches (exit 0);
 *   one tariff changed (manifest rewritten) names that line, and with the manifest kept names the
 *   file (exit 1);
 * - aanbieder2 (Het Baken) downloads its own bundle only; the inkoper gets 404 for a bundle;
 * - the inkoper's overview lists every provider, says it is based on the registry only (the
 *   submissions are not opened), sorts without JavaScript, and its .xlsx reads back with exceljs.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sha256Hex, unzipBundle, type Manifest } from "../../scoring/verify/index";
import { axeViolations, describeViolations, inkoperSuite, login, openSession, screenshot, waitForHydration, type Session } from "./browser";

const SLUG = "demo-vv-2026";
const suite = inkoperSuite("zk-e2e-bundle-");
let aanbieder: Session;

beforeAll(async () => {
  aanbieder = await openSession(suite.browser);
  await login(aanbieder.page, "aanbieder@demo.zorginkoop.nl");
});
afterAll(async () => {
  await aanbieder?.close();
});

const verify = (file: string) => spawnSync("npx", ["tsx", "scoring/cli.ts", "verify", file], { cwd: path.resolve("."), encoding: "utf8" });

function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const read = unzipBundle(bytes);
  if (!read.ok) throw new Error(read.message);
  return read.files;
}

let bundlePath: string;

describe("the verification bundle in the browser", () => {
  it("the kader page shows the three steps; the bundle downloads through the browser session", async () => {
    const page = aanbieder.page;
    await page.goto(`/kaders/${SLUG}`);
    await waitForHydration(page);
    const section = page.getByTestId("zelf-narekenen");
    expect(await section.getByRole("heading", { name: "Uw tarieven zelf narekenen" }).count()).toBe(1);
    const steps = await section.locator("ol > li").allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain("Download de verificatiebundel");
    expect(steps[1]).toContain("npm ci");
    expect(steps[2]).toContain("npm run -s score -- verify");
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Download verificatiebundel (.zip)" }).click()]);
    expect(download.suggestedFilename()).toBe("verificatie-demo-vv-2026-73730001.zip");
    bundlePath = path.join(suite.dir, download.suggestedFilename());
    await download.saveAs(bundlePath);
    const files = unzip(fs.readFileSync(bundlePath));
    const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")!)) as Manifest;
    expect(manifest.provider.agbCode).toBe("73730001");
    expect(fs.readFileSync(bundlePath).includes(Buffer.from("73730002"))).toBe(false);
  });

  it("npm run -s score -- verify on the downloaded bundle: every tariff matches, exit 0", () => {
    const run = verify(bundlePath);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Alle \d+ tarieven kloppen tot op de cent\.\n/);
  }, 60_000);

  it("one tariff changed: with the manifest rewritten the line is named, with it kept the file; exit 1", () => {
    const files = unzip(fs.readFileSync(bundlePath));
    const result = JSON.parse(new TextDecoder().decode(files.get("resultaat.json")!)) as { lines: { provider: string; prestatie: string; targetGroup: string | null; tariff: string }[] };
    const line = result.lines.find((l) => l.targetGroup === null)!;
    line.tariff = (Number(line.tariff) + 1).toFixed(2);
    const tamperedResult = new TextEncoder().encode(JSON.stringify(result, null, 2) + "\n");

    const keptManifest = new Map(files);
    keptManifest.set("resultaat.json", tamperedResult);
    const kept = path.join(suite.dir, "gewijzigd-zelfde-manifest.zip");
    fs.writeFileSync(kept, zipSync(Object.fromEntries(keptManifest)));
    const hashRun = verify(kept);
    expect(hashRun.status).toBe(1);
    expect(hashRun.stderr).toMatch(/^Het bestand resultaat\.json is gewijzigd/);

    const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")!)) as Manifest;
    const entry = manifest.files.find((f) => f.name === "resultaat.json")!;
    entry.sha256 = sha256Hex(tamperedResult);
    entry.bytes = tamperedResult.byteLength;
    const rewritten = new Map(keptManifest);
    rewritten.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"));
    const file = path.join(suite.dir, "gewijzigd.zip");
    fs.writeFileSync(file, zipSync(Object.fromEntries(rewritten)));
    const run = verify(file);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`Regel klopt niet: aanbieder 73730001, prestatie ${line.prestatie}, doelgroep (geen: reguliere regel): tarief verwacht`);
    expect(run.stderr).toContain(`gevonden € ${line.tariff.replace(".", ",")} in resultaat.json`);
  }, 120_000);

  it("aanbieder2 downloads only its own bundle; the inkoper gets 404", async () => {
    const other = await openSession(suite.browser);
    try {
      await login(other.page, "aanbieder2@demo.zorginkoop.nl");
      const response = await other.context.request.get(`/kaders/${SLUG}/verificatie.zip`);
      expect(response.status()).toBe(200);
      const files = unzip(new Uint8Array(await response.body()));
      const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")!)) as Manifest;
      expect(manifest.provider.agbCode).toBe("73730002");
      for (const bytes of files.values()) expect(new TextDecoder().decode(bytes)).not.toMatch(/73730001|De Linde/);
    } finally {
      await other.close();
    }
    const refused = await suite.inkoper.context.request.get(`/kaders/${SLUG}/verificatie.zip`);
    expect(refused.status()).toBe(404);
  });
});

describe("the inkoper's overview in the browser", () => {
  it("lists every provider from the registry only (not opened), sorts without JavaScript, links to each monitor", async () => {
    // Without JavaScript: the sort links are plain GET links.
    const context = await suite.browser.newContext({ baseURL: inject("baseURL"), javaScriptEnabled: false, storageState: await suite.inkoper.context.storageState() });
    try {
      const page = await context.newPage();
      await page.goto(`/inkoop/kaders/${SLUG}/monitor`);
      expect(await page.getByRole("heading", { name: "Tariefoverzicht" }).count()).toBe(1);
      expect(await page.getByTestId("overzicht-basis").textContent()).toContain("alleen op basis van de registergegevens");
      const table = page.getByTestId("tariefoverzicht");
      expect(await table.locator("tbody tr").count()).toBe(12);
      // Both demo providers have submitted (tests/e2e/canary-seed.ts), but the submissions are sealed: every row is registry-based.
      expect(new Set(await table.locator("tbody tr td:nth-child(3)").allTextContents())).toEqual(new Set(["register"]));
      expect(await table.locator('tbody a[href="/inkoop/kaders/demo-vv-2026/monitor/73730001"]').count()).toBe(1);
      // Dutch formats: € 1.234,56 and 94,00 %.
      const linde = table.locator('tbody tr[data-agb="73730001"]');
      expect(await linde.locator('td[data-prestatie="4VV"]').textContent()).toMatch(/^€ [\d.]+,\d\d\d{1,3},\d\d %$/);
      expect(await linde.getByTestId("jaarbedrag").textContent()).toMatch(/^€ \d{1,3}(\.\d{3})*,\d\d$/);

      await Promise.all([page.waitForURL(/sorteer=jaarbedrag/), table.getByRole("link", { name: /^Jaarbedrag/ }).click()]);
      await Promise.all([page.waitForURL(/sorteer=-jaarbedrag/), page.getByTestId("tariefoverzicht").getByRole("link", { name: /^Jaarbedrag/ }).click()]);
      const amounts = (await page.getByTestId("jaarbedrag").allTextContents()).filter((t) => t !== "—").map((t) => Number(t.replace("€ ", "").replace(/\./g, "").replace(",", ".")));
      expect(amounts.length).toBeGreaterThan(3);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
      expect(await page.getByRole("columnheader", { name: /Jaarbedrag/ }).getAttribute("aria-sort")).toBe("descending");
    } finally {
      await context.close();
    }
  });

  it("the page passes axe, and the .xlsx download reads back with exceljs", async () => {
    const page = suite.inkoper.page;
    await page.goto(`/inkoop/kaders/${SLUG}/monitor`);
    await waitForHydration(page);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await screenshot(page, "tariefoverzicht");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download als Excel (.xlsx)" }).click()]);
    const file = path.join(suite.dir, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("Per aanbieder")!;
    expect(sheet.getRow(4).getCell(1).value).toBe("AGB-code");
    const agbs: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 4) agbs.push(String(row.getCell(1).value));
    });
    expect(agbs).toContain("73730001");
    expect(agbs.at(-1)).toBe("Totaal");
    expect(agbs).toHaveLength(13);
    const yearlyColumn = (sheet.getRow(4).values as unknown[]).length - 1;
    const pageAmounts = await page.getByTestId("jaarbedrag").allTextContents();
    const rows = await page.getByTestId("tariefoverzicht").locator("tbody tr").all();
    for (const [i, row] of rows.entries()) {
      const agb = await row.getAttribute("data-agb");
      const xlsxRow = sheet.getRows(5, sheet.rowCount - 4)!.find((r) => r.getCell(1).value === agb)!;
      const amount = xlsxRow.getCell(yearlyColumn).value;
      const shown = pageAmounts[i]!;
      expect(shown === "—" ? null : Number(shown.replace("€ ", "").replace(/\./g, "").replace(",", "."))).toBe(amount ?? null);
    }
  });
});
