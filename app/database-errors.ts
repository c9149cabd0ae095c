import { Prisma } from "@prisma/client";

/**
 * Whether a write failed on a unique constraint (another write took the same key first): through
 * Prisma (P2002), or through the pools' own SQLite connection (better-sqlite3's error codes).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
