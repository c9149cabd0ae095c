import type { GraphQLResolveInfo } from "graphql";
import { inIdOrder, connection, type PageArgs } from "../connection";
import { isoNow, type AdminContext } from "../context";
import { refuseUnhandledInput } from "../errors";
import type { View } from "../field-resolver";
import { numericId, parseGid } from "../ids";
import { listConnection, type ListArgs } from "../listing";
import type { MetaobjectDefinitionRecord, MetaobjectRecord } from "../records";
import { dateField, textField } from "../search";
import { userError } from "../views";
import { isMetafieldType, jsonValueOf, metafieldTypeView, valueProblem } from "./metafields";

/** "$app:type" is the calling app's reserved metaobject type, stored as "app--<app id>--type". */
function resolveType(context: AdminContext, type: string): string {
  return type.startsWith("$app:") ? `app--${parseGid(context.store.app.id)!.id}--${type.slice("$app:".length)}` : type;
}

const definitionByType = (context: AdminContext, type: string) =>
  [...context.store.metaobjectDefinitions.values()].find((definition) => definition.type === resolveType(context, type));

function fieldDefinitionView(field: MetaobjectDefinitionRecord["fieldDefinitions"][number]): View {
  return { key: field.key, name: field.name, required: field.required, description: field.description, type: metafieldTypeView(field.type), validations: [] };
}

function definitionView(context: AdminContext, definition: MetaobjectDefinitionRecord): View {
  const objects = () => [...context.store.metaobjects.values()].filter((object) => object.definitionId === definition.id);
  return {
    __typename: "MetaobjectDefinition",
    id: definition.id,
    type: definition.type,
    name: definition.name,
    description: definition.description,
    displayNameKey: definition.displayNameKey,
    access: definition.access,
    createdAt: definition.createdAt,
    updatedAt: definition.updatedAt,
    fieldDefinitions: definition.fieldDefinitions.map(fieldDefinitionView),
    metaobjectsCount: () => objects().length,
    metaobjects: (args: PageArgs) =>
      connection(
        "metaobjects",
        inIdOrder(objects(), (object) => object.id),
        args,
        (object) => metaobjectView(context, object),
      ),
  };
}

function metaobjectView(context: AdminContext, object: MetaobjectRecord): View {
  const definition = context.store.metaobjectDefinitions.get(object.definitionId)!;
  const fieldView = (field: MetaobjectDefinitionRecord["fieldDefinitions"][number]) => {
    const value = object.fields[field.key] ?? null;
    return {
      key: field.key,
      type: field.type,
      value,
      jsonValue: value === null ? null : jsonValueOf({ type: field.type, value }),
      definition: fieldDefinitionView(field),
    };
  };
  const displayValue = definition.displayNameKey ? object.fields[definition.displayNameKey] : undefined;
  return {
    __typename: "Metaobject",
    id: object.id,
    type: object.type,
    handle: object.handle,
    displayName: displayValue ?? object.handle,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    fields: definition.fieldDefinitions.map(fieldView),
    field: ({ key }: { key: string }) => {
      const field = definition.fieldDefinitions.find((candidate) => candidate.key === key);
      return field ? fieldView(field) : null;
    },
    definition: () => definitionView(context, definition),
  };
}

interface FieldDefinitionInput {
  key: string;
  name?: string | null;
  type: string;
  required?: boolean | null;
  description?: string | null;
}

export const metaobjectQueries = {
  metaobjectDefinitionByType: ({ type }: { type: string }, context: AdminContext) => {
    const definition = definitionByType(context, type);
    return definition ? definitionView(context, definition) : null;
  },
  metaobject: ({ id }: { id: string }, context: AdminContext) => {
    const object = context.store.metaobjects.get(id);
    return object ? metaobjectView(context, object) : null;
  },
  metaobjectByHandle: ({ handle }: { handle: { type: string; handle: string } }, context: AdminContext) => {
    const type = resolveType(context, handle.type);
    const object = [...context.store.metaobjects.values()].find((candidate) => candidate.type === type && candidate.handle === handle.handle);
    return object ? metaobjectView(context, object) : null;
  },
  metaobjects: (args: ListArgs & { type: string }, context: AdminContext, info: GraphQLResolveInfo) => {
    const type = resolveType(context, args.type);
    return listConnection(
      context,
      info,
      { ...args, sortKey: args.sortKey ?? "id" },
      {
        items: [...context.store.metaobjects.values()].filter((object) => object.type === type),
        searchSpec: {
          fields: {
            handle: textField<MetaobjectRecord>((object) => object.handle, "exact"),
            display_name: textField<MetaobjectRecord>((object) => metaobjectView(context, object).displayName as string),
            updated_at: dateField<MetaobjectRecord>((object) => object.updatedAt),
          },
          freeText: (object: MetaobjectRecord) => [object.handle, ...Object.values(object.fields)],
        },
        // Metaobject sort keys are plain strings in the schema: id, type, updated_at, display_name.
        sorts: {
          id: (object) => numericId(object.id),
          updated_at: (object) => object.updatedAt,
          display_name: (object) => String(metaobjectView(context, object).displayName).toLowerCase(),
        },
        idOf: (object) => object.id,
        toNode: (object) => metaobjectView(context, object),
        otherArguments: ["type"],
      },
    );
  },
};

