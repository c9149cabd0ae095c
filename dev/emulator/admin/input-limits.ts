import { getArgumentValues, GraphQLError, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from "graphql";

/** shopify.dev "Shopify API limits": input arguments that accept an array take at most 250 items. */
export const MAX_INPUT_ARRAY_SIZE = 250;

/**
 * Shopify rejects an operation whose list arguments (at any depth of an input object) hold
 * more than 250 items before running any of it: a top-level MAX_INPUT_SIZE_EXCEEDED error
 * whose path is the field and the argument, e.g. ["discountRedeemCodeBulkAdd", "codes"].
 */
export function inputSizeErrors(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const definition = typeInfo.getFieldDef();
        if (!definition || definition.args.length === 0) return;
        const args = getArgumentValues(definition, node, variables);
        for (const [name, value] of Object.entries(args)) {
          for (const { path, size } of oversizedLists(value, [name])) {
            errors.push(
              new GraphQLError(`The input array size of ${size} is greater than the maximum allowed of ${MAX_INPUT_ARRAY_SIZE}.`, {
                nodes: [node],
                path: [node.name.value, ...path],
                extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
              }),
            );
          }
        }
      },
    }),
  );
  return errors;
}

function oversizedLists(value: unknown, path: string[]): { path: string[]; size: number }[] {
  if (Array.isArray(value)) {
    const own = value.length > MAX_INPUT_ARRAY_SIZE ? [{ path, size: value.length }] : [];
    return [...own, ...value.flatMap((item, index) => oversizedLists(item, [...path, String(index)]))];
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => oversizedLists(inner, [...path, key]));
  }
  return [];
}
