/**
 * `npm run audit:verify [-- --head FILE] [-- --export-head FILE]`
 * Verifies the audit chain of DATABASE_URL (default data/zorginkoop.db). Exit 0 when intact;
 * otherwise exit 1 naming the first event that does not match. `--head` checks that the chain
 * still extends a head exported earlier (which catches a recomputed tail); `--export-head`
 * writes the current head for that purpose.
 */
import fs from "node:fs";
import { databasePathFromEnv, openDatabase } from "./client.server";
import { verifyAuditChain } from "./audit.server";

function main(argv: string[]): number {
  let headFile: string | undefined;
  let exportFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--head") headFile = argv[++i];
    else if (arg === "--export-head") exportFile = argv[++i];
    else {
      process.stderr.write(`unknown argument: ${arg}\nusage: audit-verify [--head FILE] [--export-head FILE]\n`);
      return 2;
    }
  }
  const file = databasePathFromEnv();
  if (file !== ":memory:" && !fs.existsSync(file)) {
    process.stderr.write(`database not found: ${file}\n`);
    return 2;
  }
  const db = openDatabase(file);
  try {
    const expectedHead = headFile ? (JSON.parse(fs.readFileSync(headFile, "utf8")) as { seq: number; hash: string }) : undefined;
    const verdict = verifyAuditChain(db, { expectedHead });
    if (!verdict.ok) {
      process.stderr.write(`audit chain BROKEN at event ${verdict.firstBadSeq}: ${verdict.reason}\n`);
      return 1;
    }
    process.stdout.write(`audit chain intact: ${verdict.events} events, head ${verdict.headHash}\n`);
    if (exportFile) {
      fs.writeFileSync(exportFile, `${JSON.stringify({ seq: verdict.events, hash: verdict.headHash, exportedAt: new Date().toISOString() })}\n`);
    }
    return 0;
  } finally {
    db.$client.close();
  }
}

process.exitCode = main(process.argv.slice(2));
