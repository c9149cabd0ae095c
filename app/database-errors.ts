/**
 * Whether a write failed on a unique constraint (another write took the same key first): through
 * Prisma (P2002; by its code, not its class: the SQLite and PostgreSQL clients each have their own
 * error class), or through the pools' own connection (better-sqlite3's codes, PostgreSQL's 23505).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && error.name === "PrismaClientKnownRequestError") return code === "P2002";
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
