/** Which database a Prisma client talks to, for the few statements written per database. */
const postgresClients = new WeakSet<object>();

export function markPostgres(client: object) {
  postgresClients.add(client);
}

export function isPostgresDatabase(client: object): boolean {
  return postgresClients.has(client);
}

/** The 8-byte floating-point type to CAST amounts to: SQLite's REAL, PostgreSQL's DOUBLE PRECISION (its REAL has 4 bytes). */
export function sqlFloat(client: object): "REAL" | "DOUBLE PRECISION" {
  return isPostgresDatabase(client) ? "DOUBLE PRECISION" : "REAL";
}
