/**
 * Issue 10's "Done when" for the tariff monitor, in the browser on the demo kader: as
 * aanbieder@demo (Zorggroep De Linde) the monitor shows its own tariffs with the build-up and the
 * chart, the what-if changes them (a GET form, shareable, without a full reload), the PDF
 * downloads; as aanbieder2@demo (Stichting Het Baken) only its own monitor is shown and the
 * inkoper's per-provider route is refused. Other tests may have submitted for De Linde by now, so
 * the phase may be either "voorlopig" or "op basis van uw inschrijving".
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { axeViolations, browserSuite, describeViolations, screenshot, SCREENSHOT_DIR, waitForHydration, waitForRendered } from "./browser";

const SLUG = "demo-vv-2026";
const suite = browserSuite("zk-e2e-monitor-");

describe("the tariff monitor in the browser", () => {
  it("as aanbieder@: its own tariffs, the build-up in words and as a chart, the what-if and the PDF", async () => {
    const s = await suite.signedIn("aanbieder@demo.zorginkoop.nl");
    const page = s.page;
    try {
      await page.goto(`/kaders/${SLUG}`);
      await waitForHydration(page);
      await Promise.all([page.waitForURL(`**/kaders/${SLUG}/monitor`), page.getByRole("link", { name: "Uw tariefmonitor" }).click()]);
      await waitForRendered(page);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Uw tariefmonitor");
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body).toContain("Zorggroep De Linde (AGB 73730001)");
      expect(body).toMatch(/Voorlopig: op basis van uw registergegevens|Op basis van uw inschrijving/);
      expect(body).toContain("de vastgestelde scores verschijnen hier na de scoringsrun");
      // The tariff, its build-up in the engine's sentences with the kader's references, and the chart.
      const tariff5 = (await page.locator('[data-tarief="5VV"]').textContent()) ?? "";
      expect(tariff5).toMatch(/^€ \d{3},\d{2} per dag$/);
      const section = page.locator("#prestatie-5VV");
      const steps = await section.locator("ol.trace li").allTextContents();
      expect(steps[0]).toMatch(/^Maximumtarief NZa/);
      expect(steps.join("\n")).toMatch(/Standaard opslag bij ingediend plan: .*Inkoopkader par\. 4\.2/);
      expect(steps.at(-1)).toContain(`= ${tariff5.replace(" per dag", "")}`);
      expect(await section.getByRole("img", { name: /Opbouw van het tarief 5VV/ }).count()).toBe(1);
      expect(await section.locator("figure details table tbody tr").last().textContent()).toContain(tariff5.replace(" per dag", ""));
      expect(await page.locator("[data-jaarbedrag]").textContent()).toMatch(/^€ [\d.]+,\d{2}$/);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "monitor-aanbieder");
      await section.screenshot({ path: path.join(SCREENSHOT_DIR, "monitor-aanbieder-5VV.png") });

      // What-if: declare the plan and expect 8 on every criterion for Parkinson.
      await page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));
      await page.getByLabel("Plan van aanpak kernelementen ingediend").selectOption("ja");
      const parkinson = page.getByRole("group", { name: /Mensen met Parkinson/ });
      for (const label of ["Visie en doelgroepanalyse", "Plan van aanpak, min. 4", "Expertise en personeel", "Meetbare resultaten"]) await parkinson.getByLabel(label).selectOption("8");
      await Promise.all([page.waitForURL(/wat-als=1/), page.getByRole("button", { name: "Bereken wat-als" }).click()]);
      await waitForRendered(page);
      expect(page.url()).toContain("s%2Fcomplexe-zorg%2Fparkinson%2Fvisie=8");
      // Updated by the router, not by a full page load.
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
      const group = (await page.locator('[data-watals-tarief="5VV/parkinson"]').textContent()) ?? "";
      expect(group).toMatch(/€ \d{3},\d{2} \(100 %\)/);
      expect(await page.locator("[data-watals-jaarbedrag]").count()).toBe(1);
      // The monitor above is unchanged by the what-if.
      expect(await page.locator('[data-tarief="5VV"]').textContent()).toBe(tariff5);
      await page.locator("#h-watals").scrollIntoViewIfNeeded();
      await screenshot(page, "monitor-aanbieder-wat-als");
      await page.locator("section", { has: page.locator("#h-watals") }).screenshot({ path: path.join(SCREENSHOT_DIR, "monitor-aanbieder-wat-als-sectie.png") });
      expect(describeViolations(await axeViolations(page))).toEqual([]);

      // The same link works without JavaScript: a plain GET gives the same figures.
      const direct = await page.request.get(page.url());
      expect(direct.status()).toBe(200);
      expect(await direct.text()).toContain(group.replace(" (100 %)", ""));

      // Bad input: a Dutch message, 400, nothing computed.
      const bad = await page.request.get(`/kaders/${SLUG}/monitor?wat-als=1&__proto__=1&s%2Fcomplexe-zorg%2Fparkinson%2Fvisie=5`);
      expect(bad.status()).toBe(400);
      const badText = await bad.text();
      expect(badText).toContain("Onbekend veld „__proto__”");
      expect(badText).not.toContain("Uitkomst van de wat-als");

      // The PDF.
      const pdf = await page.request.get(`/kaders/${SLUG}/monitor.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const file = path.join(suite.dir, "monitor.pdf");
      fs.writeFileSync(file, await pdf.body());
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toContain("Tariefmonitor Zorggroep De Linde");
      expect(text).toContain(tariff5.replace(" per dag", ""));
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", file, path.join(SCREENSHOT_DIR, "monitor-pdf")]);
    } finally {
      await s.close();
    }
  });

  it("as aanbieder2@: only its own monitor; the inkoper's per-provider route is refused", async () => {
    const s = await suite.signedIn("aanbieder2@demo.zorginkoop.nl");
    s.allow(/\/inkoop\/kaders\/demo-vv-2026\/monitor\/73730001/);
    const page = s.page;
    try {
      await page.goto(`/kaders/${SLUG}/monitor`);
      await waitForHydration(page);
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body).toContain("Stichting Het Baken (AGB 73730002)");
      expect(body).not.toContain("De Linde");
      await screenshot(page, "monitor-aanbieder2");
      for (const url of [`/inkoop/kaders/${SLUG}/monitor/73730001`, `/inkoop/kaders/${SLUG}/monitor/73730001/pdf`]) {
        const res = await page.request.get(url);
        expect(res.status(), url).toBe(403);
        expect(await res.text()).not.toContain("De Linde");
      }
      // The own PDF names its own organisation only.
      const pdf = await page.request.get(`/kaders/${SLUG}/monitor.pdf`);
      const file = path.join(suite.dir, "monitor2.pdf");
      fs.writeFileSync(file, await pdf.body());
      const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
      expect(text).toContain("Stichting Het Baken");
      expect(text).not.toContain("De Linde");
    } finally {
      await s.close();
    }
  });

  it("as inkoper@: any provider of the kader's regions, with registry figures only before the opening", async () => {
    const s = await suite.signedIn("inkoper@demo.zorginkoop.nl");
    const page = s.page;
    try {
      await page.goto(`/inkoop/kaders/${SLUG}/monitor/73730001`);
      await waitForHydration(page);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Tariefmonitor Zorggroep De Linde");
      const body = (await page.locator("main").textContent()) ?? "";
      // The demo kader is not opened by the e2e tests, so the page says it shows registry figures only.
      expect(body).toContain("Alleen registergegevens");
      expect(body).toContain("Tot de opening ziet u van deze aanbieder alleen de berekening op basis van de registergegevens");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "monitor-inkoper");
      const pdf = await page.request.get(`/inkoop/kaders/${SLUG}/monitor/73730001/pdf`);
      expect(pdf.status()).toBe(200);
    } finally {
      await s.close();
    }
  });
});
