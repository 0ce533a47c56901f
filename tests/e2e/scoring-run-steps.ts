// The inkoper's steps of a scoring run in the browser, shared by the assessment flow on the demo
// (tests/e2e/assessment.test.ts) and the rank-order run (tests/e2e/scoring-run.test.ts).
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { waitForRendered } from "./browser";

export const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";

/**
 * Starts a run from the list page `runsPath` (asked first; a correction with `reason`) and waits,
 * through the page's own refreshes, until it is done. Returns the result hash the page shows.
 */
export async function startRun(page: Page, runsPath: string, reason?: string): Promise<string> {
  await page.goto(runsPath);
  await waitForRendered(page);
  if (reason !== undefined) await page.getByLabel(/Reden van de correctie/).fill(reason);
  await page.getByRole("button", { name: /ronde starten/ }).click();
  await expect.poll(() => mainText(page)).toContain("Weet u het zeker?");
  await Promise.all([page.waitForURL(/\/scoringsrondes\/\d+\?gestart=1$/), page.getByRole("button", { name: "Scoringsronde starten" }).click()]);
  await expect.poll(() => page.locator("#status").textContent(), { timeout: 60_000, interval: 1_000 }).toContain("klaar");
  await waitForRendered(page);
  const hash = /Resultaat\s*SHA-256 ([0-9a-f]{64})/.exec(await mainText(page))?.[1];
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  return hash!;
}
