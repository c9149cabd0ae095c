// Offline checks of the functions' contract with Shopify, against the Discount Function API
// schema: input queries (graphql's validate), input JSON against a query's selection set given
// the discount's variables (`@include`/`@skip` decide which fields Shopify sends), and output
// JSON against the target's `*Result` input type. The schema's custom scalars accept anything in
// graphql-js, so the walkers below check their formats themselves.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Kind,
  buildSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  parse,
  typeFromAST,
  validate,
} from "graphql";
import type {
  DirectiveNode,
  DocumentNode,
  FieldNode,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
} from "graphql";
import { QUERY_FILES } from "../../src/config/profiles";
import type { FunctionTarget } from "../../src/config/profiles";

export type { FunctionTarget };
export const EXTENSION_ROOT = join(import.meta.dirname, "..", "..");
export const EXTENSIONS_ROOT = join(EXTENSION_ROOT, "..");

/** What each target's export and result are called, in every extension. */
export const TARGETS: Record<FunctionTarget, { exportName: string; resultField: string }> = {
  "cart.lines.discounts.generate.run": { exportName: "cartLinesDiscountsGenerateRun", resultField: "cartLinesDiscountsGenerateRun" },
  "cart.delivery-options.discounts.generate.run": {
    exportName: "cartDeliveryOptionsDiscountsGenerateRun",
    resultField: "cartDeliveryOptionsDiscountsGenerateRun",
  },
};

export type Variables = Record<string, unknown>;

let cachedSchema: GraphQLSchema | undefined;
export function functionSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(readFileSync(join(EXTENSION_ROOT, "schema.graphql"), "utf8"));
  return cachedSchema;
}

/** An extension's input query for a target: `<extensions>/<handle>/src/<target file>.graphql`. */
export function queryFile(handle: string, target: FunctionTarget): string {
  return join(EXTENSIONS_ROOT, handle, "src", QUERY_FILES[target]);
}

export function readQuery(handle: string, target: FunctionTarget): DocumentNode {
  return parse(readFileSync(queryFile(handle, target), "utf8"));
}

export function queryErrors(handle: string, target: FunctionTarget): string[] {
  return validate(functionSchema(), readQuery(handle, target)).map((error) => error.message);
}

function operationOf(document: DocumentNode): OperationDefinitionNode | undefined {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation : undefined;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const SCALAR_CHECKS: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === "string",
  ID: (value) => typeof value === "string" && value.length > 0,
  Int: (value) => Number.isInteger(value),
  Float: (value) => typeof value === "number" && Number.isFinite(value),
  Boolean: (value) => typeof value === "boolean",
  Decimal: (value) => typeof value === "string" && DECIMAL.test(value),
  Handle: (value) => typeof value === "string" && value.length > 0,
  Date: (value) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value),
  DateTime: (value) => typeof value === "string" && !Number.isNaN(Date.parse(value)),
  TimeWithoutTimezone: (value) => typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(value),
  JSON: (value) => value !== undefined,
  URL: (value) => typeof value === "string" && URL.canParse(value),
  Void: (value) => value === null,
};

