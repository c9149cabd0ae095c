// Offline checks of the function's contract with Shopify, against the Discount Function API
// schema: input queries (graphql's validate), input JSON against the query's selection set, and
// output JSON against the target's `*Result` input type. The schema's custom scalars accept
// anything in graphql-js, so the walkers below check their formats themselves.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Kind, buildSchema, getNamedType, isAbstractType, isEnumType, isInputObjectType, isLeafType, isListType,
  isNonNullType, isObjectType, parse, typeFromAST, validate,
} from "graphql";
import type {
  DocumentNode, FieldNode, GraphQLInputType, GraphQLObjectType, GraphQLOutputType, GraphQLSchema, SelectionSetNode,
} from "graphql";
import type { FunctionTarget } from "../../tools/quickjs-runner";

export const EXTENSION_ROOT = join(import.meta.dirname, "..", "..");

export const TARGETS: Record<FunctionTarget, { query: string; exportName: string; resultField: string }> = {
  "cart.lines.discounts.generate.run": {
    query: join(EXTENSION_ROOT, "src", "cart_lines_discounts_generate_run.graphql"),
    exportName: "cartLinesDiscountsGenerateRun",
    resultField: "cartLinesDiscountsGenerateRun",
  },
  "cart.delivery-options.discounts.generate.run": {
    query: join(EXTENSION_ROOT, "src", "cart_delivery_options_discounts_generate_run.graphql"),
    exportName: "cartDeliveryOptionsDiscountsGenerateRun",
    resultField: "cartDeliveryOptionsDiscountsGenerateRun",
  },
};

let cachedSchema: GraphQLSchema | undefined;
export function functionSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(readFileSync(join(EXTENSION_ROOT, "schema.graphql"), "utf8"));
  return cachedSchema;
}

export function readQuery(target: FunctionTarget): DocumentNode {
  return parse(readFileSync(TARGETS[target].query, "utf8"));
}

export function queryErrors(target: FunctionTarget): string[] {
  return validate(functionSchema(), readQuery(target)).map((error) => error.message);
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

/** Every field the query selects is present with a value of the right type, and nothing else is. */
export function inputProblems(target: FunctionTarget, input: unknown): string[] {
  const schema = functionSchema();
  const operation = readQuery(target).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return ["the query has no operation"];
  const problems: string[] = [];
  checkSelection(schema, schema.getQueryType() as GraphQLObjectType, operation.selectionSet, input, "input", problems);
  return problems;
}

function checkSelection(schema: GraphQLSchema, type: GraphQLObjectType, selectionSet: SelectionSetNode, value: unknown, path: string, problems: string[]): void {
  if (!isPlainObject(value)) {
    problems.push(`${path}: expected an object of type ${type.name}`);
    return;
  }
  const fields = collectFields(schema, type, selectionSet);
  for (const key of Object.keys(value)) if (!fields.has(key)) problems.push(`${path}.${key}: not selected by the query`);
  for (const [key, field] of fields) {
    const fieldPath = `${path}.${key}`;
    if (!(key in value)) {
      problems.push(`${fieldPath}: missing`);
      continue;
    }
    if (field.name.value === "__typename") {
      if (value[key] !== type.name) problems.push(`${fieldPath}: expected "${type.name}"`);
      continue;
    }
    const definition = type.getFields()[field.name.value];
    checkOutputValue(schema, definition.type, field, value[key], fieldPath, problems);
  }
}

function checkOutputValue(schema: GraphQLSchema, type: GraphQLOutputType, field: FieldNode, value: unknown, path: string, problems: string[]): void {
  if (isNonNullType(type)) {
    if (value === null) problems.push(`${path}: must not be null`);
    else checkOutputValue(schema, type.ofType, field, value, path, problems);
    return;
  }
  if (value === null) return;
  if (isListType(type)) {
    if (!Array.isArray(value)) problems.push(`${path}: expected a list`);
    else value.forEach((item, index) => checkOutputValue(schema, type.ofType, field, item, `${path}[${index}]`, problems));
    return;
  }
  if (isLeafType(type)) {
    const problem = leafProblem(type.name, value, schema);
    if (problem) problems.push(`${path}: ${problem}`);
    return;
  }
  const concrete = isAbstractType(type) ? concreteType(schema, type.name, value) : (type as GraphQLObjectType);
  if (concrete === null) {
    problems.push(`${path}: abstract ${type.name} needs a __typename naming one of its types`);
    return;
  }
  checkSelection(schema, concrete, field.selectionSet as SelectionSetNode, value, path, problems);
}

function concreteType(schema: GraphQLSchema, abstractName: string, value: unknown): GraphQLObjectType | null {
  if (!isPlainObject(value) || typeof value.__typename !== "string") return null;
  const type = schema.getType(value.__typename);
  const abstract = schema.getType(abstractName);
  return isObjectType(type) && isAbstractType(abstract) && schema.isSubType(abstract, type) ? type : null;
}

function collectFields(schema: GraphQLSchema, type: GraphQLObjectType, selectionSet: SelectionSetNode, into = new Map<string, FieldNode>()): Map<string, FieldNode> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.set(selection.alias?.value ?? selection.name.value, selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
      const applies = condition === type || (isAbstractType(condition) && schema.isSubType(condition, type));
      if (applies) collectFields(schema, type, selection.selectionSet, into);
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

/** The variables the query declares, with their types: the config keys Shopify reads. */
export function queryVariables(target: FunctionTarget): Map<string, GraphQLInputType> {
  const schema = functionSchema();
  const operation = readQuery(target).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const variables = new Map<string, GraphQLInputType>();
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return variables;
  for (const definition of operation.variableDefinitions ?? []) {
    variables.set(definition.variable.name.value, typeFromAST(schema, definition.type) as GraphQLInputType);
  }
  return variables;
}

/** A config's values for the query's variables, checked like Shopify would read them. */
export function variableProblems(target: FunctionTarget, config: Record<string, unknown>): string[] {
  const schema = functionSchema();
  const problems: string[] = [];
  for (const [name, type] of queryVariables(target)) checkInputValue(schema, type, config[name], `config.${name}`, problems);
  return problems;
}
