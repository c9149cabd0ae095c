import type { GraphQLFieldResolver, GraphQLResolveInfo } from "graphql";
import type { AdminContext } from "./context";
import { notImplemented } from "./errors";

/**
 * Resolvers hand back "views": plain objects carrying only the fields the emulator really
 * implements, each a value or a function of (args, context, info). Anything else is absent.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL hands every resolver untyped args
export type FieldFunction = (args: any, context: AdminContext, info: GraphQLResolveInfo) => unknown;
export type View = { [field: string]: unknown };

/**
 * The emulator's only field resolver. A field the view does not carry fails with an error
 * naming Type.field, so an app query touching unimplemented ground fails loudly instead of
 * receiving invented data. It also counts the actual query cost as results come back.
 */
export const emulatorFieldResolver: GraphQLFieldResolver<unknown, AdminContext> = (source, args, context, info) => {
  if (source === null || typeof source !== "object" || !Object.hasOwn(source, info.fieldName)) {
    throw notImplemented(info.parentType.name, info.fieldName);
  }
  const value = (source as View)[info.fieldName];
  const result = typeof value === "function" ? (value as FieldFunction).call(source, args, context, info) : value;
  context.cost.record(info, result);
  return result;
};
