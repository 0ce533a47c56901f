/**
 * Foundation in a real browser (Debian Chromium via playwright-core) against the real server
 * started by global-setup.ts: login per role, wrong password, refusals for a provider, logout,
 * axe-core WCAG 2.1 AA on every page reached, and keyboard access to the skip link.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axeViolations, describeViolations, launchBrowser, login, openSession, screenshot, waitForHydration, type Session } from "./browser";

const ROLES = [
  { email: "beheerder@demo.zorginkoop.nl", name: "Bea Beheer", home: "/beheer", heading: "Beheer", meta: "Beheerder", screen: "beheerder" },
  { email: "inkoper@demo.zorginkoop.nl", name: "Ingrid Inkoop", home: "/inkoop", heading: "Inkoop", meta: "Inkoper · Zorgkantoor Demo", screen: "inkoper" },
  { email: "beoordelaar@demo.zorginkoop.nl", name: "Bram Beoordeel", home: "/beoordeling", heading: "Beoordelen", meta: "Beoordelaar · Zorgkantoor Demo", screen: "beoordelaar" },
  { email: "jurist@demo.zorginkoop.nl", name: "Julia Jurist", home: "/juridisch", heading: "Juridisch", meta: "Jurist · Zorgkantoor Demo", screen: "jurist" },
  { email: "aanbieder@demo.zorginkoop.nl", name: "Anton Aanbieder", home: "/aanbieder", heading: "Zorggroep De Linde", meta: "Zorgaanbieder · Zorggroep De Linde", screen: "aanbieder" },
  { email: "aanbieder2@demo.zorginkoop.nl", name: "Anna Tweede", home: "/aanbieder", heading: "Stichting Het Baken", meta: "Zorgaanbieder · Stichting Het Baken", screen: "aanbieder2" },
] as const;

const ADMIN_PAGES = [
  { path: "/beheer/gebruikers", heading: "Gebruikers" },
  { path: "/beheer/gebruikers/nieuw", heading: /account/i },
  { path: "/beheer/organisaties", heading: "Organisaties" },
  { path: "/beheer/organisaties/nieuw", heading: /organisatie/i },
  { path: "/audit", heading: "Audittrail" },
];

const SESSION_COOKIE = /zk_session/;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Runs `fn` in a fresh context; unexpected console errors or failed requests fail the test. */
async function withSession(fn: (s: Session) => Promise<void>): Promise<void> {
  const session = await openSession(browser);
  try {
    await fn(session);
  } catch (error) {
    await session.context.close();
    // What the page itself reported often explains the failure.
    if (error instanceof Error && session.problems.length > 0) {
      error.message += `\nProblems reported by the page:\n${session.problems.join("\n")}`;
    }
    throw error;
  }
  await session.close();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), `axe violations on ${where}`).toEqual([]);
}

describe("login per role", () => {
  for (const role of ROLES) {
    test(`${role.email} lands on ${role.home} with its header`, async () => {
      await withSession(async ({ page, context }) => {
        await login(page, role.email);
        expect(new URL(page.url()).pathname).toBe(role.home);
        await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(role.heading);

        const header = page.getByRole("banner");
        expect(await header.locator(".whoami__name").innerText()).toBe(role.name);
        expect(await header.locator(".whoami__meta").innerText()).toBe(role.meta);
        expect(await header.getByRole("button", { name: "Uitloggen" }).isVisible()).toBe(true);

        const cookie = (await context.cookies()).find((c) => c.name === "__Host-zk_session");
        expect(cookie, "production session cookie").toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });

        await screenshot(page, `home-${role.screen}`);
        await expectNoAxeViolations(page, role.home);
      });
    });
  }
});

test("a wrong password gives the Dutch error, status 401 and no session", async () => {
  await withSession(async (s) => {
    const { page, context } = s;
    s.allow(/status of 401|HTTP 401 on POST .*\/login/);
    await page.goto("/login");
    await waitForHydration(page);
    await page.getByLabel("E-mailadres").fill("inkoper@demo.zorginkoop.nl");
    await page.getByLabel("Wachtwoord").fill("helemaal-niet-het-wachtwoord");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")),
      page.getByRole("button", { name: "Inloggen" }).click(),
    ]);
    expect(response.status()).toBe(401);
    await expect.poll(() => page.getByRole("alert").innerText()).toBe("Deze combinatie van e-mailadres en wachtwoord kennen we niet.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByLabel("E-mailadres").inputValue()).toBe("inkoper@demo.zorginkoop.nl");
    expect((await context.cookies()).filter((c) => SESSION_COOKIE.test(c.name))).toEqual([]);
    expect((await response.allHeaders())["set-cookie"] ?? "").not.toMatch(SESSION_COOKIE);
    // Still signed out: a protected page sends us back to the login form.
    await page.goto("/inkoop");
    expect(new URL(page.url()).pathname).toBe("/login");
    await expectNoAxeViolations(s.page, "/login with an error");
  });
});

