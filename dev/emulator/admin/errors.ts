import { GraphQLError, isInputObjectType, Kind, visit, type ASTNode, type DocumentNode, type GraphQLFormattedError, type GraphQLResolveInfo } from "graphql";

export const NOT_IMPLEMENTED = "NOT_IMPLEMENTED_BY_EMULATOR";

/**
 * The loud failure for anything the emulator has no real behaviour for: it names the field so
 * the fix is obvious (add it to the resolver module of that area; see README "Adding a resolver").
 */
export function notImplemented(typeName: string, fieldName: string): GraphQLError {
  return new GraphQLError(`${typeName}.${fieldName} is not implemented by the local Shopify emulator (dev/emulator); add it before relying on it.`, {
    extensions: { code: NOT_IMPLEMENTED, typeName, fieldName },
  });
}

/** An input the caller set that the emulator would otherwise silently ignore. */
export function unsupportedInput(inputPath: string): GraphQLError {
  return new GraphQLError(`${inputPath} is not implemented by the local Shopify emulator (dev/emulator); it would be ignored, so it is refused.`, {
    extensions: { code: NOT_IMPLEMENTED, input: inputPath },
  });
}

/**
 * Refuses every argument of the current field the resolver does not handle, when the caller
 * gave it a value other than the schema's default.
 */
export function refuseUnhandledArguments(info: GraphQLResolveInfo, args: object, handled: readonly string[]): void {
  const definitions = info.parentType.getFields()[info.fieldName].args;
  for (const definition of definitions) {
    if (!handled.includes(definition.name) && isSet((args as Record<string, unknown>)[definition.name], definition.defaultValue)) {
      throw unsupportedInput(`${info.parentType.name}.${info.fieldName}(${definition.name})`);
    }
  }
}

/** Refuses every field of an input object the resolver does not handle, when it differs from the schema's default. */
export function refuseUnhandledInput(info: GraphQLResolveInfo, inputTypeName: string, input: object, handled: readonly string[]): void {
  const inputType = info.schema.getType(inputTypeName);
  if (!isInputObjectType(inputType)) throw new Error(`${inputTypeName} is not an input type of the Admin schema`);
  const fields = inputType.getFields();
  for (const [key, value] of Object.entries(input)) {
    if (!handled.includes(key) && isSet(value, fields[key]?.defaultValue)) throw unsupportedInput(`${inputTypeName}.${key}`);
  }
}

const isSet = (value: unknown, defaultValue: unknown) => value !== null && value !== undefined && JSON.stringify(value) !== JSON.stringify(defaultValue);

/** Shopify (graphql-ruby) wording of the validation failures apps meet most; others keep graphql-js wording. */
const RUBY_WORDING: { pattern: RegExp; rewrite: (match: RegExpExecArray) => { message: string; extensions: Record<string, unknown> } }[] = [
  {
    pattern: /^Cannot query field "(.+?)" on type "(.+?)"\./,
    rewrite: ([, fieldName, typeName]) => ({
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      extensions: { code: "undefinedField", typeName, fieldName },
    }),
  },
  {
    pattern: /^Unknown argument "(.+?)" on field "(?:.+?)\.(.+?)"\./,
    rewrite: ([, argumentName, fieldName]) => ({
      message: `Field '${fieldName}' doesn't accept argument '${argumentName}'`,
      extensions: { code: "argumentNotAccepted", name: fieldName, typeName: "Field", argumentName },
    }),
  },
  {
    pattern: /^Field "(.+?)" argument "(.+?)" of type ".+?" is required, but it was not provided\./,
    rewrite: ([, fieldName, argumentName]) => ({
      message: `Field '${fieldName}' is missing required arguments: ${argumentName}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: fieldName, arguments: argumentName },
    }),
  },
];

/** Validation errors shaped as Shopify returns them: message, locations, path from the operation down. */
export function shopifyValidationErrors(errors: readonly GraphQLError[], document: DocumentNode): GraphQLFormattedError[] {
  return errors.map((error) => {
    const formatted = error.toJSON();
    const node = error.nodes?.[0];
    for (const { pattern, rewrite } of RUBY_WORDING) {
      const match = pattern.exec(error.message);
      if (match) {
        const { message, extensions } = rewrite(match);
        return { message, locations: formatted.locations, path: node ? pathTo(document, node) : undefined, extensions };
      }
    }
    return formatted;
  });
}

/** graphql-ruby's error path: "query Name" (or "mutation", "fragment Name"), then field names. */
function pathTo(document: DocumentNode, target: ASTNode): string[] | undefined {
  const stack: string[] = [];
  let found: string[] | undefined;
  visit(document, {
    enter(node) {
      if (found) return false;
      if (node.kind === Kind.OPERATION_DEFINITION) stack.push(node.name ? `${node.operation} ${node.name.value}` : node.operation);
      if (node.kind === Kind.FRAGMENT_DEFINITION) stack.push(`fragment ${node.name.value}`);
      if (node.kind === Kind.FIELD) stack.push(node.name.value);
      if (node === target) found = [...stack];
      return undefined;
    },
    leave(node) {
      if (node.kind === Kind.OPERATION_DEFINITION || node.kind === Kind.FRAGMENT_DEFINITION || node.kind === Kind.FIELD) stack.pop();
    },
  });
  return found;
}
