// A kader's published version with its tariff table, read and parsed once per version. Published
// versions are immutable (migration 0003) and so are the tariff tables they point to (a table is
// never updated, only replaced by a new one), so the parse can be kept for as long as the
// process lives. Only "which version is current" goes to the database on each request, as one
// narrow query (the version row's JSON content is what made the monitor slow), so a new
// publication counts at once. Keyed per database handle too: tests open many databases whose
// version ids coincide.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaderVersions } from "../../../db/schema";
import type { KaderRow } from "../kaders/access.server";
import { loadPublishedKader, type PublishedKader } from "../tender/provider-result.server";

const MAX_VERSIONS = 200;
const cache = new WeakMap<Db, Map<number, Omit<PublishedKader, "row">>>();

export function publishedKaderCached(db: Db, row: KaderRow): PublishedKader | null {
  const latest = db.select({ id: kaderVersions.id }).from(kaderVersions).where(eq(kaderVersions.kaderId, row.id)).orderBy(desc(kaderVersions.number)).limit(1).get();
  if (!latest) return null;
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(latest.id);
  if (hit) return { row, ...hit };
  const loaded = loadPublishedKader(db, row);
  if (!loaded) return null;
  if (perDb.size >= MAX_VERSIONS) perDb.clear();
  const { row: _row, ...rest } = loaded;
  perDb.set(loaded.version.id, rest);
  return loaded;
}
