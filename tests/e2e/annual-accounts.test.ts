/**
 * Issue 13, first bullet, in the browser and over HTTP: the inkoper imports annual accounts (first
 * a file with every kind of error: nothing imported, every row named; then a clean one), sees the
 * figures in Dutch formats; another zorgkantoor's inkoper sees none of them and cannot import
 * figures for providers outside its regions; other roles are refused.
 *
 * The fixtures name 2024; they are imported here as 2019, a year no other test or demo data uses,
 * so that the demo's own accounts (if seeded) stay as they are for the tests that read them.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { axeViolations, describeViolations, inkoperSuite, screenshot, waitForHydration } from "./browser";
import { TENANT_B } from "./second-tenant";

const YEAR = "2019";
const fixtures = path.resolve("tests/fixtures/imports");
const base = () => inject("baseURL");

const suite = inkoperSuite("zk-e2e-accounts-");

/** A fixture with its year (2024) replaced by YEAR; other years (the deliberate 2023) stay. */
function asYear(name: string): string {
  const text = fs.readFileSync(path.join(fixtures, name), "utf8").replace(/;2024;/g, `;${YEAR};`);
  const file = path.join(suite.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function logIn(email: string): Promise<string> {
  const res = await fetch(`${base()}/login`, { method: "POST", body: new URLSearchParams({ email, password: inject("demoPassword") }), redirect: "manual" });
  expect(res.status, `login ${email}`).toBe(302);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

function upload(cookie: string, csv: string, year = YEAR): Promise<Response> {
  const body = new FormData();
  body.append("year", year);
  body.append("file", new Blob([csv], { type: "text/csv" }), "jaarrekeningen.csv");
  return fetch(`${base()}/inkoop/jaarrekeningen`, { method: "POST", body, redirect: "manual", headers: { Cookie: cookie } });
}

describe("annual accounts in the browser", () => {
  it("a file with errors imports nothing and names every row; a clean one becomes a version shown in Dutch formats", async () => {
    const page = suite.inkoper.page;
    suite.inkoper.allow(/HTTP 400 on POST .*\/inkoop\/jaarrekeningen/);
    suite.inkoper.allow(/status of 400 .*\/inkoop\/jaarrekeningen\.data/);
    await page.goto("/inkoop");
    await waitForHydration(page);
    await Promise.all([page.waitForURL("**/inkoop/jaarrekeningen"), page.getByRole("link", { name: "jaarrekeningen" }).click()]);
    await expect.poll(() => page.locator("main").textContent()).toContain("Die toets is nog niet gebouwd");

    await page.getByLabel("Boekjaar").fill(YEAR);
    await page.getByLabel("Bestand").setInputFiles(asYear("jaarrekeningen-met-fouten.csv"));
    await page.getByRole("button", { name: "Importeren" }).click();
    const refusal = page.getByRole("alert");
    await expect.poll(() => refusal.textContent()).toContain("Niets geïmporteerd");
    expect(await refusal.textContent()).toContain("12 problemen");
    expect(await refusal.locator("tbody tr").count()).toBe(12);
    const report = (await refusal.textContent()) ?? "";
    expect(report).toContain("onbekende aanbieder: AGB-code 99999999");
    expect(report).toContain("tariefpercentage 120 % ligt niet tussen 0 en 100");
    expect(report).toContain(`jaar 2023 wijkt af van het gekozen boekjaar ${YEAR}`);
    expect(await page.getByRole("link", { name: `${YEAR} versie 1` }).count()).toBe(0);
    await screenshot(page, "jaarrekeningen-fouten");
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    await page.getByLabel("Boekjaar").fill(YEAR);
    await page.getByLabel(/Illustratieve cijfers/).check();
    await page.getByLabel("Bestand").setInputFiles(asYear("jaarrekeningen-voorbeeld.csv"));
    await page.getByRole("button", { name: "Importeren" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe(`Jaarrekeningen over ${YEAR} geïmporteerd als versie 1: de cijfers van 7 aanbieders.`);
    expect(await page.getByRole("alert").count()).toBe(0);

    await page.goto(`/inkoop/jaarrekeningen?jaar=${YEAR}`);
    await waitForHydration(page);
    const table = page.locator("table.data");
    const caption = (await table.locator("caption").textContent()) ?? "";
    expect(caption).toContain(`Jaarrekeningen ${YEAR}, versie 1 (huidige versie)`);
    const linde = page.getByRole("row", { name: /Zorggroep De Linde/ });
    expect(await linde.locator("td").allTextContents()).toEqual([
      "Zorggroep De Linde73730001",
      "€ 12.480.000,00",
      "€ 13.150.000,00",
      "€ 9.360.000,00",
      "€ 3.410.000,00",
      "€ 12.500,00",
      "€ 186.000,00",
      "97,00 %",
    ]);
    expect(await page.getByRole("row", { name: /Stichting Het Baken/ }).locator("td").nth(1).textContent()).toBe("€ 4.215.300,50");
    expect(await page.getByRole("row", { name: /Zorgcentrum Eikenhof/ }).locator("td").last().textContent()).toBe("95,50 %");
    expect(await page.locator("main").textContent()).toContain("Illustratief:");
    // The table fits the page: nothing scrolls sideways at 1280 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, "jaarrekeningen-geimporteerd");
    expect(describeViolations(await axeViolations(page))).toEqual([]);
  });

  it("another zorgkantoor's inkoper sees none of A's figures and cannot import figures for A's providers", async () => {
    const cookieB = await logIn(TENANT_B.emails.inkoperB);
    for (const url of [`/inkoop/jaarrekeningen?jaar=${YEAR}&versie=1`, `/inkoop/jaarrekeningen?jaar=${YEAR}`, "/inkoop/jaarrekeningen"]) {
      const res = await fetch(base() + url, { headers: { Cookie: cookieB } });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toContain("Zorggroep De Linde");
      expect(text).not.toContain("12.480.000");
      expect(text).not.toContain("jaarrekeningen-voorbeeld.csv");
    }
    const header = "agb;jaar;wlzOmzet;totaleOmzet;personeelskosten;overigeBedrijfskosten;financieleBaten;financieleLasten;tariefpercentage";
    // Zorgcentrum Eikenhof works only in A's regions. (Not De Linde: the matrix test links it to B's region.)
    const foreign = await upload(cookieB, `${header}\n73730005;${YEAR};1;1;1;1;0;0;50\n`);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("onbekende aanbieder: AGB-code 73730005");

    // B's own provider: B's own version 1, which A never sees.
    const own = await upload(cookieB, `${header}\n${TENANT_B.provider.agbCode};${YEAR};2.000.000,00;2.000.000,00;1.500.000,00;400.000,00;0;10.000,00;95\n`);
    expect(own.status).toBe(200);
    // React separates text parts in server HTML with empty comments.
    expect((await own.text()).replace(/<!-- -->/g, "")).toContain(`Jaarrekeningen over ${YEAR} geïmporteerd als versie 1`);
    const cookieA = await logIn("inkoper@demo.zorginkoop.nl");
    const a = await (await fetch(`${base()}/inkoop/jaarrekeningen?jaar=${YEAR}`, { headers: { Cookie: cookieA } })).text();
    expect(a).toContain("€ 12.480.000,00");
    expect(a).not.toContain(TENANT_B.provider.name);
  });

  it("takes a file past the 128 kB form limit: the import answers (with its row errors), not the body limit", async () => {
    const cookie = await logIn("inkoper@demo.zorginkoop.nl");
    const header = "agb;jaar;wlzOmzet;totaleOmzet;personeelskosten;overigeBedrijfskosten;financieleBaten;financieleLasten;tariefpercentage";
    const rows = Array.from({ length: 4000 }, (_, i) => `${String(10_000_000 + i)};${YEAR};1.000.000,00;1.000.000,00;800.000,00;150.000,00;0,00;10.000,00;96`);
    const csv = [header, ...rows].join("\n");
    expect(csv.length).toBeGreaterThan(256 * 1024);
    const res = await upload(cookie, csv);
    expect(res.status).toBe(400);
    const text = (await res.text()).replace(/<!-- -->/g, "");
    expect(text).toContain("Niets geïmporteerd.");
    expect(text).toContain("onbekende aanbieder: AGB-code 10000000");
  });

  it("refuses an import by any other role, and sends an anonymous visitor to the login", async () => {
    const csv = fs.readFileSync(asYear("jaarrekeningen-voorbeeld.csv"), "utf8");
    for (const email of ["aanbieder@demo.zorginkoop.nl", "beoordelaar@demo.zorginkoop.nl", "jurist@demo.zorginkoop.nl", "beheerder@demo.zorginkoop.nl"]) {
      const res = await upload(await logIn(email), csv);
      expect(res.status, email).toBe(403);
    }
    const anonymous = await fetch(`${base()}/inkoop/jaarrekeningen`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?next=/);
  });
});
