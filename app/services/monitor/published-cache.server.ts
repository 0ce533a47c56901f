// A kader's published version with its tariff table, parsed once per version. Published
// versions are immutable (migration 0003) and so are the tariff tables they point to (a table is
// never updated, only replaced by a new one), so the parse can be kept for as long as the
// process lives. Only the "which version is current" lookup goes to the database each time, so a
// new publication counts at once. Keyed per database handle too: tests open many databases whose
// version ids coincide.
import type { Db } from "../../../db/client.server";
import type { Kader, Tariff } from "../../../scoring";
import type { KaderRow } from "../kaders/access.server";
import { latestVersion } from "../kaders/store.server";
import { loadPublishedKader, type PublishedKader } from "../tender/provider-result.server";

const MAX_VERSIONS = 200;
const cache = new WeakMap<Db, Map<number, { kader: Kader; tariffs: Tariff[] }>>();

export function publishedKaderCached(db: Db, row: KaderRow): PublishedKader | null {
  const version = latestVersion(db, row.id);
  if (!version) return null;
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(version.id);
  if (hit) return { row, version, kader: hit.kader, tariffs: hit.tariffs };
  const loaded = loadPublishedKader(db, row);
  if (!loaded) return null;
  if (perDb.size >= MAX_VERSIONS) perDb.clear();
  perDb.set(loaded.version.id, { kader: loaded.kader, tariffs: loaded.tariffs });
  return loaded;
}
