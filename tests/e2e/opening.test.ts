/**
 * The zorgkantoor's side of the inschrijving in the browser, before the closing time (the demo
 * kader is open: it closes in 28 days, and the server has no test clock). Both demo inkopers see
 * only the number of submissions and the sealed explanation; a forced start is refused with the
 * closing time; the detail and the proces-verbaal do not exist for them. After the closing time,
 * the opening by two inkopers is covered by tests/integration/submissions/staff-routes.test.ts
 * (the same routes on a kader answered in the past, with the real clock).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations, launchBrowser, login, openSession, screenshot, waitForHydration, waitForRendered } from "./browser";

const SLUG = "demo-vv-2026";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("submissions before the closing time, for the zorgkantoor", () => {
  for (const email of ["inkoper@demo.zorginkoop.nl", "inkoper2@demo.zorginkoop.nl"]) {
    it(`${email} sees a count and the seal, cannot start the opening, and finds no submission content`, async () => {
      const s = await openSession(browser);
      try {
        await login(s.page, email);
        const page = s.page;
        await page.goto(`/inkoop/kaders/${SLUG}`);
        await waitForHydration(page);
        await page.getByRole("link", { name: "Inschrijvingen" }).click();
        await page.waitForURL(`**/inkoop/kaders/${SLUG}/inschrijvingen`);
        await waitForRendered(page);
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Inschrijvingen");
        expect(await page.locator("#aantal-inschrijvingen").textContent()).toMatch(/^\d+$/);
        const text = (await page.locator("main").textContent()) ?? "";
        expect(text).toContain("De inschrijvingen zijn verzegeld tot de sluitingstijd.");
        expect(text).toContain("binnen 30 minuten");
        expect(await page.getByRole("button", { name: "Opening starten" }).count()).toBe(0);
        expect(describeViolations(await axeViolations(page))).toEqual([]);
        await screenshot(page, `inschrijvingen-verzegeld-${email.split("@")[0]}`);

        // A start forced past the page: refused with the closing time, in Dutch. The browser logs
        // the 403 when it arrives, so it is allowed before the request, not after.
        s.allow(/HTTP 403 on POST .*\/inschrijvingen/);
        s.allow(/status of 403 \(Forbidden\) .*\/inkoop\/kaders\/[^/]+\/inschrijvingen\)/);
        const forced = await page.evaluate(async (slug) => {
          const res = await fetch(`/inkoop/kaders/${slug}/inschrijvingen`, { method: "POST", body: new URLSearchParams({ intent: "start", bevestigd: "ja" }) });
          return { status: res.status, text: await res.text() };
        }, SLUG);
        expect(forced.status).toBe(403);
        expect(forced.text).toContain("De inschrijvingen kunnen pas worden geopend na de sluitingstijd");

        for (const path of [`/inkoop/kaders/${SLUG}/inschrijvingen/2`, `/inkoop/kaders/${SLUG}/proces-verbaal.pdf`]) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(404);
        }
      } finally {
        await s.close();
      }
    });
  }
});
