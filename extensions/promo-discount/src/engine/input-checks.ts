// Values the function copies from its input into its output (line ids, quantities, delivery
// option handles, codes) are checked on the way in: malformed input must end as "no discount",
// never as an output Shopify would refuse. One typeof per value, so the cost stays per line.
import { UnexpectedInputError } from "../money";

export function checkedText(value: unknown, what: string): string {
  if (typeof value !== "string" || value.length === 0) throw new UnexpectedInputError(`${what} is not a non-empty string`);
  return value;
}

export function checkedQuantity(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new UnexpectedInputError(`${what} is not a positive whole number`);
  return value;
}

export function checkedFlag(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw new UnexpectedInputError(`${what} is not a boolean`);
  return value;
}
