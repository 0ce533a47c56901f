// A 50 MB inputs file through the command line (`scoring/cli.ts`), as a user would run it:
// computed or refused, how long it takes and the process's peak memory against the file's size.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TARGET_BYTES = 50 * 1024 * 1024;

export type FileRun = { bytes: number; seconds: number; peakMemoryMB: number; exitCode: number | null; firstProblem: string };

/** Writes an inputs file of realistic providers (AGB-like ids, facts, assessments, volumes) of about 50 MB. */
function writeInputs(file: string): number {
  const tariffs = Array.from({ length: 40 }, (_, i) => ({ code: `${i + 1}VV`, sector: "VV", max: "200.00", components: { NHC: "20.00", NIC: "3.00" } }));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const provider = JSON.stringify({
      id: String(10_000_000 + i),
      name: `Zorgaanbieder ${i}`,
      previousYearPercent: 95 + (i % 5),
      facts: { planIngediend: i % 3 !== 0 },
      volumes: Object.fromEntries(tariffs.map((t, j) => [t.code, (i * 7 + j) % 4000])),
    });
    parts.push(provider);
    size += provider.length + 1;
  }
  writeFileSync(file, `{"format":"zorginkoop.inputs/v1","kader":"demo-vv-2026","tariffs":${JSON.stringify(tariffs)},"providers":[${parts.join(",")}]}`);
  return statSync(file).size;
}

export async function runFile50MB(): Promise<FileRun> {
  const dir = mkdtempSync(join(tmpdir(), "zorginkoop-bench-file-"));
  try {
    const inputs = join(dir, "inputs-50mb.json");
    const bytes = writeInputs(inputs);
    const rssFile = join(dir, "max-rss");
    const started = performance.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--import", resolve(ROOT, "tests/bench/max-rss.ts"), "scoring/cli.ts", resolve(ROOT, "../shared/examples/demo-kader.yaml"), inputs],
        { cwd: ROOT, env: { ...process.env, MAX_RSS_FILE: rssFile }, stdio: ["ignore", "ignore", "pipe"] },
      );
      let err = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
      child.on("close", (exitCode) => done({ code: exitCode, stderr: err }));
    });
    const seconds = Math.round(performance.now() - started) / 1000;
    const peakMemoryMB = Math.round(Number(readFileSync(rssFile, "utf8")) / 1024);
    return { bytes, seconds, peakMemoryMB, exitCode: code, firstProblem: stderr.split("\n")[0] ?? "" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
