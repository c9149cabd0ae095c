import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./database-url";

export type Database = PrismaClient;

/**
 * Builds the Prisma client for DATABASE_URL. Only SQLite ships today; a PostgreSQL adapter
 * slots in here (chosen by the URL's scheme) without touching any caller.
 */
export function createDatabase(url: string = databaseUrl()): Database {
  if (!url.startsWith("file:")) {
    throw new Error(`Unsupported DATABASE_URL "${url}": PromoGuard supports SQLite (file:…) URLs`);
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

declare global {
  // Survives Vite's module reloads in development so connections are not leaked.
  var promoguardDatabase: Database | undefined;
}

const prisma: Database = (globalThis.promoguardDatabase ??= createDatabase());

export default prisma;
