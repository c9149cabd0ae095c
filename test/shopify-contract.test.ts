import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { parse, validate, type GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../dev/emulator/schema";
import { ADMIN_API_VERSION, APP_SCOPES } from "~/shopify/config";
import { CODES_PER_LOOKUP, codeOwnersQuery } from "~/shopify/existing-codes.server";

const schema = loadAdminSchema();

/** Every `#graphql` document in the app, with the file it lives in. */
function appGraphqlDocuments() {
  return readdirSync("app", { recursive: true, encoding: "utf8" })
    .map((file) => path.join("app", file))
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith(path.join("app", "types")))
    .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/`#graphql([^`]*)`/g)].map((match) => ({ file, source: match[1] })));
}

const validationErrors = (source: string): readonly GraphQLError[] => validate(schema, parse(source));

describe("Admin API contract (2026-10)", () => {
  const documents = appGraphqlDocuments();

  it("finds the app's GraphQL documents", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((document) => [`${document.file}: ${document.source.trim().split("\n")[0]}`, document]))(
    "%s is valid against the pinned Admin schema",
    (_name, document) => {
      expect(validationErrors(document.source).map((error) => error.message)).toEqual([]);
    },
  );

  it("accepts the code lookup query that is built per batch size", () => {
    for (const count of [1, CODES_PER_LOOKUP]) expect(validationErrors(codeOwnersQuery(count)).map((error) => error.message)).toEqual([]);
  });

  it("rejects a misspelt field, so a typo in a document fails this suite", () => {
    const messages = validationErrors("query { shop { nmae } }").map((error) => error.message);
    expect(messages).toEqual([expect.stringContaining('Cannot query field "nmae" on type "Shop"')]);
  });
});

describe("shopify.app.toml", () => {
  const config = parseToml(readFileSync("shopify.app.toml", "utf8")) as {
    access_scopes: { scopes: string };
    webhooks: { api_version: string; subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[] };
  };

  it("declares exactly the scopes the app asks for", () => {
    expect(config.access_scopes.scopes.split(",").sort()).toEqual([...APP_SCOPES].sort());
  });

  it("pins webhooks to the app's API version", () => {
    expect(config.webhooks.api_version).toBe(ADMIN_API_VERSION);
  });

  it("subscribes to the topics PromoGuard relies on", () => {
    const topics = config.webhooks.subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);
    expect(topics).toEqual(
      expect.arrayContaining(["app/uninstalled", "app/scopes_update", "orders/create", "customers/data_request", "customers/redact", "shop/redact"]),
    );
  });

  it.each(config.webhooks.subscriptions.map((s) => [s.uri]))("points %s at a route that exists", (uri) => {
    const routeFile = path.join("app", "routes", `${uri.slice(1).replaceAll("/", ".")}.tsx`);
    expect(existsSync(routeFile), routeFile).toBe(true);
  });
});
