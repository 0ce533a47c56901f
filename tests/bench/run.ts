// Benchmark dispatcher: `tsx tests/bench/run.ts [name...]` runs the named
// benches, or all of them without a name. Register a bench with one line below.
export {};

const benches: Record<string, () => Promise<void>> = {
  scoring: async () => (await import("./scoring")).run(),
  breakeven: async () => (await import("./breakeven")).run(),
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in benches));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}\n`);
  process.exit(2);
}
for (const name of names.length > 0 ? names : Object.keys(benches)) await benches[name]!();
