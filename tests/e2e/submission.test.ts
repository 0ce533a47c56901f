/**
 * Issue 9, the provider's side in the browser: De Linde fills in the form (first with errors,
 * shown at the fields and in a summary), uploads evidence, submits, sees and downloads its
 * receipt (a PDF holding the hash), replaces, withdraws and submits again, and sees every
 * version; Het Baken submits too; the inkoper gets 404 on the provider's pages.
 *
 * Other tests (and the global setup) may have submitted for the demo providers already: this
 * file reads version numbers from the pages instead of assuming them.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations, launchBrowser, login, openSession, screenshot, waitForHydration, waitForRendered, type Session } from "./browser";

const SLUG = "demo-vv-2026";
const FORM = `/kaders/${SLUG}/inschrijving`;
const EVIDENCE = Buffer.from("%PDF-1.4\n% bewijs kernelementen De Linde\n%%EOF\n", "latin1");

let browser: Browser;
let linde: Session;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-e2e-inschrijving-"));
  browser = await launchBrowser();
  linde = await openSession(browser);
  await login(linde.page, "aanbieder@demo.zorginkoop.nl");
});

afterAll(async () => {
  await linde?.close();
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const submitButton = (page: Page) => page.getByRole("button", { name: /^Inschrijving (versturen|vervangen)$/ });

/** Submits the form and waits for the receipt page; returns the version number it shows. */
async function submitAndReadReceipt(page: Page): Promise<{ version: number; hash: string }> {
  await Promise.all([page.waitForURL(/\/ontvangstbewijs\/\d+$/), submitButton(page).click()]);
  await waitForRendered(page);
  const version = Number(/\/ontvangstbewijs\/(\d+)$/.exec(page.url())![1]);
  const text = (await page.locator("main").textContent()) ?? "";
  const hash = /SHA-256 van de inhoud:?\s*([0-9a-f]{64})/.exec(text)?.[1] ?? "";
  return { version, hash };
}

async function expectAccessible(page: Page) {
  expect(describeViolations(await axeViolations(page))).toEqual([]);
}

