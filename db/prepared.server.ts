import type { Db } from "./client.server";

/**
 * Statements prepared once per connection, for the hot paths (a submit surge): building a
 * drizzle query and having SQLite compile it again on every call cost more CPU than running it.
 * Keyed by the better-sqlite3 connection, so every test database gets its own; a statement runs
 * inside whatever transaction is open on that connection.
 */
const byConnection = new WeakMap<object, Map<string, unknown>>();

export function preparedOnce<T>(db: Db, name: string, build: () => T): T {
  const key: object = db.$client ?? db;
  let statements = byConnection.get(key);
  if (!statements) {
    statements = new Map();
    byConnection.set(key, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build();
    statements.set(name, statement);
  }
  return statement;
}
