/**
 * PostgreSQL runs from the same data model as SQLite: prisma/schema.prisma is the one schema, and
 * this script derives its PostgreSQL twin (prisma/postgresql/schema.prisma, provider swapped, its
 * client generated into prisma/postgresql/client) and, with --migration, regenerates the
 * PostgreSQL migration from it plus the hand-written SQL Prisma's schema cannot express
 * (prisma/postgresql/extra.sql: the audit log's append-only triggers).
 *
 *   npm run db:postgres              the schema twin and its client (run by postinstall)
 *   POSTGRES_URL=postgresql://… npm run db:postgres -- --migration
 *                                    also prisma/postgresql/migrations/…/migration.sql (needs a server)
 *
 * test/governance/migrations-in-step.test.ts checks that both migration sets build the same
 * tables, columns, indexes and foreign keys.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const directory = path.join(root, "prisma", "postgresql");
const schemaPath = path.join(directory, "schema.prisma");
export const POSTGRES_MIGRATION = path.join(directory, "migrations", "20261122000000_init", "migration.sql");

function postgresSchema(sqlite: string): string {
  const swapped = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/(generator client \{[^}]*?)\n\}/, '$1\n  output     = "./client"\n}');
  if (!swapped.includes('"postgresql"') || !swapped.includes('output     = "./client"')) {
    throw new Error("prisma/schema.prisma no longer has the datasource/generator blocks this script rewrites");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts — edit that file, then run\n// \`npm run db:postgres -- --migration\`.\n${swapped}`;
}

const prisma = (...args: string[]) =>
  execFileSync("npx", ["prisma", ...args], {
    cwd: root,
    // The config picks the PostgreSQL schema and migrations for a postgresql:// URL. Generating a
    // client contacts no server; the JavaScript schema engine diffs through a connection to one
    // (POSTGRES_URL, the server the tests use; nothing is written there).
    env: { ...process.env, DATABASE_URL: process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });

mkdirSync(directory, { recursive: true });
writeFileSync(schemaPath, postgresSchema(readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8")));
prisma("generate", "--schema", schemaPath);
shareRuntime(path.join(directory, "client"));

/**
 * A client generated outside node_modules gets its own copy of Prisma's runtime; pointed at
 * @prisma/client's (the same version), both clients share one Prisma.sql, Decimal and error
 * classes, so SQL fragments built with `Prisma.sql` work on either.
 */
function shareRuntime(client: string) {
  for (const file of readdirSync(client)) {
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    const text = readFileSync(path.join(client, file), "utf8");
    writeFileSync(path.join(client, file), text.replace(/(["'])\.\/runtime\//g, "$1@prisma/client/runtime/"));
  }
}

if (process.argv.includes("--migration")) {
  const generated = prisma("migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaPath, "--script");
  const extra = readFileSync(path.join(directory, "extra.sql"), "utf8");
  mkdirSync(path.dirname(POSTGRES_MIGRATION), { recursive: true });
  writeFileSync(POSTGRES_MIGRATION, `${generated.trimEnd()}\n\n${extra}`);
  writeFileSync(path.join(directory, "migrations", "migration_lock.toml"), 'provider = "postgresql"\n');
  console.log(`Wrote ${path.relative(root, POSTGRES_MIGRATION)}`);
}
