// Runs in every test worker before the test file's own imports: each file gets its own fresh
// database and the app is configured with the test app's credentials.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { copyDatabase } from "./postgres";

const postgres = inject("postgres");
if (postgres) {
  // The PostgreSQL project: a copy of the migrated template database on the test server.
  process.env.DATABASE_URL = await copyDatabase(postgres.serverUrl, postgres.template, `${postgres.prefix}${randomUUID().replaceAll("-", "")}`);
} else {
  const templateDatabase = inject("templateDatabase");
  const database = path.join(path.dirname(templateDatabase), `${randomUUID()}.sqlite`);
  copyFileSync(templateDatabase, database);
  process.env.DATABASE_URL = `file:${database}`;
}
process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
delete process.env.SCOPES;
