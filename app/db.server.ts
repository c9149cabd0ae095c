import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import type { PrismaClient as PostgresPrismaClient } from "../prisma/postgresql/client";
import { markPostgres } from "./database-dialect";
import { databaseUrl, isPostgresUrl } from "./database-url";

export type Database = PrismaClient;

/**
 * Builds the Prisma client for DATABASE_URL, by its scheme: file:… is SQLite (better-sqlite3),
 * postgresql://… is PostgreSQL (node-postgres), each with the client generated from its own copy
 * of the one schema (prisma/postgresql is generated from prisma/schema.prisma). Both clients
 * have the same models and methods, so callers see one type.
 */
export function createDatabase(url: string = databaseUrl()): Database {
  if (isPostgresUrl(url)) {
    const client = new (postgresClient())({ adapter: new PrismaPg({ connectionString: url, max: postgresPoolSize() }) });
    markPostgres(client);
    return client as unknown as Database;
  }
  if (!url.startsWith("file:")) {
    throw new Error(`Unsupported DATABASE_URL "${url}": PromoGuard supports SQLite (file:…) and PostgreSQL (postgresql://…) URLs`);
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

/**
 * The PostgreSQL client (generated into prisma/postgresql/client by `npm run db:postgres`), loaded
 * only when the app runs on PostgreSQL; CommonJS, so required from the project folder rather than
 * bundled.
 */
function postgresClient(): typeof PostgresPrismaClient {
  const require = createRequire(import.meta.url);
  return (require(path.resolve("prisma", "postgresql", "client")) as { PrismaClient: typeof PostgresPrismaClient }).PrismaClient;
}

/** Connections this process opens to PostgreSQL (DATABASE_POOL_SIZE, default 10). */
function postgresPoolSize(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  return Number.isInteger(size) && size > 0 ? size : 10;
}

declare global {
  // Survives Vite's module reloads in development so connections are not leaked.
  var promoguardDatabase: Database | undefined;
}

const prisma: Database = (globalThis.promoguardDatabase ??= createDatabase());

export default prisma;
