import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";
import type { Db } from "./client.server";

export type PublicationsVerdict = { ok: boolean; versions: number; problems: string[] };

type VersionRow = {
  slug: string;
  number: number;
  content: string;
  contentHash: string;
  tariffTableId: number;
  opensAt: number;
  closesAt: number;
  questionsUntil: number;
};

/** The same definition as the publication's `contentHash`: SHA-256 of the canonical JSON. */
function hashOfStoredContent(content: string): string | null {
  try {
    return createHash("sha256").update(canonicalJson(JSON.parse(content))).digest("hex");
  } catch {
    return null;
  }
}

/**
 * Every published kader version against its own content hash and against the audit event that
 * published it (`kader.publish` / `kader.amend` naming that version). The chain proves the events
 * were not changed; this proves the published rows still say what the events recorded, so a
 * version edited behind the triggers' back (or inserted without publication) is reported.
 */
export function verifyPublishedVersions(db: Db): PublicationsVerdict {
  const problems: string[] = [];
  const versions = db.$client
    .prepare(
      `SELECT k.slug, v.number, v.content, v.content_hash AS contentHash, v.tariff_table_id AS tariffTableId,
              v.opens_at AS opensAt, v.closes_at AS closesAt, v.questions_until AS questionsUntil
       FROM kader_versions v JOIN kaders k ON k.id = v.kader_id ORDER BY k.slug, v.number`,
    )
    .all() as VersionRow[];
  const events = db.$client.prepare(
    `SELECT seq, payload FROM audit_events
     WHERE action IN ('kader.publish', 'kader.amend') AND entity_type = 'kader' AND entity_id = ?
       AND json_valid(payload) AND json_extract(payload, '$.version') = ?
     ORDER BY seq`,
  );
  for (const v of versions) {
    const name = `kader ${v.slug} version ${v.number}`;
    const recomputed = hashOfStoredContent(v.content);
    if (recomputed !== v.contentHash) problems.push(`${name}: stored content does not match its content hash`);
    const found = events.all(v.slug, v.number) as { seq: number; payload: string }[];
    if (found.length !== 1) {
      problems.push(`${name}: ${found.length === 0 ? "no publish event" : `${found.length} publish events`} in the audit trail`);
      continue;
    }
    const event = found[0]!;
    const p = JSON.parse(event.payload) as Record<string, unknown>;
    const expected: [string, unknown, unknown][] = [
      ["content hash", p.contentHash, v.contentHash],
      ["tariff table", p.tariffTableId, v.tariffTableId],
      ["opening time", p.opensAt, new Date(v.opensAt).toISOString()],
      ["closing time", p.closesAt, new Date(v.closesAt).toISOString()],
      ["question deadline", p.questionsUntil, new Date(v.questionsUntil).toISOString()],
    ];
    for (const [field, recorded, stored] of expected) {
      if (recorded !== stored) problems.push(`${name}: ${field} differs from its publish event ${event.seq}`);
    }
  }
  return { ok: problems.length === 0, versions: versions.length, problems };
}
