/**
 * In the browser (hydrated, so forms go through the router): an administrator creates an
 * account, blocks it through the confirmation page, and sees after each step what happened;
 * the pages on the way have no WCAG 2.1 AA violations. And a hostile `next` after login
 * lands on the home page.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { axeViolations, describeViolations, launchBrowser, login, openSession, waitForHydration, waitForRendered, type Session } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function withSession(fn: (s: Session) => Promise<void>): Promise<void> {
  const session = await openSession(browser);
  try {
    await fn(session);
  } catch (error) {
    await session.context.close();
    if (error instanceof Error && session.problems.length > 0) error.message += `\nProblems reported by the page:\n${session.problems.join("\n")}`;
    throw error;
  }
  await session.close();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), `axe violations on ${where}`).toEqual([]);
}

test("create, block after confirmation, cancel an unblock: each step says what happened", async () => {
  await withSession(async ({ page }) => {
    await login(page, "beheerder@demo.zorginkoop.nl");
    await page.goto("/beheer/gebruikers/nieuw");
    await waitForHydration(page);
    await page.getByLabel("Naam").fill("Eva Bevestig");
    await page.getByLabel("E-mailadres").fill("eva.bevestig@zk.example");
    await page.getByRole("checkbox", { name: "Beheerder" }).check();
    await page.getByLabel("Startwachtwoord").fill("een lang startwachtwoord");
    await Promise.all([page.waitForURL(/\/beheer\/gebruikers\?melding=\d+$/), page.getByRole("button", { name: "Account aanmaken" }).click()]);
    await expect.poll(() => page.getByRole("status").innerText()).toContain("Het account van Eva Bevestig (eva.bevestig@zk.example) is aangemaakt.");
    await expectNoAxeViolations(page, "the list with a success message");

    await page.getByRole("link", { name: "Blokkeren Eva Bevestig" }).click();
    await page.waitForURL(/bevestig=blokkeren/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Account blokkeren");
    expect(await page.locator("main").innerText()).toContain("Weet u het zeker?");
    await expectNoAxeViolations(page, "the confirmation page");
    await Promise.all([page.waitForURL(/\/beheer\/gebruikers\?melding=\d+$/), page.getByRole("button", { name: "Blokkeren" }).click()]);
    await expect.poll(() => page.getByRole("status").innerText()).toContain("Het account van Eva Bevestig (eva.bevestig@zk.example) is geblokkeerd.");
    const row = page.getByRole("row").filter({ hasText: "eva.bevestig@zk.example" });
    expect(await row.innerText()).toContain("Geblokkeerd");

    await row.getByRole("link", { name: "Deblokkeren Eva Bevestig" }).click();
    await page.waitForURL(/bevestig=deblokkeren/);
    await Promise.all([page.waitForURL((url) => url.pathname === "/beheer/gebruikers" && url.search === ""), page.getByRole("link", { name: "Annuleren" }).click()]);
    await waitForRendered(page);
    expect(await page.getByRole("row").filter({ hasText: "eva.bevestig@zk.example" }).innerText()).toContain("Geblokkeerd");
  });
});

test("a hostile next after login lands on the home page", async () => {
  await withSession(async ({ page }) => {
    await page.goto(`/login?next=${encodeURIComponent("/.//evil.example")}`);
    await waitForHydration(page);
    await page.getByLabel("E-mailadres").fill("beheerder@demo.zorginkoop.nl");
    await page.getByLabel("Wachtwoord").fill(inject("demoPassword"));
    await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "Inloggen" }).click()]);
    expect(new URL(page.url()).host).toBe(new URL(inject("baseURL")).host);
    expect(new URL(page.url()).pathname).toBe("/beheer");
  });
});
