// Checks a function's output against the target's result type in the Discount Function API
// schema, the way Shopify rejects an invalid run: graphql's input coercion for shapes, enums and
// required fields, plus what introspection cannot express (@oneOf, Decimal and Handle scalars,
// the value ranges the schema documents).
import {
  coerceInputValue,
  getNamedType,
  GraphQLInputObjectType,
  GraphQLNonNull,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLList,
} from "graphql";
import { parseDecimal } from "./money";
import { loadDiscountFunctionSchema, ONE_OF_INPUT_TYPES } from "./schema";
import type { FunctionTarget } from "./types";

export type Decimal = string | number;

export interface CartLineTarget {
  id: string;
  quantity?: number | null;
}
export interface ProductDiscountCandidate {
  targets: { cartLine?: CartLineTarget | null }[];
  prerequisites?: { cartLine?: { id: string; quantity: number } | null }[] | null;
  value: {
    fixedAmount?: { amount: Decimal; appliesToEachItem?: boolean | null } | null;
    percentage?: { value: Decimal } | null;
  };
  message?: string | null;
  associatedDiscountCode?: { code: string } | null;
}
export interface OrderCondition {
  orderMinimumSubtotal?: { excludedCartLineIds: string[]; minimumAmount: Decimal } | null;
  cartLineMinimumSubtotal?: { ids: string[]; minimumAmount: Decimal } | null;
  cartLineMinimumQuantity?: { ids: string[]; minimumQuantity: number } | null;
}
export interface OrderDiscountCandidate {
  targets: { orderSubtotal?: { excludedCartLineIds: string[] } | null }[];
  value: { fixedAmount?: { amount: Decimal } | null; percentage?: { value: Decimal } | null };
  conditions?: OrderCondition[] | null;
  message?: string | null;
  associatedDiscountCode?: { code: string } | null;
}
export interface DeliveryDiscountCandidate {
  targets: { deliveryGroup?: { id: string } | null; deliveryOption?: { handle: string } | null }[];
  value: { fixedAmount?: { amount: Decimal } | null; percentage?: { value: Decimal } | null };
  message?: string | null;
  associatedDiscountCode?: { code: string } | null;
}
export interface CodesAccept {
  codes: { code: string }[];
}
export interface CodesReject {
  codes: { code: string }[];
  message: string;
}

/** One operation of either target's result; each holds exactly one of these fields (@oneOf). */
export interface FunctionOperation {
  productDiscountsAdd?: { selectionStrategy: "FIRST" | "MAXIMUM" | "ALL"; candidates: ProductDiscountCandidate[] } | null;
  orderDiscountsAdd?: { selectionStrategy: "FIRST" | "MAXIMUM"; candidates: OrderDiscountCandidate[] } | null;
  deliveryDiscountsAdd?: { selectionStrategy: "ALL"; candidates: DeliveryDiscountCandidate[] } | null;
  enteredDiscountCodesAccept?: CodesAccept | null;
  enteredDiscountCodesReject?: CodesReject | null;
}

export interface FunctionResult {
  operations: FunctionOperation[];
}

const RESULT_TYPE_BY_TARGET: Record<FunctionTarget, string> = {
  "cart.lines.discounts.generate.run": "CartLinesDiscountsGenerateRunResult",
  "cart.delivery-options.discounts.generate.run": "CartDeliveryOptionsDiscountsGenerateRunResult",
};

/** Limits the schema states in field descriptions ("The value is validated against: > 0"). */
const RANGES: Record<string, { holds: (value: number) => boolean; rule: string }> = {
  "Percentage.value": { holds: (value) => value >= 0 && value <= 100, rule: ">= 0 and <= 100" },
  "FixedAmount.amount": { holds: (value) => value >= 0, rule: ">= 0" },
  "ProductDiscountCandidateFixedAmount.amount": { holds: (value) => value >= 0, rule: ">= 0" },
  "CartLineTarget.quantity": { holds: (value) => value > 0, rule: "> 0" },
  "CartLinePrerequisite.quantity": { holds: (value) => value > 0, rule: "> 0" },
};

/** Returns the output typed if it is a valid result for `target`; otherwise throws listing every problem with its path. */
export function validateFunctionOutput(target: FunctionTarget, output: unknown, who: string): FunctionResult {
  const resultType = loadDiscountFunctionSchema().getType(RESULT_TYPE_BY_TARGET[target]);
  if (!(resultType instanceof GraphQLInputObjectType)) throw new Error(`Schema lacks ${RESULT_TYPE_BY_TARGET[target]}`);
  const problems: string[] = [];
  const coerced = coerceInputValue(output, new GraphQLNonNull(resultType), (path, _invalid, error) => {
    problems.push(`${formatPath(path)}: ${error.message}`);
  });
  if (problems.length === 0) checkBeyondCoercion(coerced, resultType, [], problems);
  if (problems.length > 0) {
    throw new Error(`${who} returned an invalid ${resultType.name}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
  return coerced as FunctionResult;
}

function formatPath(path: ReadonlyArray<string | number>): string {
  return path.length === 0 ? "output" : `output.${path.join(".")}`;
}

function checkBeyondCoercion(value: unknown, type: GraphQLInputType, path: (string | number)[], problems: string[]): void {
  if (value === null || value === undefined) return;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    (value as unknown[]).forEach((item, index) => checkBeyondCoercion(item, (nullable as GraphQLList<GraphQLInputType>).ofType, [...path, index], problems));
    return;
  }
  if (isInputObjectType(nullable)) {
    const record = value as Record<string, unknown>;
    const fields = nullable.getFields();
    if (ONE_OF_INPUT_TYPES.has(nullable.name)) {
      const given = Object.keys(fields).filter((name) => record[name] !== undefined && record[name] !== null);
      if (given.length !== 1) {
        problems.push(
          `${formatPath(path)}: ${nullable.name} is @oneOf and needs exactly one of ${Object.keys(fields).join(", ")}; got ${given.length === 0 ? "none" : given.join(", ")}`,
        );
      }
    }
    for (const [name, field] of Object.entries(fields)) {
      const fieldPath = [...path, name];
      const fieldValue = record[name];
      checkScalar(fieldValue, field.type, `${nullable.name}.${name}`, fieldPath, problems);
      checkBeyondCoercion(fieldValue, field.type, fieldPath, problems);
    }
  }
}

function checkScalar(value: unknown, type: GraphQLInputType, coordinate: string, path: (string | number)[], problems: string[]): void {
  if (value === null || value === undefined || isListType(isNonNullType(type) ? type.ofType : type)) return;
  const named = getNamedType(type);
  if (!(named instanceof GraphQLScalarType)) return;
  let numeric: number | undefined;
  if (named.name === "Decimal") {
    try {
      const decimal = parseDecimal(value, coordinate);
      numeric = Number(decimal.units) / 10 ** decimal.scale;
    } catch (error) {
      problems.push(`${formatPath(path)}: ${(error as Error).message}`);
      return;
    }
  } else if (named.name === "Handle" && typeof value !== "string") {
    problems.push(`${formatPath(path)}: Handle must be a string, got ${JSON.stringify(value)}`);
    return;
  } else if (typeof value === "number") {
    numeric = value;
  }
  const range = RANGES[coordinate];
  if (range && numeric !== undefined && !range.holds(numeric)) {
    problems.push(`${formatPath(path)}: ${coordinate} must be ${range.rule}, got ${JSON.stringify(value)}`);
  }
}
