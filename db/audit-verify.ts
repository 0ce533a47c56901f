/**
 * `npm run audit:verify [-- --head FILE] [-- --export-head FILE]`
 * Verifies the audit chain of DATABASE_URL (default data/zorginkoop.db) and every published kader
 * version against its content hash and its publish event. Exit 0 when intact; otherwise exit 1
 * naming what does not match. The chain must extend an exported head (which catches a recomputed
 * tail): `--head FILE`, or by default the latest export in AUDIT_HEAD_DIR (see
 * db/audit-head.server.ts). `--export-head` writes the current head for that purpose.
 */
import fs from "node:fs";
import { databasePathFromEnv, openDatabase } from "./client.server";
import { verifyAuditChain } from "./audit.server";
import { auditHeadDir, latestHeadExport, readHeadFile, type ExportedHead } from "./audit-head.server";
import { verifyPublishedVersions } from "./publications-verify";

function main(argv: string[]): number {
  let headFile: string | undefined;
  let exportFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--head" && argv[i + 1]) headFile = argv[++i];
    else if (arg === "--export-head" && argv[i + 1]) exportFile = argv[++i];
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
  let expectedHead: ExportedHead | undefined;
  if (headFile) {
    expectedHead = readHeadFile(headFile);
    process.stdout.write(`using the head given: ${headFile} (event ${expectedHead.seq})\n`);
  } else {
    const dir = auditHeadDir(file);
    const { latest, unreadable } = latestHeadExport(dir);
    for (const bad of unreadable) process.stderr.write(`warning: not an exported head, skipped: ${bad}\n`);
    if (latest) {
      expectedHead = latest;
      process.stdout.write(`using the latest exported head: ${latest.file} (event ${latest.seq}, ${latest.at})\n`);
    } else {
      process.stdout.write(`no exported head in ${dir}: a recomputed chain cannot be detected\n`);
    }
  }
  const db = openDatabase(file);
  try {
    const verdict = verifyAuditChain(db, { expectedHead });
    const publications = verifyPublishedVersions(db);
    let failed = false;
    if (!verdict.ok) {
      process.stderr.write(`audit chain BROKEN at event ${verdict.firstBadSeq}: ${verdict.reason}\n`);
      failed = true;
    }
    for (const problem of publications.problems) process.stderr.write(`published version BROKEN: ${problem}\n`);
    if (!publications.ok) failed = true;
    if (failed || !verdict.ok) return 1;
    process.stdout.write(`audit chain intact: ${verdict.events} events, head ${verdict.headHash}\n`);
    process.stdout.write(`published versions intact: ${publications.versions}\n`);
    if (exportFile) {
      fs.writeFileSync(exportFile, `${JSON.stringify({ seq: verdict.events, hash: verdict.headHash, exportedAt: new Date().toISOString() })}\n`);
    }
    return 0;
  } finally {
    db.$client.close();
  }
}

process.exitCode = main(process.argv.slice(2));
