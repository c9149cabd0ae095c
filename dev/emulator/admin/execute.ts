import {
  executeSync,
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import type { AdminContext, JobTiming } from "./context";
import { ActualCostCounter, requestedQueryCost } from "./cost";
import { shopifyValidationErrors } from "./errors";
import { emulatorFieldResolver } from "./field-resolver";
import { inputSizeErrors } from "./input-limits";
import { completeDueJobs, mutationRoot, queryRoot } from "./resolvers";
import type { ShopStore } from "./store";
import { SINGLE_QUERY_MAX_COST, type Throttle, type ThrottleStatus } from "./throttle";

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

/** A GraphQL response body exactly as Shopify shapes it (always HTTP 200 once authenticated). */
export interface GraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: { cost?: CostExtension; search?: AdminContext["searchWarnings"] };
}

export interface ExecutionDeps {
  schema: GraphQLSchema;
  store: ShopStore;
  throttle: Throttle;
  now: () => Date;
  jobTiming: JobTiming;
}

const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";

type Checked = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: GraphQLFormattedError[] };

// Apps send the same few documents over and over; validating the Admin schema's size costs
// milliseconds, so each document text is parsed and validated once.
const checkedDocumentsBySchema = new WeakMap<GraphQLSchema, Map<string, Checked>>();
const CHECKED_DOCUMENTS_KEPT = 500;

function parseAndValidate(schema: GraphQLSchema, query: string): Checked {
  let checkedDocuments = checkedDocumentsBySchema.get(schema);
  if (!checkedDocuments) checkedDocumentsBySchema.set(schema, (checkedDocuments = new Map()));
  const cached = checkedDocuments.get(query);
  if (cached) return cached;
  let checked: Checked;
  try {
    const document = parse(query);
    const errors = validate(schema, document);
    checked = errors.length > 0 ? { errors: shopifyValidationErrors(errors, document) } : { document };
  } catch (error) {
    checked = { errors: [(error as GraphQLError).toJSON()] };
  }
  if (checkedDocuments.size >= CHECKED_DOCUMENTS_KEPT) checkedDocuments.delete(checkedDocuments.keys().next().value!);
  checkedDocuments.set(query, checked);
  return checked;
}

/**
 * One Admin API request, in Shopify's order: parse and validate against the real schema,
 * price the operation, refuse it when it exceeds the single-query limit or the bucket,
 * refuse oversized input arrays, run it, then refund the unused part of the requested cost.
 */
export function executeAdminRequest(deps: ExecutionDeps, request: GraphqlRequest): GraphqlResponse {
  const { document, errors } = parseAndValidate(deps.schema, request.query);
  if (errors) return { errors };

  const operation = getOperationAST(document, request.operationName);
  if (!operation) {
    const message = request.operationName ? `No operation named "${request.operationName}"` : "An operation name is required when sending multiple operations.";
    return { errors: [{ message }] };
  }
  const coerced = getVariableValues(deps.schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) return { errors: coerced.errors.map((error) => error.toJSON()) };

  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const requested = requestedQueryCost({ schema: deps.schema, fragments, variables: coerced.coerced }, operation);
  if (requested > SINGLE_QUERY_MAX_COST) return { errors: [maxCostExceeded(requested)] };

  const shop = deps.store.shop.domain;
  const bucket = deps.throttle.bucket(shop);
  if (deps.throttle.isEnabled && !bucket.tryTake(requested)) {
    return {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOCS } }],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: deps.throttle.status(shop) } },
    };
  }
  const oversized = inputSizeErrors(deps.schema, document, coerced.coerced);
  if (oversized.length > 0) {
    return {
      errors: oversized.map((error) => error.toJSON()),
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: deps.throttle.status(shop) } },
    };
  }

  const context: AdminContext = { store: deps.store, now: deps.now, jobTiming: deps.jobTiming, cost: new ActualCostCounter(), searchWarnings: [] };
  completeDueJobs(context);
  const result = executeSync({
    schema: deps.schema,
    document,
    operationName: request.operationName,
    variableValues: request.variables ?? {},
    rootValue: operation.operation === "mutation" ? mutationRoot : queryRoot,
    contextValue: context,
    fieldResolver: emulatorFieldResolver,
  });
  const actual = context.cost.value(requested);
  if (deps.throttle.isEnabled) bucket.refund(requested - actual);
  return {
    ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
    data: (result.data as Record<string, unknown> | null | undefined) ?? null,
    extensions: {
      cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: deps.throttle.status(shop) },
      ...(context.searchWarnings.length > 0 ? { search: context.searchWarnings } : {}),
    },
  };
}

function maxCostExceeded(cost: number): GraphQLFormattedError {
  return {
    message:
      `Query cost is ${cost}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\n` +
      "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n" +
      "cost of a query is calculated.\n\n" +
      "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
      "See https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n",
    extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: SINGLE_QUERY_MAX_COST, documentation: RATE_LIMIT_DOCS },
  };
}
