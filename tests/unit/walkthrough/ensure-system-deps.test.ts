// Issue 7 (walkthrough): on a fresh machine `npm test` set up nothing itself. It now runs
// scripts/ensure-system-deps.sh first: all present → silent; missing and root → apt-get
// install; missing and not root (no passwordless sudo) → one line naming the packages, at once.
// The checked paths are overridden, and PATH holds only fakes, so nothing real is installed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../../scripts/ensure-system-deps.sh", import.meta.url));
const BASH = "/bin/bash";
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-deps-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function fake(name: string, body = "exit 0"): string {
  const file = path.join(dir, "bin", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!${BASH}\n${body}\n`, { mode: 0o755 });
  return file;
}

function present(): { chromium: string; font: string } {
  const font = path.join(dir, "DejaVuSans.ttf");
  fs.writeFileSync(font, "");
  return { chromium: fake("chromium-bin"), font };
}

function run(env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(BASH, [SCRIPT], { env: { PATH: path.join(dir, "bin"), ...env } as unknown as NodeJS.ProcessEnv, encoding: "utf8", timeout: 20_000 });
  return { ...result, ms: Date.now() - started };
}

describe("scripts/ensure-system-deps.sh", () => {
  it("everything present: exit 0, says nothing", () => {
    const { chromium, font } = present();
    fake("pdftoppm");
    fake("pdftotext");
    const r = run({ ZK_CHROMIUM_PATH: chromium, ZK_DEJAVU_FONT: font, ZK_DEPS_EUID: "1000" });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe("");
  });

  it("missing and not root: exits 1 at once with one line naming the packages, installs nothing", () => {
    const { font } = present();
    const log = path.join(dir, "apt.log");
    fake("apt-get", `echo "$@" >> ${log}`);
    const r = run({ ZK_CHROMIUM_PATH: path.join(dir, "no-chromium"), ZK_DEJAVU_FONT: font, ZK_DEPS_EUID: "1000" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe("ensure-system-deps: missing chromium poppler-utils; install with: sudo apt-get install -y chromium poppler-utils (not root and no passwordless sudo)");
    expect(r.ms).toBeLessThan(5000);
    expect(fs.existsSync(log)).toBe(false);
  });

  it("missing without apt-get: the same one line", () => {
    const { chromium } = present();
    fake("pdftoppm");
    fake("pdftotext");
    const r = run({ ZK_CHROMIUM_PATH: chromium, ZK_DEJAVU_FONT: path.join(dir, "none.ttf"), ZK_DEPS_EUID: "0" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual(["ensure-system-deps: missing fonts-dejavu-core; install with: sudo apt-get install -y fonts-dejavu-core (no apt-get here: install the equivalent packages of your system)"]);
  });

  it("missing and root: installs with apt-get as .ci/run does", () => {
    const { chromium, font } = present();
    const log = path.join(dir, "apt.log");
    fake("apt-get", `echo "$DEBIAN_FRONTEND $@" >> ${log}`);
    const r = run({ ZK_CHROMIUM_PATH: chromium, ZK_DEJAVU_FONT: font, ZK_DEPS_EUID: "0" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Installing: poppler-utils");
    expect(fs.readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "noninteractive update",
      "noninteractive install -y --no-install-recommends chromium fonts-dejavu-core poppler-utils",
    ]);
  });
});
