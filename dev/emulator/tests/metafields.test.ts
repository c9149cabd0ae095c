import { describe, expect, it } from "vitest";
import { query, testEmulator } from "./helpers";

const SET = `
  mutation Set($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { namespace key type value compareDigest }
      userErrors { field message code elementIndex }
    }
  }`;

function shop() {
  const { emulator, clock } = testEmulator();
  const installation = query(emulator, "{ currentAppInstallation { id } shop { id } }");
  const appNamespace = `app--${emulator.store().app.id.split("/").pop()}`;
  return { emulator, clock, installationId: installation.currentAppInstallation.id as string, shopId: installation.shop.id as string, appNamespace };
}

describe("metafields", () => {
  it("sets app-owned metafields on the installation and the shop, readable back by $app", () => {
    const { emulator, installationId, shopId, appNamespace } = shop();
    const set = query(emulator, SET, {
      metafields: [
        { ownerId: installationId, namespace: "$app", key: "catalogue", type: "json", value: '{"campaigns":[]}' },
        { ownerId: shopId, namespace: "$app:settings", key: "currency", type: "single_line_text_field", value: "EUR" },
      ],
    }).metafieldsSet;
    expect(set.userErrors).toEqual([]);
    expect(set.metafields.map((metafield: { namespace: string }) => metafield.namespace)).toEqual([appNamespace, `${appNamespace}--settings`]);
    const read = query(
      emulator,
      `{
        currentAppInstallation { metafield(namespace: "$app", key: "catalogue") { jsonValue ownerType } metafields(first: 5) { nodes { key } } }
        shop { metafield(namespace: "$app:settings", key: "currency") { value type } }
      }`,
    );
    expect(read).toEqual({
      currentAppInstallation: { metafield: { jsonValue: { campaigns: [] }, ownerType: "API_PERMISSION" }, metafields: { nodes: [{ key: "catalogue" }] } },
      shop: { metafield: { value: "EUR", type: "single_line_text_field" } },
    });
  });

  it("overwrites in place, and refuses a stale compareDigest", () => {
    const { emulator, installationId, clock } = shop();
    const first = query(emulator, SET, { metafields: [{ ownerId: installationId, key: "version", type: "number_integer", value: "1" }] }).metafieldsSet
      .metafields[0];
    clock.advance(1000);
    query(emulator, SET, { metafields: [{ ownerId: installationId, key: "version", value: "2", compareDigest: first.compareDigest }] });
    const stale = query(emulator, SET, {
      metafields: [{ ownerId: installationId, key: "version", value: "3", compareDigest: first.compareDigest }],
    }).metafieldsSet;
    expect(stale).toEqual({
      metafields: [],
      userErrors: [
        {
          field: ["metafields", "0", "compareDigest"],
          message: "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
          code: "STALE_OBJECT",
          elementIndex: 0,
        },
      ],
    });
    expect(emulator.store().metafields.size).toBe(1);
    expect([...emulator.store().metafields.values()][0].value).toBe("2");
  });

  it("writes nothing when one of several metafields is invalid", () => {
    const { emulator, installationId } = shop();
    const result = query(emulator, SET, {
      metafields: [
        { ownerId: installationId, key: "good", type: "json", value: "{}" },
        { ownerId: installationId, key: "bad", type: "json", value: "{" },
        { ownerId: "gid://shopify/Product/1", key: "orphan", type: "json", value: "{}" },
        { ownerId: installationId, key: "untyped", value: "x" },
      ],
    }).metafieldsSet;
    expect(result.userErrors.map((error: { field: string[]; code: string }) => [error.field.join("."), error.code])).toEqual([
      ["metafields.1.value", "INVALID_VALUE"],
      ["metafields.2.ownerId", "INVALID"],
      ["metafields.3.type", "BLANK"],
    ]);
    expect(emulator.store().metafields.size).toBe(0);
  });

  it("deletes metafields and reports the ones that were not there", () => {
    const { emulator, installationId } = shop();
    query(emulator, SET, { metafields: [{ ownerId: installationId, key: "catalogue", type: "json", value: "{}" }] });
    const deleted = query(
      emulator,
      `mutation ($metafields: [MetafieldIdentifierInput!]!) { metafieldsDelete(metafields: $metafields) { deletedMetafields { key namespace ownerId } userErrors { field message } } }`,
      {
        metafields: [
          { ownerId: installationId, namespace: "$app", key: "catalogue" },
          { ownerId: installationId, namespace: "$app", key: "never-set" },
        ],
      },
    ).metafieldsDelete;
    expect(deleted).toEqual({ deletedMetafields: [{ key: "catalogue", namespace: "$app", ownerId: installationId }, null], userErrors: [] });
    expect(emulator.store().metafields.size).toBe(0);
  });
});

