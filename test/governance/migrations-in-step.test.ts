// One schema, two migration sets: prisma/migrations (SQLite) and prisma/postgresql/migrations
// (generated from the same prisma/schema.prisma by `npm run db:postgres -- --migration`). Both
// must build the same tables, columns (name, nullability), indexes (name, columns, uniqueness)
// and foreign keys, or the app would behave differently on each. Runs in the postgresql project,
// where both databases exist: this file's PostgreSQL database and the SQLite template.
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";

// PostgreSQL cuts identifiers at 63 characters, and Prisma shortens a longer index name to fit;
// such an index is compared by its table, columns and uniqueness.
const indexName = (name: string) => (name.length >= 63 ? "(a name over 63 characters)" : name);

interface Shape {
  columns: string[];
  indexes: string[];
  foreignKeys: string[];
}

function sqliteShape(file: string): Record<string, Shape> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((table) => {
        const columns = (db.prepare(`SELECT name, "notnull", pk FROM pragma_table_info(?)`).all(table) as { name: string; notnull: number; pk: number }[]).map(
          // SQLite lets an INTEGER PRIMARY KEY be declared without NOT NULL; it is never null.
          (column) => `${column.name} ${column.notnull || column.pk ? "NOT NULL" : "NULL"}`,
        );
        const indexes = (db.prepare(`SELECT name, "unique" FROM pragma_index_list(?) WHERE origin = 'c'`).all(table) as { name: string; unique: number }[]).map(
          (index) =>
            `${indexName(index.name)} ${index.unique ? "UNIQUE " : ""}(${(db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).pluck().all(index.name) as string[]).join(", ")})`,
        );
        const foreignKeys = (
          db.prepare(`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)`).all(table) as {
            table: string;
            from: string;
            to: string;
            on_delete: string;
          }[]
        ).map((key) => `${key.from} → ${key.table}.${key.to} ON DELETE ${key.on_delete}`);
        return [table, { columns: columns.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort() }];
      }),
    );
  } finally {
    db.close();
  }
}

async function postgresShape(url: string): Promise<Record<string, Shape>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
    const columns = await query<{ table: string; name: string; nullable: string }>(
      `SELECT table_name AS "table", column_name AS name, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const indexes = await query<{ table: string; name: string; unique: boolean; columns: string[] }>(
      `SELECT t.relname AS "table", i.relname AS name, x.indisunique AS "unique",
         ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
       FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace s ON s.oid = t.relnamespace
       WHERE s.nspname = 'public' AND NOT x.indisprimary`,
    );
    const foreignKeys = await query<{ table: string; from: string; target: string; to: string; onDelete: string }>(
      `SELECT c.conrelid::regclass::text AS "table", a.attname AS "from", c.confrelid::regclass::text AS target, fa.attname AS "to",
         CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT' WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END AS "onDelete"
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const unquote = (name: string) => name.replace(/^"|"$/g, "");
    const shape: Record<string, Shape> = {};
    const of = (table: string) => (shape[unquote(table)] ??= { columns: [], indexes: [], foreignKeys: [] });
    for (const column of columns)
      if (column.table !== "_prisma_migrations") of(column.table).columns.push(`${column.name} ${column.nullable === "YES" ? "NULL" : "NOT NULL"}`);
    for (const index of indexes) of(index.table).indexes.push(`${indexName(index.name)} ${index.unique ? "UNIQUE " : ""}(${index.columns.join(", ")})`);
    for (const key of foreignKeys) of(key.table).foreignKeys.push(`${key.from} → ${unquote(key.target)}.${key.to} ON DELETE ${key.onDelete}`);
    for (const table of Object.values(shape)) for (const list of Object.values(table)) list.sort();
    return shape;
  } finally {
    await client.end();
  }
}

describe("the SQLite and PostgreSQL migrations", () => {
  it("build the same tables, columns, indexes and foreign keys", async () => {
    const sqlite = sqliteShape(inject("templateDatabase"));
    const postgres = await postgresShape(process.env.DATABASE_URL!);
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
    for (const table of Object.keys(sqlite)) expect({ table, ...postgres[table] }).toEqual({ table, ...sqlite[table] });
  });
});