export const metaobjectMutations = {
  metaobjectDefinitionCreate: (
    {
      definition,
    }: {
      definition: {
        type: string;
        name?: string | null;
        description?: string | null;
        displayNameKey?: string | null;
        fieldDefinitions?: FieldDefinitionInput[] | null;
        access?: Record<string, string | null> | null;
      };
    },
    context: AdminContext,
    info: GraphQLResolveInfo,
  ) => {
    refuseUnhandledInput(info, "MetaobjectDefinitionCreateInput", definition, ["type", "name", "description", "displayNameKey", "fieldDefinitions", "access"]);
    const fail = (field: string[], message: string, code: string) => ({ metaobjectDefinition: null, userErrors: [userError(field, message, code)] });
    const type = resolveType(context, definition.type);
    if (definitionByType(context, definition.type)) return fail(["definition", "type"], "Type has already been taken", "TAKEN");
    const fields = definition.fieldDefinitions ?? [];
    const badType = fields.findIndex((field) => !isMetafieldType(field.type));
    if (badType !== -1)
      return fail(["definition", "fieldDefinitions", String(badType), "type"], `Type '${fields[badType].type}' is not a valid field type.`, "INVALID");
    const duplicate = fields.findIndex((field, index) => fields.findIndex((other) => other.key === field.key) !== index);
    if (duplicate !== -1)
      return fail(["definition", "fieldDefinitions", String(duplicate), "key"], `Field key '${fields[duplicate].key}' is duplicated.`, "DUPLICATE_FIELD_INPUT");
    const now = isoNow(context);
    const record: MetaobjectDefinitionRecord = {
      id: context.store.newId("MetaobjectDefinition"),
      type,
      name: definition.name ?? definition.type,
      description: definition.description ?? null,
      displayNameKey: definition.displayNameKey ?? null,
      fieldDefinitions: fields.map((field) => ({
        key: field.key,
        name: field.name ?? field.key,
        type: field.type,
        required: field.required ?? false,
        description: field.description ?? null,
      })),
      access: Object.fromEntries(Object.entries(definition.access ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string")),
      createdAt: now,
      updatedAt: now,
    };
    context.store.metaobjectDefinitions.set(record.id, record);
    return { metaobjectDefinition: definitionView(context, record), userErrors: [] };
  },

  metaobjectUpsert: (
    args: {
      handle: { type: string; handle: string };
      metaobject?: { handle?: string | null; fields?: { key: string; value: string }[] | null } | null;
      values?: unknown;
    },
    context: AdminContext,
    info: GraphQLResolveInfo,
  ) => {
    const fail = (field: string[], message: string, code: string) => ({ metaobject: null, userErrors: [userError(field, message, code)] });
    if (args.values !== undefined && args.values !== null)
      return fail(["values"], "The emulator accepts metaobject fields only through `metaobject.fields`.", "INVALID");
    if (args.metaobject) refuseUnhandledInput(info, "MetaobjectUpsertInput", args.metaobject, ["handle", "fields"]);
    const definition = definitionByType(context, args.handle.type);
    if (!definition) return fail(["handle", "type"], `No metaobject definition exists for type "${args.handle.type}"`, "UNDEFINED_OBJECT_TYPE");
    const input = args.metaobject?.fields ?? [];
    for (const [index, field] of input.entries()) {
      const fieldDefinition = definition.fieldDefinitions.find((candidate) => candidate.key === field.key);
      if (!fieldDefinition)
        return fail(["metaobject", "fields", String(index), "key"], `Field definition "${field.key}" does not exist`, "UNDEFINED_OBJECT_FIELD");
      const problem = valueProblem(fieldDefinition.type, field.value);
      if (problem) return fail(["metaobject", "fields", String(index), "value"], problem, "INVALID_VALUE");
    }
    const now = isoNow(context);
    const existing = [...context.store.metaobjects.values()].find((object) => object.definitionId === definition.id && object.handle === args.handle.handle);
    const fields = { ...existing?.fields, ...Object.fromEntries(input.map((field) => [field.key, field.value])) };
    const missing = definition.fieldDefinitions.find((field) => field.required && !(field.key in fields));
    if (missing) return fail(["metaobject", "fields"], `${missing.name} can't be blank`, "OBJECT_FIELD_REQUIRED");
    const record: MetaobjectRecord = existing ?? {
      id: context.store.newId("Metaobject"),
      definitionId: definition.id,
      type: definition.type,
      handle: args.handle.handle,
      fields: {},
      createdAt: now,
      updatedAt: now,
    };
    Object.assign(record, { fields, updatedAt: now, handle: args.metaobject?.handle ?? record.handle });
    context.store.metaobjects.set(record.id, record);
    return { metaobject: metaobjectView(context, record), userErrors: [] };
  },
};

export const metaobjectNodes = {
  Metaobject: (context: AdminContext, id: string) => metaobjectQueries.metaobject({ id }, context),
  MetaobjectDefinition: (context: AdminContext, id: string) => {
    const definition = context.store.metaobjectDefinitions.get(id);
    return definition ? definitionView(context, definition) : null;
  },
};