describe("metafield definitions", () => {
  it("creates a definition, lists it, and lets metafieldsSet take the type from it", () => {
    const { emulator, appNamespace } = shop();
    const product = emulator.seed.product();
    const created = query(
      emulator,
      `mutation ($definition: MetafieldDefinitionInput!) { metafieldDefinitionCreate(definition: $definition) { createdDefinition { id namespace key ownerType type { name category } } userErrors { field message code } } }`,
      { definition: { name: "Unit cost band", namespace: "$app", key: "cost_band", ownerType: "PRODUCT", type: "single_line_text_field" } },
    ).metafieldDefinitionCreate;
    expect(created.createdDefinition).toMatchObject({
      namespace: appNamespace,
      key: "cost_band",
      ownerType: "PRODUCT",
      type: { name: "single_line_text_field", category: "TEXT" },
    });
    const listed = query(emulator, '{ metafieldDefinitions(first: 5, ownerType: PRODUCT, namespace: "$app") { nodes { key metafieldsCount } } }');
    expect(listed.metafieldDefinitions.nodes).toEqual([{ key: "cost_band", metafieldsCount: 0 }]);
    const set = query(emulator, SET, { metafields: [{ ownerId: product.id, namespace: "$app", key: "cost_band", value: "low" }] }).metafieldsSet;
    expect(set.metafields[0].type).toBe("single_line_text_field");
    const again = query(
      emulator,
      `mutation ($definition: MetafieldDefinitionInput!) { metafieldDefinitionCreate(definition: $definition) { createdDefinition { id } userErrors { field code } } }`,
      { definition: { name: "Again", namespace: "$app", key: "cost_band", ownerType: "PRODUCT", type: "single_line_text_field" } },
    ).metafieldDefinitionCreate;
    expect(again).toEqual({ createdDefinition: null, userErrors: [{ field: ["definition", "key"], code: "TAKEN" }] });
  });
});

describe("app-owned metaobjects", () => {
  it("defines a type, upserts entries by handle and lists them", () => {
    const { emulator, appNamespace } = shop();
    const defined = query(
      emulator,
      `mutation ($definition: MetaobjectDefinitionCreateInput!) { metaobjectDefinitionCreate(definition: $definition) { metaobjectDefinition { type fieldDefinitions { key required type { name } } } userErrors { field message code } } }`,
      {
        definition: {
          type: "$app:campaign",
          name: "Campaign",
          displayNameKey: "title",
          access: { admin: "MERCHANT_READ" },
          fieldDefinitions: [
            { key: "title", name: "Title", type: "single_line_text_field", required: true },
            { key: "rules", name: "Rules", type: "json" },
          ],
        },
      },
    ).metaobjectDefinitionCreate;
    expect(defined).toEqual({
      metaobjectDefinition: {
        type: `${appNamespace}--campaign`,
        fieldDefinitions: [
          { key: "title", required: true, type: { name: "single_line_text_field" } },
          { key: "rules", required: false, type: { name: "json" } },
        ],
      },
      userErrors: [],
    });
    const upsert = (handle: string, fields: { key: string; value: string }[]) =>
      query(
        emulator,
        `mutation ($handle: MetaobjectHandleInput!, $metaobject: MetaobjectUpsertInput!) { metaobjectUpsert(handle: $handle, metaobject: $metaobject) { metaobject { handle displayName field(key: "rules") { jsonValue } } userErrors { field message code } } }`,
        { handle: { type: "$app:campaign", handle }, metaobject: { fields } },
      ).metaobjectUpsert;
    expect(
      upsert("summer", [
        { key: "title", value: "Summer" },
        { key: "rules", value: '{"min":50}' },
      ]),
    ).toEqual({
      metaobject: { handle: "summer", displayName: "Summer", field: { jsonValue: { min: 50 } } },
      userErrors: [],
    });
    expect(upsert("summer", [{ key: "rules", value: '{"min":75}' }]).metaobject).toEqual({
      handle: "summer",
      displayName: "Summer",
      field: { jsonValue: { min: 75 } },
    });
    expect(upsert("winter", [{ key: "rules", value: "{}" }]).userErrors).toEqual([
      { field: ["metaobject", "fields"], message: "Title can't be blank", code: "OBJECT_FIELD_REQUIRED" },
    ]);
    expect(upsert("winter", [{ key: "colour", value: "red" }]).userErrors[0].code).toBe("UNDEFINED_OBJECT_FIELD");
    const listed = query(
      emulator,
      '{ metaobjects(first: 5, type: "$app:campaign") { nodes { handle } } byHandle: metaobjectByHandle(handle: { type: "$app:campaign", handle: "summer" }) { displayName } }',
    );
    expect(listed).toEqual({ metaobjects: { nodes: [{ handle: "summer" }] }, byHandle: { displayName: "Summer" } });
  });
});
