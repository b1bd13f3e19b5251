import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../schemas/origin-schema.ts";

export type OriginDb = PostgresJsDatabase<typeof schema>;

export interface OriginConnection {
  db: OriginDb;
  sql: postgres.Sql;
}

/**
 * Opens the Postgres origin through Hyperdrive. Workers may not share sockets between
 * requests, so each request (or queue batch) opens its own; Hyperdrive pools the real ones.
 * It is not ended explicitly: workerd closes a request's sockets when the request finishes,
 * while `sql.end()` makes postgres.js's socket shim throw "This socket has been closed" from
 * its read loop as an unhandled rejection.
 */
export function openOrigin(hyperdrive: Pick<Hyperdrive, "connectionString">): OriginConnection {
  const sql = postgres(hyperdrive.connectionString, {
    max: 5,
    // Hyperdrive has the types cached; skipping the lookup saves a round trip per connection.
    fetch_types: false,
    connect_timeout: 5,
    onnotice: () => {},
  });
  return { db: drizzle(sql, { schema }), sql };
}
