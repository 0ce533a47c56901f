/**
 * Issue 7 (walkthrough) in the browser: at 375 px (a phone) no main page of any role scrolls
 * sideways (a wide table scrolls inside its own box); the beoordelaar's and jurist's pages say
 * plainly what is not built yet; the provider's kader page names the surcharge by its label.
 * Screenshots at 375 px and at desktop width go to the screenshot folder for a look by eye.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import nodePath from "node:path";
import { axeViolations, describeViolations, launchBrowser, login, openSession, waitForHydration } from "./browser";

/** This file's screenshots, in their own folder (other test files clear theirs). */
const SHOTS = process.env.WALKTHROUGH_SCREENS ?? nodePath.join(os.tmpdir(), "zorginkoop-walkthrough-screens");
async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: nodePath.join(SHOTS, `${name}.png`), fullPage: true });
}

const ROLE_PAGES: { email: string; pages: string[] }[] = [
  {
    email: "inkoper@demo.zorginkoop.nl",
    pages: ["/inkoop", "/inkoop/tarieven", "/inkoop/register", "/inkoop/kaders/demo-vv-2026", "/inkoop/kaders/demo-vv-2026/bewerken", "/inkoop/kaders/demo-vv-2026/voorbeeld", "/kaders/demo-vv-2026"],
  },
  { email: "aanbieder@demo.zorginkoop.nl", pages: ["/aanbieder", "/kaders/demo-vv-2026", "/kaders/demo-vv-2026/monitor"] },
  { email: "beoordelaar@demo.zorginkoop.nl", pages: ["/beoordeling", "/inkoop/kaders/demo-vv-2026"] },
  { email: "jurist@demo.zorginkoop.nl", pages: ["/juridisch", "/audit"] },
  { email: "beheerder@demo.zorginkoop.nl", pages: ["/beheer", "/beheer/gebruikers", "/beheer/gebruikers/nieuw", "/beheer/organisaties", "/beheer/organisaties/nieuw", "/audit"] },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** How far the page reaches past the viewport, and which elements stick out. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      // Inside a box that scrolls by itself is fine: the page does not move.
      .filter((el) => {
        for (let p = el.parentElement; p; p = p.parentElement) if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return false;
        return true;
      })
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
}

describe("at 375 px no page scrolls sideways", () => {
  for (const { email, pages } of ROLE_PAGES) {
    it(`the main pages of ${email.split("@")[0]}`, async () => {
      const session = await openSession(browser);
      try {
        const { page } = session;
        await login(page, email);
        await page.setViewportSize({ width: 375, height: 800 });
        const measured = [];
        for (const path of pages) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(200);
          await waitForHydration(page);
          await screenshot(page, `mobiel-${email.split("@")[0]}${path.replace(/\//g, "-")}`);
          measured.push({ path, ...(await overflow(page)) });
        }
        expect(measured).toEqual(pages.map((path) => ({ path, scrollWidth: 375, innerWidth: 375, culprits: [] })));
      } finally {
        await session.close();
      }
    });
  }
});

describe("pages say what they do and what is coming", () => {
  it("the jurist's start page says what it does (objections against decisions included) and promises nothing; the beoordelaar's lists its work", async () => {
    for (const [email, path, shown, never] of [
      ["beoordelaar@demo.zorginkoop.nl", "/beoordeling", "Te beoordelen", "kan nog niet"],
      ["jurist@demo.zorginkoop.nl", "/juridisch", "tegen een gunningsbesluit (binnen de opschortende termijn van 20 kalenderdagen)", "nog niet"],
    ] as const) {
      const session = await openSession(browser);
      try {
        await login(session.page, email);
        await session.page.goto(path);
        const text = ((await session.page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
        expect(text).toContain(shown);
        expect(text).not.toContain(never);
        expect(text).not.toContain("Plannen die aan u zijn toegewezen verschijnen hier na de sluitingstermijn.");
      } finally {
        await session.close();
      }
    }
  });

  it("the provider's kader page names surcharges by label, at desktop width too", async () => {
    const session = await openSession(browser);
    try {
      await login(session.page, "aanbieder@demo.zorginkoop.nl");
      await session.page.goto("/kaders/demo-vv-2026");
      await waitForHydration(session.page);
      const text = ((await session.page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
      expect(text).toContain("het basistarief plus „Standaard opslag bij ingediend plan”");
      expect(text).not.toContain("plus standaard");
      await screenshot(session.page, "desktop-aanbieder-kader");
    } finally {
      await session.close();
    }
  });

  it("the kader page asks before an amendment is published; Annuleren changes nothing", async () => {
    const session = await openSession(browser);
    try {
      const { page } = session;
      await login(page, "inkoper@demo.zorginkoop.nl");
      await page.goto("/inkoop/kaders/demo-vv-2026");
      await waitForHydration(page);
      const rows = await page.getByRole("table", { name: "Versies" }).locator("tbody tr").count();
      // Move the closing time by a day: an amendment, with its nota.
      const closes = page.getByLabel("Inschrijving sluit");
      const value = await closes.inputValue();
      const next = new Date(Date.parse(`${value}:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 16);
      await closes.fill(next);
      await page.getByLabel("Toelichting: wat verandert er en waarom").fill("De inschrijving sluit een dag later.");
      // The demo kader fails the reële-tarieventoets (issue 13): an amendment needs a justification.
      await page.getByLabel("Motivering als de toets niet slaagt").fill("Alleen de sluitingstijd verandert; het basistarief blijft.");
      await page.getByRole("button", { name: "Wijziging publiceren" }).click();
      const dialog = page.getByRole("alertdialog");
      await expect.poll(() => dialog.textContent()).toContain("Dit kan niet ongedaan worden gemaakt.");
      const text = ((await dialog.textContent()) ?? "").replace(/\s+/g, " ");
      expect(text).toMatch(/U publiceert versie \d+ van „Inkoopkader V&V 2026 \(voorbeeld\)” met nota van inlichtingen \d+\./);
      await screenshot(page, "desktop-inkoper-bevestigen");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await page.setViewportSize({ width: 375, height: 800 });
      await screenshot(page, "mobiel-inkoper-bevestigen");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
      await page.getByRole("link", { name: "Annuleren" }).click();
      await expect.poll(() => page.getByRole("alertdialog").count()).toBe(0);
      expect(await page.getByRole("table", { name: "Versies" }).locator("tbody tr").count()).toBe(rows);
    } finally {
      await session.close();
    }
  });
});
