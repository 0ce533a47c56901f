/**
 * Browser helpers for the e2e tests: Debian's Chromium through playwright-core (no browser
 * download), a watched page that turns console errors, page errors and failed asset requests
 * into test failures, login, hydration, and an axe-core WCAG 2.1 AA check.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";

export const SCREENSHOT_DIR = path.join(os.tmpdir(), "zorginkoop-screens");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
}

export type Session = {
  context: BrowserContext;
  page: Page;
  /** What went wrong in the page so far (console errors, page errors, failed requests). */
  problems: string[];
  /** Tolerate problems matching `pattern` (a deliberate 401/403, for example). */
  allow: (pattern: RegExp) => void;
  /** Closes the context and fails when an unexpected problem was seen. */
  close: () => Promise<void>;
};

/**
 * A fresh context (no cookies) and page on the test server. Every console error, uncaught page
 * error, failed request, 4xx/5xx sub-resource response and 5xx page is recorded; a top-level
 * navigation answered 4xx is not (the test asserts that status itself).
 */
export async function openSession(browser: Browser, baseURL: string = inject("baseURL")): Promise<Session> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: "nl-NL" });
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  // Top-level navigations answered 4xx (a deliberate visit to a refused page): the test asserts
  // their status itself, and Chromium's "Failed to load resource" for them is not a problem.
  // A 5xx is always a problem.
  const refusedNavigations = new Set<string>();
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const url = msg.location().url;
    if (msg.text().startsWith("Failed to load resource") && refusedNavigations.has(url)) return;
    problems.push(`console.error: ${msg.text()} (${url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "failed";
    // Requests cut off by a navigation are aborted, not broken.
    if (failure.includes("ERR_ABORTED")) return;
    problems.push(`request failed: ${request.method()} ${request.url()} ${failure}`);
  });
  page.on("response", (response) => {
    const request = response.request();
    if (response.status() < 400) return;
    if (response.status() < 500 && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      refusedNavigations.add(response.url());
    } else {
      problems.push(`HTTP ${response.status()} on ${request.method()} ${response.url()} (${request.resourceType()})`);
    }
  });
  return {
    context,
    page,
    problems,
    allow: (pattern) => allowed.push(pattern),
    close: async () => {
      await context.close();
      const unexpected = problems.filter((p) => !allowed.some((re) => re.test(p)));
      expect(unexpected, "unexpected problems in the page").toEqual([]);
    },
  };
}

/** Remix has hydrated: client-side navigation and forms now go through the router. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => !!(window as unknown as { __remixRouter?: unknown }).__remixRouter);
}

/**
 * Waits until the page shows the content of the current URL. After a client-side navigation the URL changes before
 * React commits the new page (the router renders in a transition), so reading the DOM right after waitForURL can see
 * the old page. The root layout marks <main> with the path it rendered.
 */
export async function waitForRendered(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector("main#inhoud");
    return !!main && main.getAttribute("data-pad") === location.pathname + location.search;
  });
}

/** Logs in through the form and waits until the browser has left /login. */
export async function login(page: Page, email: string, password: string = inject("demoPassword")): Promise<void> {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.getByRole("button", { name: "Inloggen" }).click(),
  ]);
}

/** A test file's browser, a signed-in demo inkoper and a temporary folder. */
export type InkoperSuite = { browser: Browser; inkoper: Session; dir: string };

/**
 * Opens, before the file's tests, a browser with the demo inkoper signed in and a temporary
 * folder (named `dirPrefix…`); closes and removes them after. The fields are set by then.
 * `baseURL` names a server of the file's own (called when the suite starts); default the shared one.
 */
export function inkoperSuite(dirPrefix: string, baseURL: () => string = () => inject("baseURL")): InkoperSuite {
  const suite = {} as InkoperSuite;
  beforeAll(async () => {
    suite.dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
    suite.browser = await launchBrowser();
    suite.inkoper = await openSession(suite.browser, baseURL());
    await login(suite.inkoper.page, "inkoper@demo.zorginkoop.nl");
  });
  afterAll(async () => {
    await suite.inkoper?.close();
    await suite.browser?.close();
    if (suite.dir) fs.rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

/** A test file's browser and temporary folder, and a way to sign in a demo user in a fresh context. */
export type BrowserSuite = { browser: Browser; dir: string; signedIn: (email: string) => Promise<Session> };

/**
 * Opens, before the file's tests, a browser and a temporary folder (named `dirPrefix…`); closes
 * and removes them after. `signedIn` opens a new context and logs the demo user in.
 */
export function browserSuite(dirPrefix: string): BrowserSuite {
  const suite: BrowserSuite = {
    browser: undefined as unknown as Browser,
    dir: "",
    signedIn: async (email) => {
      const session = await openSession(suite.browser);
      await login(session.page, email);
      return session;
    },
  };
  beforeAll(async () => {
    suite.dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    if (suite.dir) fs.rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns its violations.
 * axe is injected with page.evaluate (a DevTools evaluation), which the page's nonce-based CSP
 * does not block, so the CSP stays on during the test.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type AxeNode = { target: unknown[] };
    type AxeResult = { id: string; impact?: string | null; help: string; nodes: AxeNode[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  });
}

/** One line per violation, so that a failing assertion names rule and selectors. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map((v) => `${v.id} [${v.impact ?? "?"}] ${v.help}: ${v.targets.join(" | ")}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