function leafProblem(typeName: string, value: unknown, schema: GraphQLSchema): string | null {
  const type = schema.getType(typeName);
  if (isEnumType(type)) {
    return typeof value === "string" && type.getValue(value) !== undefined ? null : `${JSON.stringify(value)} is not a ${typeName}`;
  }
  const check = SCALAR_CHECKS[typeName] ?? ((candidate: unknown) => typeof candidate === "string");
  return check(value) ? null : `${JSON.stringify(value)} is not a valid ${typeName}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Walk {
  schema: GraphQLSchema;
  variables: Variables;
  problems: string[];
}

/** Every field the query selects (given the variables) is present with a value of the right type, and nothing else is. */
export function inputProblems(handle: string, target: FunctionTarget, input: unknown, variables: Variables = {}): string[] {
  const schema = functionSchema();
  const operation = operationOf(readQuery(handle, target));
  if (!operation) return ["the query has no operation"];
  const walk: Walk = { schema, variables, problems: [] };
  checkSelection(walk, schema.getQueryType() as GraphQLObjectType, operation.selectionSet, input, "input");
  return [...new Set(walk.problems)];
}

function checkSelection(walk: Walk, type: GraphQLObjectType, selectionSet: SelectionSetNode, value: unknown, path: string): void {
  if (!isPlainObject(value)) {
    walk.problems.push(`${path}: expected an object of type ${type.name}`);
    return;
  }
  const fields = collectFields(walk, type, selectionSet);
  for (const key of Object.keys(value)) if (!fields.has(key)) walk.problems.push(`${path}.${key}: not selected by the query`);
  for (const [key, field] of fields) {
    const fieldPath = `${path}.${key}`;
    if (!(key in value)) {
      walk.problems.push(`${fieldPath}: missing`);
      continue;
    }
    if (field.name.value === "__typename") {
      if (value[key] !== type.name) walk.problems.push(`${fieldPath}: expected "${type.name}"`);
      continue;
    }
    checkOutputValue(walk, type.getFields()[field.name.value].type, field, value[key], fieldPath);
  }
}

function checkOutputValue(walk: Walk, type: GraphQLOutputType, field: FieldNode, value: unknown, path: string): void {
  if (isNonNullType(type)) {
    if (value === null) walk.problems.push(`${path}: must not be null`);
    else checkOutputValue(walk, type.ofType, field, value, path);
    return;
  }
  if (value === null) return;
  if (isListType(type)) {
    if (!Array.isArray(value)) walk.problems.push(`${path}: expected a list`);
    else value.forEach((item, index) => checkOutputValue(walk, type.ofType, field, item, `${path}[${index}]`));
    return;
  }
  if (isLeafType(type)) {
    const problem = leafProblem(type.name, value, walk.schema);
    if (problem) walk.problems.push(`${path}: ${problem}`);
    return;
  }
  const selectionSet = field.selectionSet as SelectionSetNode;
  if (!isAbstractType(type)) {
    checkSelection(walk, type as GraphQLObjectType, selectionSet, value, path);
    return;
  }
  // The queries select no __typename: the value is right when it fits one of the possible types
  // (`{}` is a CustomProduct line, which `... on ProductVariant` selects nothing of).
  const attempts = walk.schema.getPossibleTypes(type).map((candidate) => {
    const attempt: Walk = { ...walk, problems: [] };
    checkSelection(attempt, candidate, selectionSet, value, path);
    return attempt.problems;
  });
  if (attempts.some((problems) => problems.length === 0)) return;
  walk.problems.push(...attempts.reduce((fewest, problems) => (problems.length < fewest.length ? problems : fewest)));
}

/** Whether `@include(if:)` / `@skip(if:)` keep the selection, given the variables. */
function included(walk: Walk, directives: readonly DirectiveNode[] | undefined): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== "include" && name !== "skip") continue;
    const argument = directive.arguments?.find((candidate) => candidate.name.value === "if")?.value;
    let condition: unknown;
    if (argument?.kind === Kind.BOOLEAN) condition = argument.value;
    else if (argument?.kind === Kind.VARIABLE) condition = walk.variables[argument.name.value];
    if (typeof condition !== "boolean") {
      walk.problems.push(`@${name}: ${argument?.kind === Kind.VARIABLE ? `$${argument.name.value}` : "its condition"} is not a Boolean`);
      return false;
    }
    if (condition !== (name === "include")) return false;
  }
  return true;
}

function collectFields(walk: Walk, type: GraphQLObjectType, selectionSet: SelectionSetNode, into = new Map<string, FieldNode>()): Map<string, FieldNode> {
  for (const selection of selectionSet.selections as readonly SelectionNode[]) {
    if (!included(walk, selection.directives)) continue;
    if (selection.kind === Kind.FIELD) into.set(selection.alias?.value ?? selection.name.value, selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      const applies = condition === type || (isAbstractType(condition) && walk.schema.isSubType(condition, type));
      if (applies) collectFields(walk, type, selection.selectionSet, into);
    }
  }
  return into;
}

/**
 * Shopify marks the operation, target and value inputs `@oneOf`; introspection does not carry
 * the directive. In this API exactly those input objects have only optional fields.
 */
function isOneOf(type: GraphQLInputType): boolean {
  return isInputObjectType(type) && Object.values(type.getFields()).every((field) => !isNonNullType(field.type));
}

/** The output as the target's result argument (`*Result` input type) would coerce it. */
export function outputProblems(target: FunctionTarget, output: unknown): string[] {
  const schema = functionSchema();
  const mutationField = schema.getMutationType()?.getFields()[TARGETS[target].resultField];
  if (!mutationField) return [`the schema has no mutation field ${TARGETS[target].resultField}`];
  const problems: string[] = [];
  checkInputValue(schema, mutationField.args[0].type, output, "output", problems);
  return problems;
}

function checkInputValue(schema: GraphQLSchema, type: GraphQLInputType, value: unknown, path: string, problems: string[]): void {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) problems.push(`${path}: required`);
    else checkInputValue(schema, type.ofType, value, path, problems);
    return;
  }
  if (value === null || value === undefined) return;
  if (isListType(type)) {
    if (!Array.isArray(value)) problems.push(`${path}: expected a list`);
    else value.forEach((item, index) => checkInputValue(schema, type.ofType, item, `${path}[${index}]`, problems));
    return;
  }
  if (isInputObjectType(type)) {
    if (!isPlainObject(value)) {
      problems.push(`${path}: expected a ${type.name} object`);
      return;
    }
    const fields = type.getFields();
    for (const key of Object.keys(value)) if (!(key in fields)) problems.push(`${path}.${key}: not a field of ${type.name}`);
    for (const [name, field] of Object.entries(fields)) checkInputValue(schema, field.type, value[name], `${path}.${name}`, problems);
    if (isOneOf(type) && Object.values(value).filter((field) => field !== null && field !== undefined).length !== 1) {
      problems.push(`${path}: ${type.name} takes exactly one of ${Object.keys(fields).join(", ")}`);
    }
    return;
  }
  const problem = leafProblem(getNamedType(type).name, value, schema);
  if (problem) problems.push(`${path}: ${problem}`);
}

/** The variables the query declares, with their types. */
export function queryVariables(handle: string, target: FunctionTarget): Map<string, GraphQLInputType> {
  const schema = functionSchema();
  const variables = new Map<string, GraphQLInputType>();
  for (const definition of operationOf(readQuery(handle, target))?.variableDefinitions ?? []) {
    variables.set(definition.variable.name.value, typeFromAST(schema, definition.type) as GraphQLInputType);
  }
  return variables;
}

/** The discount's input metafield as Shopify would read it into the query's variables. */
export function variableProblems(handle: string, target: FunctionTarget, variables: Variables): string[] {
  const schema = functionSchema();
  const problems: string[] = [];
  for (const [name, type] of queryVariables(handle, target)) checkInputValue(schema, type, variables[name], `variables.${name}`, problems);
  return problems;
}
