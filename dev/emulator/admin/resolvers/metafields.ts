import { createHash } from "node:crypto";
import type { GraphQLResolveInfo } from "graphql";
import { connection, inIdOrder, type PageArgs } from "../connection";
import { isoNow, reportSearch, type AdminContext } from "../context";
import { refuseUnhandledArguments, refuseUnhandledInput } from "../errors";
import type { View } from "../field-resolver";
import { parseGid } from "../ids";
import type { MetafieldDefinitionRecord, MetafieldRecord } from "../records";
import { search, textField } from "../search";
import { userError } from "../views";
import { findNode } from "./node";

/** MetafieldOwnerType of the owner a GID names (app installations own API_PERMISSION metafields). */
const OWNER_TYPES: Record<string, string> = {
  Shop: "SHOP",
  Product: "PRODUCT",
  ProductVariant: "PRODUCTVARIANT",
  Collection: "COLLECTION",
  Customer: "CUSTOMER",
  Order: "ORDER",
  DiscountCodeNode: "DISCOUNT",
  DiscountAutomaticNode: "DISCOUNT",
  DiscountNode: "DISCOUNT",
  AppInstallation: "API_PERMISSION",
};

const ownerTypeOf = (ownerId: string) => OWNER_TYPES[parseGid(ownerId)?.type ?? ""] ?? null;

/** Shopify's metafield types; "list.<type>" variants exist for most. */
const METAFIELD_TYPES = new Set([
  "boolean",
  "collection_reference",
  "color",
  "customer_reference",
  "date",
  "date_time",
  "dimension",
  "file_reference",
  "id",
  "json",
  "link",
  "metaobject_reference",
  "mixed_reference",
  "money",
  "multi_line_text_field",
  "number_decimal",
  "number_integer",
  "page_reference",
  "product_reference",
  "rating",
  "rich_text_field",
  "single_line_text_field",
  "url",
  "variant_reference",
  "volume",
  "weight",
]);

const TYPE_CATEGORIES: Record<string, string> = {
  boolean: "TRUE_FALSE",
  json: "JSON",
  multi_line_text_field: "TEXT",
  single_line_text_field: "TEXT",
  rich_text_field: "TEXT",
  number_integer: "NUMBER",
  number_decimal: "NUMBER",
  date: "DATE_TIME",
  date_time: "DATE_TIME",
  url: "URL",
  color: "COLOR",
  money: "MONEY",
  link: "LINK",
};

/**
 * "$app" is the namespace reserved for the calling app ("app--<app id>"), "$app:suffix" a
 * sub-namespace of it; an omitted namespace means "$app" too.
 */
export function resolveNamespace(context: AdminContext, namespace: string | null | undefined): string {
  const appNamespace = `app--${parseGid(context.store.app.id)!.id}`;
  if (!namespace || namespace === "$app") return appNamespace;
  if (namespace.startsWith("$app:")) return `${appNamespace}--${namespace.slice("$app:".length)}`;
  return namespace;
}

/** The `metafield` / `metafields` fields every HasMetafields owner view carries. */
export function metafieldOwnerFields(ownerId: string): View {
  return {
    metafield: ({ namespace, key }: { namespace?: string | null; key: string }, context: AdminContext) => {
      const record = context.store.findMetafield(ownerId, resolveNamespace(context, namespace), key);
      return record ? metafieldView(context, record) : null;
    },
    metafields: (args: PageArgs & { namespace?: string | null; keys?: string[] | null }, context: AdminContext) => {
      const wantedNamespace = args.namespace ? resolveNamespace(context, args.namespace) : null;
      const records = context.store
        .metafieldsOf(ownerId)
        .filter(
          (record) =>
            (wantedNamespace === null || record.namespace === wantedNamespace) && (!args.keys || args.keys.includes(`${record.namespace}.${record.key}`)),
        );
      return connection(
        "metafields",
        inIdOrder(records, (record) => record.id),
        args,
        (record) => metafieldView(context, record),
      );
    },
  };
}

export function metafieldView(context: AdminContext, record: MetafieldRecord): View {
  return {
    __typename: "Metafield",
    id: record.id,
    namespace: record.namespace,
    key: record.key,
    type: record.type,
    value: record.value,
    jsonValue: jsonValueOf(record),
    compareDigest: compareDigest(record),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ownerType: ownerTypeOf(record.ownerId),
    owner: () => findNode(context, record.ownerId),
    definition: () => {
      const definition = findDefinition(context, ownerTypeOf(record.ownerId), record.namespace, record.key);
      return definition ? metafieldDefinitionView(context, definition) : null;
    },
  };
}

