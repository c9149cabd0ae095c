/** Which database a Prisma client talks to, for the few statements written per database. */
const postgresClients = new WeakSet<object>();

export function markPostgres(client: object) {
  postgresClients.add(client);
}

export function isPostgresDatabase(client: object): boolean {
  return postgresClients.has(client);
}
