// Shopify's documented limits on a function's input query and input
// (shopify.dev/docs/api/functions/latest, "Input query limits" and "Dynamic limits"), checked
// here so that a query or a cart the real platform would refuse fails in the emulator too.
import { TypeInfo, getNamedType, isLeafType, parse, visit, visitWithTypeInfo } from "graphql";
import type { DocumentNode, GraphQLSchema } from "graphql";

export const INPUT_QUERY_MAX_POINTS = 30;
export const INPUT_QUERY_MAX_BYTES = 3000;
export const LIST_VARIABLE_MAX_ITEMS = 100;
/** Up to 200 cart lines; above, the limits scale with the lines (@scaleLimits(rate: 0.005) on Cart.lines), at most tenfold. */
export const INPUT_MAX_BYTES = 64_000;
export const OUTPUT_MAX_BYTES = 20_000;
export const INSTRUCTION_LIMIT = 11_000_000;

const THREE_POINT_FIELDS = new Set(["hasAnyTag", "hasTags", "inAnyCollection", "inCollections"]);
/** Fields on these types cost nothing: their parent field already paid. */
const FREE_PARENTS = new Set(["Metafield", "HasTagResponse", "CollectionMembership"]);

/** The query's cost as Shopify calculates it: 3 for metafields and membership fields, 1 for other leaves. */
export function inputQueryPoints(schema: GraphQLSchema, document: DocumentNode): number {
  const typeInfo = new TypeInfo(schema);
  let points = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === "__typename") return;
        const parent = typeInfo.getParentType();
        if (parent && FREE_PARENTS.has(parent.name)) return;
        const type = typeInfo.getType();
        const named = type ? getNamedType(type) : null;
        if (named?.name === "Metafield" || THREE_POINT_FIELDS.has(node.name.value)) points += 3;
        else if (named && isLeafType(named)) points += 1;
      },
    }),
  );
  return points;
}

export function inputQueryProblems(schema: GraphQLSchema, text: string): string[] {
  const problems: string[] = [];
  const points = inputQueryPoints(schema, parse(text));
  if (points > INPUT_QUERY_MAX_POINTS) problems.push(`costs ${points} points; Shopify allows ${INPUT_QUERY_MAX_POINTS}`);
  const bytes = Buffer.byteLength(text.replace(/#[^\n]*/g, ""), "utf8");
  if (bytes > INPUT_QUERY_MAX_BYTES) problems.push(`is ${bytes} bytes without comments; Shopify allows ${INPUT_QUERY_MAX_BYTES}`);
  return problems;
}

/** Cart.lines carries @scaleLimits(rate: 0.005): above 200 lines every dynamic limit grows with the cart, at most tenfold. */
export function limitScale(lineCount: number): number {
  return Math.min(10, Math.max(1, lineCount * 0.005));
}

export function listVariableProblems(variables: Record<string, unknown>): string[] {
  return Object.entries(variables)
    .filter(([, value]) => Array.isArray(value) && value.length > LIST_VARIABLE_MAX_ITEMS)
    .map(([name, value]) => `variable $${name} lists ${(value as unknown[]).length} items; Shopify allows ${LIST_VARIABLE_MAX_ITEMS}`);
}
