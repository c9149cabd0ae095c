import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { TEMPLATE_DATABASE } from "./paths";

/** Migrates one template database per run; each test file then starts from a copy of it. */
export default function migrateTemplateDatabase() {
  mkdirSync(new URL(".", `file://${TEMPLATE_DATABASE}`).pathname, { recursive: true });
  rmSync(TEMPLATE_DATABASE, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DATABASE}` },
    stdio: "pipe",
  });
}
