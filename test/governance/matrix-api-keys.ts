// The permission matrix's Settings → API keys actions (Owner only).
import prisma from "~/db.server";
import { createApiKey } from "~/domain/api-keys/keys.server";
import * as apiKeysPage from "~/routes/app.settings_.api-keys";
import { TEST_SHOP, testStaff } from "../support/shopify-app";
import { routeCases, unique, type Handler, type MatrixCase } from "./matrix-support";

const apiKeyCase = routeCases("app.settings_.api-keys.tsx", apiKeysPage.action as Handler, () => "/app/settings/api-keys");

export const API_KEY_CASES: MatrixCase[] = [
  apiKeyCase("create", "create an API key", "apiKeys.manage", "apikey.create", async () => ({
    params: {},
    form: { name: unique("Email tool"), scopes: "assign" },
  })),
  apiKeyCase("revoke", "revoke an API key", "apiKeys.manage", "apikey.revoke", async () => {
    const { key } = await createApiKey(prisma, TEST_SHOP, { name: unique("Old tool"), scopes: ["read"] }, await testStaff("owner"));
    return { params: {}, form: { keyId: String(key.id) } };
  }),
];
