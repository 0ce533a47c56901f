import { afterEach, vi } from "vitest";

// A console.error during a test means something went wrong that the assertions missed.
const errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  if (errors.length > 0) {
    const first = errors.splice(0).map((a) => a.map(String).join(" "));
    throw new Error(`console.error was called during the test:\n${first.join("\n")}`);
  }
  vi.restoreAllMocks();
});
