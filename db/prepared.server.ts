import type { Db } from "./client.server";

/**
 * Statements prepared once per connection, for the hot paths (a submit surge): building a
 * drizzle query and having SQLite compile it again on every call cost more CPU than running it.
 * Keyed by the connection's drizzle session, which a database and its transactions share, so
 * every test database gets its own and a statement runs inside whatever transaction is open.
 */
const bySession = new WeakMap<object, Map<string, unknown>>();

export function preparedOnce<D extends Pick<Db, "select">, T>(db: D, name: string, build: (db: D) => T): T {
  // `session` is drizzle's (internal) per-connection object; without it, the database object itself.
  const key: object = (db as unknown as { session?: object }).session ?? db;
  let statements = bySession.get(key);
  if (!statements) {
    statements = new Map();
    bySession.set(key, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}
