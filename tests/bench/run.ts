// Benchmark dispatcher: `tsx tests/bench/run.ts [name...]` runs the named
// benches, or all but the crash rounds without a name. Register a bench with one line below.
export {};

const benches: Record<string, () => Promise<void>> = {
  scoring: async () => (await import("./scoring")).run(),
  breakeven: async () => (await import("./breakeven")).run(),
  submissions: async () => (await import("./submissions")).run(),
  monitor: async () => (await import("./monitor")).run(),
  "submissions-crash": async () => (await import("./submissions-crash")).run(),
  letters: async () => (await import("./letters")).run(),
  run: async () => (await import("./scoring-run")).run(),
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in benches));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}\n`);
  process.exit(2);
}
// Without a name: every bench but the crash rounds, which take ten minutes at full size.
const byDefault = Object.keys(benches).filter((n) => n !== "submissions-crash");
for (const name of names.length > 0 ? names : byDefault) await benches[name]!();
