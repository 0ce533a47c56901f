// The monitor's current computation, kept while the database is unchanged. A provider looking
// at its monitor (and every what-if on it, which compares with the current figures) would
// otherwise rebuild the same engine inputs from the same rows on each request. The cache key
// holds a cheap fingerprint of the whole database: SQLite's `data_version` (which changes when
// another connection commits) and this connection's `total_changes()` (every row this process
// inserted, updated or deleted). Any write anywhere therefore invalidates every entry, so a
// cached figure is never staler than the database; only reads are saved. The access decision
// (`withSubmissions`) is part of the key and is always made per request by the caller.
import type { Db } from "../../../db/client.server";
import type { ProviderComputation, PublishedKader } from "../tender/provider-result.server";
import { currentProviderComputation } from "../tender/run-computation.server";

type Statements = { dataVersion: { pluck: () => { get: () => unknown } }; totalChanges: { pluck: () => { get: () => unknown } } };
type Entry = { state: string; computation: ProviderComputation | null };

const MAX_ENTRIES = 1_000;
const perDb = new WeakMap<Db, { statements: { dataVersion: () => unknown; totalChanges: () => unknown }; entries: Map<string, Entry> }>();

function stateOf(db: Db) {
  let state = perDb.get(db);
  if (!state) {
    const client = db.$client as unknown as { prepare: (sql: string) => Statements["dataVersion"] };
    const dataVersion = client.prepare("PRAGMA data_version").pluck();
    const totalChanges = client.prepare("SELECT total_changes()").pluck();
    state = { statements: { dataVersion: () => dataVersion.get(), totalChanges: () => totalChanges.get() }, entries: new Map() };
    perDb.set(db, state);
  }
  return state;
}

/** The provider's current computation (currentProviderComputation), answered from memory while the database is unchanged. */
export function currentComputation(db: Db, published: PublishedKader, providerId: number, withSubmissions: boolean): ProviderComputation | null {
  const state = stateOf(db);
  const fingerprint = `${String(state.statements.dataVersion())}/${String(state.statements.totalChanges())}`;
  const key = `${published.version.id}/${providerId}/${withSubmissions ? 1 : 0}`;
  const hit = state.entries.get(key);
  if (hit && hit.state === fingerprint) return hit.computation;
  const computation = currentProviderComputation(db, published, providerId, withSubmissions);
  if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
  state.entries.set(key, { state: fingerprint, computation });
  return computation;
}
