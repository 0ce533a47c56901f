/**
 * Issue 12's objections in the browser, on the demo kader: as aanbieder@demo (Zorggroep De Linde)
 * a basistarief objection with a PDF, checked, confirmed, with its receipt on screen and as PDF;
 * the jurist takes it into handling and decides "deels gegrond" with a motivated answer (after
 * a confirm step); the provider reads the answer; Het Baken's provider gets 404 on it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { axeViolations, browserSuite, describeViolations, screenshot, SCREENSHOT_DIR, waitForHydration, waitForRendered } from "./browser";

const SLUG = "demo-vv-2026";
const GROUNDS = "Het basistarief van dit kader rust op historisch lage tarieven en dekt de kosten van onze verpleeghuiszorg niet (ECLI:NL:RBDHA:2023:16336). Zie de kostprijsberekening in de bijlage.";
const ANSWER = "Deels gegrond. Het basistarief blijft gehandhaafd, maar de onderbouwing wordt aangevuld met de kostprijsgegevens van 2025; die volgen in een nota van inlichtingen.";
const suite = browserSuite("zk-e2e-bezwaar-");

describe("objections in the browser", () => {
  it("a provider files a basistarief objection with a PDF and gets its receipt; the jurist decides it deels gegrond; the provider reads the answer", async () => {
    // The provider files.
    const provider = await suite.signedIn("aanbieder@demo.zorginkoop.nl");
    let objectionUrl = "";
    try {
      const page = provider.page;
      await page.goto(`/kaders/${SLUG}`);
      await waitForHydration(page);
      await Promise.all([page.waitForURL(`**/kaders/${SLUG}/bezwaar`), page.getByRole("link", { name: "Bezwaar tegen het basistarief" }).click()]);
      await waitForRendered(page);
      expect(await page.locator("#termijn").textContent()).toContain("De termijn is open.");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await page.getByLabel("Gronden van uw bezwaar").fill(GROUNDS);
      const pdf = path.join(suite.dir, "kostprijsberekening.pdf");
      fs.writeFileSync(pdf, "%PDF-1.4\n% kostprijsberekening De Linde\n%%EOF\n");
      await page.getByLabel("Bijlagen (PDF)").setInputFiles(pdf);
      await screenshot(page, "bezwaar-aanbieder-formulier");
      await page.getByRole("button", { name: "Controleren" }).click();
      await page.getByRole("button", { name: "Bezwaar definitief indienen" }).waitFor();
      await waitForRendered(page);
      // The confirm step shows what will be filed; nothing is filed yet.
      expect(await page.locator("#samenvatting-gronden").textContent()).toBe(GROUNDS);
      expect(await page.locator("#bevestigen").textContent()).toContain("kostprijsberekening.pdf");
      expect(await page.locator("#bevestigen").textContent()).toContain("niet meer wijzigen of intrekken");
      await screenshot(page, "bezwaar-aanbieder-bevestigen");
      await Promise.all([page.waitForURL(/\/bezwaar\/\d+\?ingediend=1$/), page.getByRole("button", { name: "Bezwaar definitief indienen" }).click()]);
      await waitForRendered(page);
      objectionUrl = new URL(page.url()).pathname;
      expect(await page.locator("#ingediend").textContent()).toContain("Uw bezwaar is ingediend");
      expect(await page.locator("#stand").textContent()).toContain("ingediend");
      expect(await page.locator("#gronden").textContent()).toBe(GROUNDS);
      const sha = ((await page.locator("#bezwaar-sha256").textContent()) ?? "").trim();
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      expect(await page.locator("#ontvangstbewijs").textContent()).toContain("Bezwaar tegen het basistarief van het kader");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "bezwaar-aanbieder-ontvangstbewijs");

      // The receipt as PDF: the same hash.
      const response = await page.request.get(`${objectionUrl}/pdf`);
      expect(response.status()).toBe(200);
      const file = path.join(suite.dir, "bezwaar.pdf");
      fs.writeFileSync(file, await response.body());
      const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
      expect(text).toContain("Ontvangstbevestiging bezwaar");
      expect(text).toContain(sha);
      expect(text).toContain("kostprijsberekening.pdf");
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(SCREENSHOT_DIR, "bezwaar-ontvangstbevestiging-pdf")]);
    } finally {
      await provider.close();
    }

    // Another provider does not learn it exists.
    const other = await suite.signedIn("aanbieder2@demo.zorginkoop.nl");
    try {
      expect((await other.page.request.get(objectionUrl)).status()).toBe(404);
      expect((await other.page.request.get(`${objectionUrl}/pdf`)).status()).toBe(404);
    } finally {
      await other.close();
    }

    // The jurist handles it.
    const id = /\/bezwaar\/(\d+)$/.exec(objectionUrl)![1]!;
    const jurist = await suite.signedIn("jurist@demo.zorginkoop.nl");
    try {
      const page = jurist.page;
      await page.goto("/juridisch/bezwaren");
      await waitForHydration(page);
      const row = page.locator("tr", { has: page.getByRole("link", { name: `Bezwaar ${id}`, exact: true }) });
      expect(await row.textContent()).toContain("Zorggroep De Linde");
      expect(await row.textContent()).toContain("ingediend");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "bezwaar-jurist-lijst");
      await Promise.all([page.waitForURL(`**/juridisch/bezwaren/${id}`), row.getByRole("link").click()]);
      await waitForRendered(page);
      expect(await page.locator("#gronden").textContent()).toBe(GROUNDS);
      await page.getByRole("button", { name: "In behandeling nemen", exact: true }).click();
      await page.getByRole("button", { name: "Ja, in behandeling nemen" }).waitFor();
      await waitForRendered(page);
      await page.getByRole("button", { name: "Ja, in behandeling nemen" }).click();
      await page.locator("#gelukt").waitFor();
      await waitForRendered(page);
      // #gelukt can appear before the revalidated loader data has re-rendered #stand: wait for the value itself.
      await expect.poll(() => page.locator("#stand").textContent()).toContain("in behandeling");
      // Without an answer: refused at the field (a deliberate 400 on the action's data request).
      jurist.allow(/HTTP 400 on POST .*\/juridisch\/bezwaren\/\d+\.data/);
      jurist.allow(/status of 400 .*\/juridisch\/bezwaren\/\d+\.data/);
      await page.getByLabel("Deels gegrond").check();
      await page.getByRole("button", { name: "Beslissing controleren" }).click();
      await page.locator("#veld-antwoord-fout").waitFor();
      await waitForRendered(page);
      await page.getByLabel("Gemotiveerd antwoord aan de aanbieder").fill(ANSWER);
      await page.getByLabel("Deels gegrond").check();
      await page.getByRole("button", { name: "Beslissing controleren" }).click();
      await page.getByRole("button", { name: "Beslissing vastleggen" }).waitFor();
      await waitForRendered(page);
      expect(await page.locator(".confirm").textContent()).toContain("deels gegrond");
      await screenshot(page, "bezwaar-jurist-bevestigen");
      await page.getByRole("button", { name: "Beslissing vastleggen" }).click();
      await page.locator("#gelukt").waitFor();
      await waitForRendered(page);
      await expect.poll(() => page.locator("#stand").textContent()).toContain("deels gegrond");
      await expect.poll(() => page.locator("#antwoord").textContent()).toBe(ANSWER);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "bezwaar-jurist-beslist");
      // The audit trail names the steps in Dutch.
      await page.goto("/audit");
      await waitForHydration(page);
      const audit = (await page.locator("main").textContent()) ?? "";
      for (const label of ["Bezwaar ingediend", "Bezwaar in behandeling genomen", "Op bezwaar beslist"]) expect(audit).toContain(label);
    } finally {
      await jurist.close();
    }

    // The provider reads the answer.
    const again = await suite.signedIn("aanbieder@demo.zorginkoop.nl");
    try {
      const page = again.page;
      await page.goto(`/kaders/${SLUG}/bezwaar`);
      await waitForHydration(page);
      const row = page.locator("#mijn-bezwaren tr", { has: page.getByRole("link", { name: `Bezwaar ${id}`, exact: true }) });
      expect(await row.textContent()).toContain("deels gegrond");
      await Promise.all([page.waitForURL(`**${objectionUrl}`), row.getByRole("link").click()]);
      await waitForRendered(page);
      expect(await page.locator("#antwoord").textContent()).toBe(ANSWER);
      expect(await page.locator("#h-antwoord").textContent()).toContain("deels gegrond");
      await screenshot(page, "bezwaar-aanbieder-antwoord");
    } finally {
      await again.close();
    }
  });
});
