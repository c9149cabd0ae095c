import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { databaseOn, dropDatabases, onServer, postgresServerUrl } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    /** Set in the PostgreSQL project: the server and the migrated template database on it. */
    postgres: { serverUrl: string; template: string; prefix: string } | null;
  }
}

const migrate = (url: string) => execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });

/**
 * Migrates one template database per test run (its own folder, so concurrent runs never share
 * one); each test file then starts from a copy of it. The "postgresql" project migrates a
 * template database on POSTGRES_URL's server instead.
 */
export default async function migrateTemplateDatabase(project: TestProject) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "promoguard-tests-"));
  const templateDatabase = path.join(directory, "template.sqlite");
  project.provide("templateDatabase", templateDatabase);
  // The postgresql project too: test/governance/migrations-in-step.test.ts compares both.
  migrate(`file:${templateDatabase}`);

  if (project.name !== "postgresql") {
    project.provide("postgres", null);
    return () => rmSync(directory, { recursive: true, force: true });
  }

  const serverUrl = postgresServerUrl();
  if (!serverUrl) {
    throw new Error(
      "The postgresql test project needs POSTGRES_URL (a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:5432/postgres); .ci/run starts one",
    );
  }
  const prefix = `promoguard_${randomUUID().slice(0, 8)}_`;
  const template = `${prefix}template`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${template}"`));
  migrate(databaseOn(serverUrl, template));
  project.provide("postgres", { serverUrl, template, prefix });
  return async () => {
    rmSync(directory, { recursive: true, force: true });
    await dropDatabases(serverUrl, prefix);
  };
}