test("a provider is refused the administrator pages, their data and the audit trail (403, Dutch page)", async () => {
  await withSession(async (s) => {
    const { page } = s;
    await login(page, "aanbieder@demo.zorginkoop.nl");
    for (const path of ["/beheer", "/beheer/gebruikers", "/beheer/organisaties", "/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      expect(new URL(page.url()).pathname, path).toBe(path);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), { message: path }).toBe("Geen toegang");
      const html = await page.content();
      expect(html, path).not.toContain("beheerder@demo.zorginkoop.nl");
      expect(html, path).not.toContain("auth.login");
    }
    await screenshot(page, "geen-toegang-aanbieder");
    await expectNoAxeViolations(s.page, "the 403 page");

    for (const path of ["/beheer/gebruikers.data", "/beheer.data", "/audit.data"]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
      const body = await response.text();
      expect(body, path).not.toContain("@demo.zorginkoop.nl");
      expect(body, path).not.toContain("auth.login");
    }
  });
});

test("logout ends the session: back and reload go to /login, the old cookie is revoked", async () => {
  await withSession(async ({ page, context }) => {
    await login(page, "inkoper@demo.zorginkoop.nl");
    const cookie = (await context.cookies()).find((c) => c.name === "__Host-zk_session");
    expect(cookie).toBeDefined();
    // The same request that a stolen copy of the cookie would make (no browser cookies, explicit header).
    const replay = () =>
      page.request.get("/inkoop", { headers: { Cookie: `${cookie!.name}=${cookie!.value}` }, maxRedirects: 0 });
    expect((await replay()).status(), "the cookie works before logout").toBe(200);

    await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.getByRole("button", { name: "Uitloggen" }).click()]);
    expect((await context.cookies()).filter((c) => SESSION_COOKIE.test(c.name))).toEqual([]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Inloggen");

    // Back (client-side, the router asks the server again) and a fresh load both end at /login.
    // Back to /inkoop: the router asks the server for its data and is sent to /login?next=/inkoop.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === "/login" && u.searchParams.get("next") === "/inkoop");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Inloggen");
    await page.goto("/inkoop");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/inkoop");

    // The session was revoked on the server, not just forgotten by the browser.
    const after = await replay();
    expect(after.status()).toBe(302);
    expect(after.headers()["location"]).toMatch(/^\/login\b/);
  });
});

test("axe: the login page has no WCAG 2.1 AA violations", async () => {
  await withSession(async (s) => {
    await s.page.goto("/login");
    await waitForHydration(s.page);
    await screenshot(s.page, "login");
    await expectNoAxeViolations(s.page, "/login");
  });
});

test("axe: the administrator pages load, render and have no WCAG 2.1 AA violations", async () => {
  await withSession(async (s) => {
    const { page } = s;
    await login(page, "beheerder@demo.zorginkoop.nl");
    // Soft assertions: one broken page must not hide what the others show.
    for (const { path, heading } of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect.soft(response?.status(), path).toBe(200);
      await waitForHydration(page);
      const h1 = await page.getByRole("heading", { level: 1 }).innerText();
      const where = `${path} after hydration; page problems so far: ${s.problems.join(" / ") || "none"}`;
      if (typeof heading === "string") expect.soft(h1, where).toBe(heading);
      else expect.soft(h1, where).toMatch(heading);
      expect.soft(describeViolations(await axeViolations(page)), `axe violations on ${path}`).toEqual([]);
      await screenshot(page, `admin${path.replaceAll("/", "-")}`);
    }
  });
});

test("keyboard: the first Tab reaches the skip link, visibly focused, and Enter moves to the content", async () => {
  await withSession(async ({ page }) => {
    await login(page, "jurist@demo.zorginkoop.nl");
    await page.goto("/juridisch");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        text: el.textContent?.trim(),
        href: el.getAttribute("href"),
        focusVisible: el.matches(":focus-visible"),
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        inViewport: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
      };
    });
    expect(focused).toMatchObject({ text: "Naar de inhoud", href: "#inhoud", focusVisible: true, inViewport: true });
    expect(focused?.outline).toMatch(/^solid [2-9]/);
    await screenshot(page, "skip-link-focused");

    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
  });
});
