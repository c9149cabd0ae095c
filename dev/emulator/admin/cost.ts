import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// Shopify's documented default field costs (shopify.dev, "GraphQL Admin API rate limits"):
// scalar and enum 0, object 1, interface and union the most expensive possible selection,
// connection 2 plus `first`/`last` times the cost of one node, mutation 10. Shopify's own
// per-field overrides are not published; one observed rule is modelled too: the objects a
// mutation payload returns directly (codeDiscountNode, userErrors, …) are covered by the 10.
const OBJECT_COST = 1;
const CONNECTION_COST = 2;
export const MUTATION_COST = 10;

/** A type Shopify charges as a connection: edges/nodes plus pageInfo. */
export function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return "pageInfo" in fields && ("edges" in fields || "nodes" in fields);
}

interface CostScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** The cost Shopify charges before running an operation: the most it could cost. */
export function requestedQueryCost(scope: CostScope, operation: OperationDefinitionNode): number {
  const rootType = scope.schema.getRootType(operation.operation)!;
  const fields = collectFields(scope, operation.selectionSet, rootType);
  if (operation.operation !== "mutation") return fields.reduce((sum, field) => sum + fieldCost(scope, field, rootType), 0);
  return fields.reduce((sum, field) => {
    if (field.name.value === "__typename") return sum;
    const payloadType = getNamedType(rootType.getFields()[field.name.value].type);
    const payloadFields = isObjectType(payloadType) && field.selectionSet ? collectFields(scope, field.selectionSet, payloadType) : [];
    return sum + MUTATION_COST + payloadFields.reduce((inner, child) => inner + payloadFieldCost(scope, child, payloadType as GraphQLObjectType), 0);
  }, 0);
}

function payloadFieldCost(scope: CostScope, field: FieldNode, payloadType: GraphQLObjectType): number {
  const returned = getNamedType(payloadType.getFields()[field.name.value]?.type);
  if (!returned || isLeafType(returned) || isConnectionType(returned) || !field.selectionSet) return fieldCost(scope, field, payloadType);
  return selectionSetCost(scope, field.selectionSet, returned as GraphQLCompositeType);
}

function fieldCost(scope: CostScope, field: FieldNode, parentType: GraphQLObjectType): number {
  if (field.name.value.startsWith("__")) return 0;
  const definition = parentType.getFields()[field.name.value];
  const returned = getNamedType(definition.type);
  if (isLeafType(returned) || !field.selectionSet) return 0;
  if (isConnectionType(returned)) {
    const args = getArgumentValues(definition, field, scope.variables) as { first?: number; last?: number };
    const pageSize = args.first ?? args.last ?? 0;
    return CONNECTION_COST + pageSize * connectionItemCost(scope, field.selectionSet, returned);
  }
  return OBJECT_COST + selectionSetCost(scope, field.selectionSet, returned as GraphQLCompositeType);
}

/** One node's cost, through `nodes` and/or `edges { node }`; the connection's 2 covers pageInfo and edges. */
function connectionItemCost(scope: CostScope, selectionSet: SelectionSetNode, connection: GraphQLObjectType): number {
  return collectFields(scope, selectionSet, connection).reduce((sum, field) => {
    const returned = getNamedType(connection.getFields()[field.name.value]?.type);
    if (field.name.value === "nodes" && field.selectionSet) {
      return sum + OBJECT_COST + selectionSetCost(scope, field.selectionSet, returned as GraphQLCompositeType);
    }
    if (field.name.value === "edges" && field.selectionSet && isObjectType(returned)) {
      return collectFields(scope, field.selectionSet, returned)
        .filter((edgeField) => edgeField.name.value === "node" && edgeField.selectionSet)
        .reduce((edgeSum, node) => {
          const nodeType = getNamedType(returned.getFields().node.type) as GraphQLCompositeType;
          return edgeSum + OBJECT_COST + selectionSetCost(scope, node.selectionSet!, nodeType);
        }, sum);
    }
    return sum;
  }, 0);
}

function selectionSetCost(scope: CostScope, selectionSet: SelectionSetNode, type: GraphQLCompositeType): number {
  const concreteTypes = isAbstractType(type) ? scope.schema.getPossibleTypes(type) : [type as GraphQLObjectType];
  return Math.max(
    0,
    ...concreteTypes.map((concrete) => collectFields(scope, selectionSet, concrete).reduce((sum, field) => sum + fieldCost(scope, field, concrete), 0)),
  );
}

/** The fields a selection set selects on one concrete type, through fragments, honouring @skip/@include. */
function collectFields(scope: CostScope, selectionSet: SelectionSetNode, type: GraphQLObjectType): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (!isIncluded(scope, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      fields.push(selection);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : scope.fragments[selection.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition ? typeFromAST(scope.schema, fragment.typeCondition) : type;
    const applies = condition === type || (condition !== undefined && isAbstractType(condition) && scope.schema.isSubType(condition, type));
    if (applies) fields.push(...collectFields(scope, fragment.selectionSet, type));
  }
  return fields;
}

function isIncluded(scope: CostScope, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, scope.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, scope.variables)?.if !== false;
}

/**
 * The cost actually incurred, counted while the operation runs by the emulator's field
 * resolver: each object returned costs 1, each connection 2 plus its nodes, each mutation 10.
 * Null results cost nothing, which is how Shopify's actual cost falls below the requested one.
 */
export class ActualCostCounter {
  private total = 0;

  record(info: GraphQLResolveInfo, result: unknown): void {
    this.total += actualFieldCost(info, result);
  }

  /** Never above the requested cost: lists of objects are charged once when requested, once per item here. */
  value(requested: number): number {
    return Math.min(this.total, requested);
  }
}

function actualFieldCost(info: GraphQLResolveInfo, result: unknown): number {
  if (result === null || result === undefined) return 0;
  const returned = getNamedType(info.returnType);
  if (isLeafType(returned)) return 0;
  if (info.parentType === info.schema.getMutationType()) return MUTATION_COST;
  const isPayloadField = info.operation.operation === "mutation" && info.path.prev !== undefined && info.path.prev.prev === undefined;
  if (isPayloadField && !isConnectionType(returned)) return 0;
  if (isConnectionType(returned)) return CONNECTION_COST;
  if (isConnectionType(info.parentType)) {
    if (info.fieldName === "nodes" && Array.isArray(result)) return result.length * OBJECT_COST;
    return 0;
  }
  if (Array.isArray(result)) return result.length > 0 ? OBJECT_COST : 0;
  return OBJECT_COST;
}