export function metafieldDefinitionView(context: AdminContext, record: MetafieldDefinitionRecord): View {
  const metafields = () =>
    [...context.store.metafields.values()].filter(
      (metafield) => ownerTypeOf(metafield.ownerId) === record.ownerType && metafield.namespace === record.namespace && metafield.key === record.key,
    );
  return {
    __typename: "MetafieldDefinition",
    id: record.id,
    name: record.name,
    namespace: record.namespace,
    key: record.key,
    description: record.description,
    ownerType: record.ownerType,
    pinnedPosition: record.pinnedPosition,
    type: metafieldTypeView(record.type),
    validations: [],
    metafieldsCount: () => metafields().length,
    metafields: (args: PageArgs) =>
      connection(
        "metafields",
        inIdOrder(metafields(), (metafield) => metafield.id),
        args,
        (metafield) => metafieldView(context, metafield),
      ),
  };
}

export function metafieldTypeView(name: string): View {
  const category = TYPE_CATEGORIES[name.replace(/^list\./, "")];
  return category ? { name, category } : { name };
}

function findDefinition(context: AdminContext, ownerType: string | null, namespace: string, key: string) {
  return [...context.store.metafieldDefinitions.values()].find(
    (definition) => definition.ownerType === ownerType && definition.namespace === namespace && definition.key === key,
  );
}

/** A value as JSON, the way `jsonValue` returns it: parsed for JSON-encoded and numeric types, the string otherwise. */
export function jsonValueOf({ type, value }: { type: string; value: string }): unknown {
  const base = type.replace(/^list\./, "");
  if (
    type.startsWith("list.") ||
    ["json", "number_integer", "number_decimal", "boolean", "money", "rating", "dimension", "volume", "weight", "link"].includes(base)
  ) {
    return JSON.parse(value);
  }
  return value;
}

/** Shopify's compare-and-set token: changes whenever the value does. */
function compareDigest(record: MetafieldRecord): string {
  return createHash("sha256").update(`${record.type}\n${record.value}\n${record.updatedAt}`).digest("hex");
}

export const isMetafieldType = (type: string) => METAFIELD_TYPES.has(type.replace(/^list\./, ""));

/** Why a value is not valid for its type, in Shopify's words where known; null when it is valid. */
export function valueProblem(type: string, value: string): string | null {
  const base = type.replace(/^list\./, "");
  if (type.startsWith("list.") || base === "json") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (type.startsWith("list.") && !Array.isArray(parsed)) return "Value must be an array.";
    } catch {
      return "Value is invalid JSON.";
    }
  }
  if (base === "number_integer" && !type.startsWith("list.") && !/^-?\d+$/.test(value)) return "Value must be an integer.";
  if (base === "boolean" && !type.startsWith("list.") && value !== "true" && value !== "false") return "Value must be true or false.";
  return null;
}

// ---- writing metafields, shared with the discount mutations' `metafields` input --------------

