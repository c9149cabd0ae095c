// The OpenAPI document at /api/v1/openapi.json: valid OpenAPI 3.1 (checked by a maintained
// validator), and true: every documented operation is called with input built from the
// document's own examples, and each answer's status and body are the ones it documents. The
// store's Admin API is the emulator's, holding the product and the code the cart example names.
import { dereference, validate, compileErrors } from "@readme/openapi-parser";
import { Ajv2020 } from "ajv/dist/2020";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { API_SCOPES } from "~/domain/api-keys/scopes";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import { adminFor, campaignInput, startShopify } from "../campaigns/support";
import { codeList, givenPool, importInto } from "../pools/support";
import { startRemixApp } from "../support/remix-server";
import { TEST_SHOP } from "../support/shopify-app";
import { apiKey, callApi, type App } from "./support";

let app: App;
let document: OpenAPIV3_1.Document;
let resolved: OpenAPIV3_1.Document;
let poolId: number;
let stopShopify: () => void;

beforeAll(async () => {
  const { emulator, stop } = await startShopify();
  stopShopify = stop;
  app = await startRemixApp();
  const answer = await callApi(app, "/api/v1/openapi.json");
  expect(answer.status).toBe(200);
  document = answer.body as unknown as OpenAPIV3_1.Document;
  resolved = (await dereference(structuredClone(document))) as OpenAPIV3_1.Document;
  const pool = await givenPool(TEST_SHOP, "Documented pool");
  await importInto(pool, codeList("DOC", 10));
  poolId = pool.id;
  // The cart of the document's example: its product is the store's first, its code a campaign's.
  const cartExample = (resolved.components!.schemas!.CartValidationRequest as Schema).properties!;
  const shirt = emulator.seedFor(TEST_SHOP).product({ title: "Linen shirt", variants: [{ title: "M", price: "40.00" }] });
  expect(shirt.variantIds, "the example's variantId must be the emulated store's first product").toEqual([
    (cartExample.lines as { example: { variantId: string }[] }).example[0].variantId,
  ]);
  const [code] = (cartExample.codes as { example: string[] }).example;
  const campaign = await createCampaign(
    prisma,
    TEST_SHOP,
    campaignInput({ name: "Documented", sharedCode: code, config: { version: 1, effects: [{ type: "percentage", percentage: 15, appliesTo: "order" }] } }),
  );
  expect((await publishCampaign(prisma, await adminFor(TEST_SHOP), campaign)).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await app?.close();
  stopShopify?.();
});

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

type Operation = OpenAPIV3_1.OperationObject;
type Parameter = OpenAPIV3_1.ParameterObject;
type Schema = OpenAPIV3_1.SchemaObject;

function operations(doc: OpenAPIV3_1.Document): { path: string; method: string; operation: Operation }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => (item?.[method] ? [{ path, method, operation: item[method] as Operation }] : [])),
  );
}

/** A request body built from the examples of the schema's properties. */
function bodyFromExamples(schema: Schema): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema.properties ?? {}).flatMap(([name, property]) => ("example" in property ? [[name, property.example]] : [])));
}

/** The call the document describes: path parameters filled in, query, headers and body from its examples. */
function requestFor(path: string, operation: Operation) {
  const parameters = (operation.parameters ?? []) as Parameter[];
  let url = `/api/v1${path}`;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of parameters) {
    const example = (parameter.schema as Schema | undefined)?.example ?? parameter.example;
    if (parameter.in === "path") url = url.replace(`{${parameter.name}}`, parameter.name === "id" ? String(poolId) : String(example));
    if (parameter.in === "query" && example !== undefined) query.set(parameter.name, String(example));
    if (parameter.in === "header" && example !== undefined) headers[parameter.name] = `${String(example)}-${Math.random()}`;
  }
  const bodySchema = (operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content["application/json"]?.schema as Schema | undefined;
  return { url: query.size ? `${url}?${query}` : url, headers, json: bodySchema ? bodyFromExamples(bodySchema) : undefined };
}

function expectDocumented(operation: Operation, status: number, contentType: string | null, body: unknown, label: string) {
  const response = operation.responses?.[String(status)] as OpenAPIV3_1.ResponseObject | undefined;
  expect(response, `${label}: ${status} is not documented`).toBeDefined();
  const media = contentType?.split(";")[0] ?? "";
  const schema = response!.content?.[media]?.schema;
  expect(schema, `${label}: ${status} ${media} has no documented schema`).toBeDefined();
  const check = ajv.compile(schema as object);
  expect(check(body) ? [] : check.errors, `${label}: the ${status} body does not match its schema`).toEqual([]);
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document));
    expect(result.valid ? "" : compileErrors(result)).toBe("");
    // The validator does judge: the same document with an operation's answer typed wrongly fails.
    const broken = structuredClone(document) as unknown as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
    broken.paths["/pools"].get.responses["200"] = { content: "not a content map" };
    expect((await validate(broken as unknown as OpenAPIV3_1.Document)).valid).toBe(false);
  });

  it("documents the endpoints of the issue, each with the scope it needs", () => {
    const listed = operations(document).map(({ path, method, operation }) => `${method.toUpperCase()} ${path} ${JSON.stringify(operation.security)}`);
    expect(listed.sort()).toEqual(
      [
        'GET /campaigns [{"apiKey":["read"]}]',
        'GET /pools [{"apiKey":["read"]}]',
        'GET /pools/{id} [{"apiKey":["read"]}]',
        'GET /redemptions [{"apiKey":["read"]}]',
        'POST /pools/{id}/assignments [{"apiKey":["assign"]}]',
        'POST /carts/validate [{"apiKey":["validate"]}]',
      ].sort(),
    );
  });

  it("describes each operation truly: called as documented, it answers as documented", async () => {
    const key = await apiKey([...API_SCOPES]);
    const called = [];
    for (const { path, method, operation } of operations(resolved)) {
      const label = `${method.toUpperCase()} ${path}`;
      const { url, headers, json } = requestFor(path, operation);
      const answer = await callApi(app, url, { method: method.toUpperCase(), key, headers, json });
      expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      expectDocumented(operation, answer.status, answer.headers.get("Content-Type"), answer.body, label);
      // Refused without a key: a documented problem.
      const refused = await callApi(app, url, { method: method.toUpperCase(), headers, json });
      expect(refused.status).toBe(401);
      expectDocumented(operation, refused.status, refused.headers.get("Content-Type"), refused.body, `${label} without a key`);
      called.push(label);
    }
    expect(called).toHaveLength(operations(document).length);
  });

  it("describes the problems of a bad body truly", async () => {
    const key = await apiKey(["assign"]);
    const assign = operations(resolved).find(({ path }) => path === "/pools/{id}/assignments")!;
    const url = `/api/v1${assign.path.replace("{id}", String(poolId))}`;
    for (const [body, contentType] of [
      ["{", "application/json"],
      ["[]", "application/json"],
      ["email=x", "text/plain"],
    ]) {
      const answer = await callApi(app, url, { method: "POST", key, body, headers: { "Content-Type": contentType } });
      expectDocumented(assign.operation, answer.status, answer.headers.get("Content-Type"), answer.body, `POST ${assign.path} with ${body}`);
    }
  });
});
