import { randomUUID } from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL server the tests use: POSTGRES_URL (a database on it the tests may connect to,
 * e.g. postgresql://postgres@127.0.0.1:5432/postgres). Each run migrates one template database;
 * each test file gets its own copy (CREATE DATABASE … TEMPLATE), as SQLite test files get a copy
 * of the template file.
 */
export function postgresServerUrl(): string | undefined {
  return process.env.POSTGRES_URL || undefined;
}

/** The URL of `database` on the same server as `serverUrl`. */
export function databaseOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database copied from `template`; returns its URL. */
export async function copyDatabase(serverUrl: string, template: string, name = `promoguard_test_${randomUUID().replaceAll("-", "")}`): Promise<string> {
  // CREATE DATABASE … TEMPLATE needs the template to have no other session at that moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      return databaseOn(serverUrl, name);
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

export async function dropDatabases(serverUrl: string, prefix: string) {
  await onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