export interface MetafieldWrite {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

/** Validates one metafield write; returns the user errors, prefixed by where the input sits. */
export function metafieldWriteErrors(context: AdminContext, write: MetafieldWrite, fieldPath: string[], index: number) {
  const namespace = resolveNamespace(context, write.namespace);
  const existing = context.store.findMetafield(write.ownerId, namespace, write.key);
  const type = write.type ?? existing?.type ?? findDefinition(context, ownerTypeOf(write.ownerId), namespace, write.key)?.type;
  if (!type) return [userError([...fieldPath, "type"], "Type can't be blank", "BLANK", index)];
  if (!isMetafieldType(type)) return [userError([...fieldPath, "type"], `Type '${type}' is not a valid metafield type.`, "INVALID_TYPE", index)];
  if (write.key.length < 2 || write.key.length > 64)
    return [userError([...fieldPath, "key"], "Key is too short or too long (2 to 64 characters).", "INVALID", index)];
  const problem = valueProblem(type, write.value);
  if (problem) return [userError([...fieldPath, "value"], problem, "INVALID_VALUE", index)];
  if (write.compareDigest !== undefined && write.compareDigest !== null && existing && compareDigest(existing) !== write.compareDigest) {
    return [
      userError(
        [...fieldPath, "compareDigest"],
        "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
        "STALE_OBJECT",
        index,
      ),
    ];
  }
  return [];
}

/** Creates or updates a metafield (call after `metafieldWriteErrors` came back empty). */
export function writeMetafield(context: AdminContext, write: MetafieldWrite): MetafieldRecord {
  const namespace = resolveNamespace(context, write.namespace);
  const existing = context.store.findMetafield(write.ownerId, namespace, write.key);
  const now = isoNow(context);
  const type = write.type ?? existing?.type ?? findDefinition(context, ownerTypeOf(write.ownerId), namespace, write.key)!.type;
  if (existing) {
    Object.assign(existing, { type, value: write.value, updatedAt: now });
    return existing;
  }
  const record: MetafieldRecord = {
    id: context.store.newId("Metafield"),
    ownerId: write.ownerId,
    namespace,
    key: write.key,
    type,
    value: write.value,
    createdAt: now,
    updatedAt: now,
  };
  context.store.metafields.set(record.id, record);
  return record;
}

// ---- roots ----------------------------------------------------------------------------------

const definitionSearch = {
  fields: {
    key: textField<MetafieldDefinitionRecord>((definition) => definition.key, "exact"),
    namespace: textField<MetafieldDefinitionRecord>((definition) => definition.namespace, "exact"),
  },
  freeText: (definition: MetafieldDefinitionRecord) => [definition.name, definition.key],
};

export const metafieldQueries = {
  metafieldDefinitions: (
    args: PageArgs & { ownerType: string; namespace?: string | null; key?: string | null; query?: string | null },
    context: AdminContext,
    info: GraphQLResolveInfo,
  ) => {
    refuseUnhandledArguments(info, args, ["first", "last", "after", "before", "reverse", "ownerType", "namespace", "key", "query"]);
    const namespace = args.namespace ? resolveNamespace(context, args.namespace) : null;
    const candidates = [...context.store.metafieldDefinitions.values()].filter(
      (definition) =>
        definition.ownerType === args.ownerType && (namespace === null || definition.namespace === namespace) && (!args.key || definition.key === args.key),
    );
    const { items, warnings } = search(candidates, args.query, definitionSearch);
    reportSearch(context, info, args.query, warnings);
    return connection(
      "metafieldDefinitions",
      inIdOrder(items, (definition) => definition.id),
      args,
      (definition) => metafieldDefinitionView(context, definition),
    );
  },
};

export const metafieldMutations = {
  metafieldsSet: ({ metafields }: { metafields: MetafieldWrite[] }, context: AdminContext) => {
    const errors = metafields.flatMap((write, index) => {
      if (!findNode(context, write.ownerId)) return [userError(["metafields", String(index), "ownerId"], "Owner does not exist.", "INVALID", index)];
      return metafieldWriteErrors(context, write, ["metafields", String(index)], index);
    });
    // Shopify applies metafieldsSet atomically: one bad input and nothing is written.
    if (errors.length > 0) return { metafields: [], userErrors: errors };
    return { metafields: metafields.map((write) => metafieldView(context, writeMetafield(context, write))), userErrors: [] };
  },

  metafieldsDelete: ({ metafields }: { metafields: { ownerId: string; namespace: string; key: string }[] }, context: AdminContext) => ({
    deletedMetafields: metafields.map((identifier) => {
      const record = context.store.findMetafield(identifier.ownerId, resolveNamespace(context, identifier.namespace), identifier.key);
      if (!record) return null;
      context.store.metafields.delete(record.id);
      return { ownerId: identifier.ownerId, namespace: identifier.namespace, key: identifier.key };
    }),
    userErrors: [],
  }),

  metafieldDefinitionCreate: (
    {
      definition,
    }: { definition: { name: string; key: string; type: string; ownerType: string; namespace?: string | null; description?: string | null; pin?: boolean } },
    context: AdminContext,
    info: GraphQLResolveInfo,
  ) => {
    refuseUnhandledInput(info, "MetafieldDefinitionInput", definition, ["name", "key", "type", "ownerType", "namespace", "description", "pin"]);
    const namespace = resolveNamespace(context, definition.namespace);
    if (!isMetafieldType(definition.type)) {
      return {
        createdDefinition: null,
        userErrors: [userError(["definition", "type"], `Type '${definition.type}' is not a valid metafield type.`, "INCLUSION")],
      };
    }
    if (findDefinition(context, definition.ownerType, namespace, definition.key)) {
      const owner = definition.ownerType.charAt(0) + definition.ownerType.slice(1).toLowerCase();
      const message = `Key is in use for ${owner} metafields on the '${namespace}' namespace.`;
      return { createdDefinition: null, userErrors: [userError(["definition", "key"], message, "TAKEN")] };
    }
    const pinned = [...context.store.metafieldDefinitions.values()].filter(
      (existing) => existing.ownerType === definition.ownerType && existing.pinnedPosition !== null,
    );
    const record: MetafieldDefinitionRecord = {
      id: context.store.newId("MetafieldDefinition"),
      ownerType: definition.ownerType,
      namespace,
      key: definition.key,
      name: definition.name,
      description: definition.description ?? null,
      type: definition.type,
      pinnedPosition: definition.pin ? pinned.length + 1 : null,
    };
    context.store.metafieldDefinitions.set(record.id, record);
    return { createdDefinition: metafieldDefinitionView(context, record), userErrors: [] };
  },
};

export const metafieldNodes = {
  Metafield: (context: AdminContext, id: string) => {
    const record = context.store.metafields.get(id);
    return record ? metafieldView(context, record) : null;
  },
  MetafieldDefinition: (context: AdminContext, id: string) => {
    const record = context.store.metafieldDefinitions.get(id);
    return record ? metafieldDefinitionView(context, record) : null;
  },
};
