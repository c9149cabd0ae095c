import path from "node:path";

/** The default embedded database: a SQLite file inside the project's prisma folder. */
export const DEFAULT_DATABASE_URL = `file:${path.resolve("prisma", "dev.sqlite")}`;

/** DATABASE_URL when set, else the default; sets the variable so Prisma's schema sees it too. */
export function databaseUrl(): string {
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
  return process.env.DATABASE_URL;
}

/** postgresql://… or postgres://… (a server); anything else must be a SQLite file: URL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
