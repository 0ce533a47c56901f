/**
 * A movable clock for an e2e test server, loaded with `--import` before the server's own code
 * (tests/e2e/test-server.ts, `testClock: true`); production code has no such hook. It replaces
 * the global `Date` with one whose "now" (`new Date()`, `Date.now()`) is the real time plus an
 * offset in milliseconds, read from the file named by ZK_TEST_CLOCK_FILE at start and on every
 * SIGUSR2; after reading it writes the offset to the file plus CLOCK_ACK_SUFFIX, so the test
 * knows the server has it. Dates with explicit arguments are untouched.
 *
 * Worker threads keep the real clock: the letter workers render stored content with stored dates.
 */
import fs from "node:fs";

export const CLOCK_ACK_SUFFIX = ".ack";

function readOffset(file: string): number {
  try {
    const value = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}

function installTestClock(file: string): void {
  const RealDate = Date;
  let offset = readOffset(file);
  process.on("SIGUSR2", () => {
    offset = readOffset(file);
    fs.writeFileSync(file + CLOCK_ACK_SUFFIX, String(offset));
  });
  class MovedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
    // Dates made before the swap, or by Node itself (file times), still count as dates.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = MovedDate as DateConstructor;
}

const clockFile = process.env.ZK_TEST_CLOCK_FILE;
if (clockFile) installTestClock(clockFile);
