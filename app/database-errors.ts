/**
 * Whether a Prisma write failed on a unique constraint (another write took the same key first).
 * By its code, not its class: the SQLite and PostgreSQL clients each have their own error class.
 */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && error.name === "PrismaClientKnownRequestError" && (error as { code?: unknown }).code === "P2002";
}
