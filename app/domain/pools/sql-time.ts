/**
 * Instants as Prisma's SQLite adapter stores DateTime columns ("2026-11-22T10:00:00.000+00:00"):
 * rows written here read back through Prisma, and one fixed-width UTC format keeps text
 * comparison in SQL (`"expiresAt" > :now`) the same as time order.
 */
export function toSqlTime(instant: Date): string {
  return instant.toISOString().replace("Z", "+00:00");
}

export function fromSqlTime(value: string): Date;
export function fromSqlTime(value: string | null): Date | null;
export function fromSqlTime(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** Instants before and after every instant the app stores (keyset pagination's open ends). */
export const EARLIEST_SQL_TIME = "0001-01-01T00:00:00.000+00:00";
export const LATEST_SQL_TIME = "9999-12-31T23:59:59.999+00:00";

/** Above every row id: ids are 32-bit integers on PostgreSQL (Prisma's Int). */
export const LARGEST_ID = 2_147_483_647;