describe("the inschrijving in the browser", () => {
  it("shows the form from the kader page, with every error at its field and in a summary", async () => {
    const page = linde.page;
    linde.allow(/HTTP 400 on POST .*\/inschrijving/);
    await page.goto(`/kaders/${SLUG}`);
    await waitForHydration(page);
    const panel = page.getByRole("region", { name: "Uw inschrijving" });
    await expect.poll(() => panel.textContent()).toContain("Sluitingstijd");
    await Promise.all([page.waitForURL(`**${FORM}`), panel.getByRole("link").click()]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Inschrijving");
    expect(await page.locator("main").textContent()).toMatch(/\(nog \d+ dagen/);

    // A yes without its required evidence, and a target group's plan only started.
    await page.getByRole("radio", { name: "Ja" }).check();
    await page.getByLabel("Ik doe mee met deze module").check();
    await page.locator('[name="group.0.1"]').check();
    await page.locator('[name="plan.0.1.capacity"]').fill("veertien");
    await page.locator('[name="plan.0.1.context"]').fill("Begonnen aan de context voor Parkinson.");
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith(FORM)), submitButton(page).click()]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState("load");
    const summary = page.getByRole("alert").filter({ hasText: "niet verstuurd" });
    await expect.poll(() => summary.textContent()).toContain("Voeg een bewijsstuk (PDF) toe");
    expect(await summary.textContent()).toContain('Vul het antwoord op "Visie en doelgroepanalyse" in.');
    expect(await page.locator("#veld-evidence-0-fout").textContent()).toContain("bewijsstuk");
    expect(await page.locator("#veld-plan-0-1-capacity-fout").textContent()).toContain("Vul het aantal plaatsen in");
    expect(await page.locator("#veld-plan-0-1-expertise-fout").textContent()).toContain("Vul wat u de doelgroep biedt");
    // The summary links to the fields; what was typed is still there (and kept as a draft).
    expect(await summary.getByRole("link").first().getAttribute("href")).toMatch(/^#veld-/);
    expect(await page.locator('[name="plan.0.1.context"]').inputValue()).toBe("Begonnen aan de context voor Parkinson.");
    await screenshot(page, "inschrijving-fouten");
    await expectAccessible(page);
  });

  it("uploads evidence without losing what was typed, submits, and shows and downloads the receipt", async () => {
    const page = linde.page;
    await page.goto(FORM);
    await waitForHydration(page);
    // The draft survived: the text typed before the refused submit is back.
    expect(await page.locator('[name="plan.0.1.context"]').inputValue()).toBe("Begonnen aan de context voor Parkinson.");
    expect(await page.locator('[name="group.0.1"]').isChecked()).toBe(true);
    await page.locator('[name="plan.0.1.capacity"]').fill("14");
    await page.locator('[name="plan.0.1.expertise"]').fill("Een Parkinson-verpleegkundige en een vast team.");
    for (const [c, text] of ["Visie op Parkinsonzorg", "Aanpak in vier stappen", "Twee gespecialiseerde teams", "Minder valincidenten"].entries()) {
      await page.locator(`[name="plan.0.1.${c}"]`).fill(text);
    }
    await page.locator('input[name="file.evidence.0"]').setInputFiles({ name: "bewijs-kernelementen.pdf", mimeType: "application/pdf", buffer: EVIDENCE });
    await Promise.all([page.waitForURL(/bijlage=toegevoegd/), page.locator("#veld-evidence-0").getByRole("button", { name: "Uploaden" }).click()]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("De bijlage is toegevoegd");
    expect(await page.locator("#veld-evidence-0").textContent()).toContain("bewijs-kernelementen.pdf");
    expect(await page.locator('[name="plan.0.1.expertise"]').inputValue()).toBe("Een Parkinson-verpleegkundige en een vast team.");
    expect(await page.locator('[name="plan.0.1.capacity"]').inputValue()).toBe("14");

    const { version, hash } = await submitAndReadReceipt(page);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByRole("status").textContent()).toContain(`Uw inschrijving is ontvangen: versie ${version}`);
    expect(await page.locator("main").textContent()).toContain("Zorggroep De Linde");
    await screenshot(page, "inschrijving-ontvangstbewijs");
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download ontvangstbevestiging (PDF)" }).click()]);
    const file = path.join(dir, "ontvangstbevestiging.pdf");
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe(`${SLUG}-ontvangstbevestiging-v${version}.pdf`);
    expect(fs.readFileSync(file).subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })).toContain(hash);

    // The content of the version, read-only.
    await page.getByRole("link", { name: "Inhoud van deze versie bekijken" }).click();
    await page.waitForURL(`**${FORM}/versies/${version}`);
    await expect.poll(() => page.locator("main").textContent()).toContain("Minder valincidenten");
  });

  it("replaces the submission as a new version and lists both, the earlier one as vervangen", async () => {
    const page = linde.page;
    await page.goto(FORM);
    await waitForHydration(page);
    expect(await page.locator("main").textContent()).toContain("vervangt dit uw huidige inschrijving");
    await page.locator('[name="plan.0.1.3"]').fill("Minder valincidenten en minder ziekenhuisopnames");
    const first = Number(/versie (\d+)\)/.exec((await page.locator("main").textContent()) ?? "")?.[1]);
    const { version } = await submitAndReadReceipt(page);
    expect(version).toBe(first + 1);
    expect(await page.getByRole("status").textContent()).toContain("vervangt uw vorige versie");

    await page.goto(FORM);
    const rows = page.getByRole("table").locator("tbody tr");
    expect(await rows.first().textContent()).toContain("huidig");
    const earlier = rows.filter({ has: page.locator("td:first-child", { hasText: new RegExp(`^${first}$`) }) }).first();
    expect(await earlier.textContent()).toContain("vervangen");
    await screenshot(page, "inschrijving-versies");
    await expectAccessible(page);
  });

  it("asks before withdrawing, says what it did, and takes a new submission afterwards", async () => {
    const page = linde.page;
    await page.goto(FORM);
    await page.getByRole("link", { name: "Inschrijving intrekken…" }).click();
    const ask = page.locator("#intrekken");
    await expect.poll(() => ask.textContent()).toContain("Uw eerdere versies blijven bewaard");
    await Promise.all([page.waitForURL(/\/ontvangstbewijs\/\d+$/), ask.getByRole("button", { name: "Ja, inschrijving intrekken" }).click()]);
    await waitForRendered(page);
    expect(await page.getByRole("status").textContent()).toContain("Uw inschrijving is ingetrokken");
    await page.goto(FORM);
    expect(await page.getByRole("table").locator("tbody tr").first().textContent()).toContain("ingetrokken");
    const { hash } = await submitAndReadReceipt(page);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lets Het Baken submit its own, and shows the inkoper nothing of either (404)", async () => {
    const baken = await openSession(browser);
    try {
      await login(baken.page, "aanbieder2@demo.zorginkoop.nl");
      const page = baken.page;
      await page.goto(FORM);
      await waitForHydration(page);
      // Nothing of De Linde's plan is on Het Baken's page.
      expect(await page.locator("main").textContent()).not.toContain("Parkinson-verpleegkundige");
      // With JavaScript the form saves itself as a draft about 10 seconds after a change.
      // (Whatever an earlier test left in the form: the change is to the other answer.)
      const other = (await page.getByRole("radio", { name: "Nee" }).isChecked()) ? "Ja" : "Nee";
      await page.getByRole("radio", { name: other }).check();
      await expect.poll(() => page.getByText(/Concept automatisch bewaard/).count(), { timeout: 20_000, interval: 500 }).toBe(1);
      await page.reload();
      await waitForHydration(page);
      expect(await page.getByRole("radio", { name: other }).isChecked()).toBe(true);
      await page.getByRole("radio", { name: "Nee" }).check();
      const { hash } = await submitAndReadReceipt(page);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await page.locator("main").textContent()).toContain("Stichting Het Baken");
    } finally {
      await baken.close();
    }

    const inkoper = await openSession(browser);
    try {
      await login(inkoper.page, "inkoper@demo.zorginkoop.nl");
      for (const url of [FORM, `${FORM}/ontvangstbewijs/1`, `${FORM}/versies/1`]) {
        const response = await inkoper.page.goto(url);
        expect(response?.status(), url).toBe(404);
        expect(await inkoper.page.locator("body").textContent()).not.toContain("Parkinson-verpleegkundige");
      }
    } finally {
      await inkoper.close();
    }
  });
});
