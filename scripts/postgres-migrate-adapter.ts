import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/**
 * The PostgreSQL adapter for Prisma's JavaScript schema engine (migrate deploy, migrate diff).
 * @prisma/adapter-pg 6.19 refuses columns of PostgreSQL's `name` type, which the engine's own
 * catalogue queries return, so every migrate command failed ("Column type 'name' could not be
 * deserialized", prisma/prisma#27403). Those columns are text; this client reports them as text.
 * The app's queries never return `name` columns and use the adapter as it is (app/db.server.ts).
 */
const AS_TEXT = new Map([
  [18, 25], // "char"
  [19, 25], // name
  [1002, 1009], // "char"[]
  [1003, 1009], // name[]
]);

function reportAsText(result: pg.QueryResult | undefined) {
  for (const field of result?.fields ?? []) field.dataTypeID = AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  return result;
}

type Callback = (error: Error | null, result?: pg.QueryResult) => void;

class CatalogueClient extends pg.Client {
  // pg's query has many overloads; this one forwards every form and adjusts the result.
  query(...args: unknown[]): never {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as Callback;
      args[last] = (error: Error | null, result?: pg.QueryResult) => callback(error, reportAsText(result));
    }
    const outcome = (super.query as (...forwarded: unknown[]) => unknown)(...args);
    return (outcome instanceof Promise ? outcome.then(reportAsText) : outcome) as never;
  }
}

export function migrateAdapter(connectionString: string) {
  return new PrismaPg(new pg.Pool({ connectionString, Client: CatalogueClient }));
}
