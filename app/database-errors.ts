import { Prisma } from "@prisma/client";

/** Whether a Prisma write failed on a unique constraint (another write took the same key first). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
