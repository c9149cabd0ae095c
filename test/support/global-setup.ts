import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Migrates one template database per test run (its own folder, so concurrent runs never share
 * one); each test file then starts from a copy of it.
 */
export default function migrateTemplateDatabase(project: TestProject) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "promoguard-tests-"));
  const templateDatabase = path.join(directory, "template.sqlite");
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${templateDatabase}` },
    stdio: "pipe",
  });
  project.provide("templateDatabase", templateDatabase);
  return () => rmSync(directory, { recursive: true, force: true });
}
