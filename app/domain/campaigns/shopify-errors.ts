// Shopify's userErrors, turned into plain words next to the campaign form field they concern.
import type { ShopifyUserError } from "~/shopify/discounts.server";

/** Problems that concern no single field are shown above the form. */
export const GENERAL_FIELD = "general";

/** Shopify input field (after the input argument's name) → the campaign form's field. */
const FORM_FIELD_FOR: Record<string, string> = {
  title: "name",
  code: "sharedCode",
  startsAt: "startsAt",
  endsAt: "endsAt",
  usageLimit: "usageLimit",
  appliesOncePerCustomer: "oncePerCustomer",
  combinesWith: "combinesWithProduct",
  metafields: "config",
  catalogue: "stackingCategory",
};

/** Shopify's wording replaced where a merchant would not know what to do with it. */
const PLAIN_WORDS: Record<string, Record<string, string>> = {
  sharedCode: {
    TAKEN: "Another discount in your store already uses this code. Choose a different code.",
    BLANK: "Enter the code customers will type at checkout.",
    TOO_LONG: "Codes are at most 255 characters.",
  },
  name: { BLANK: "Enter a campaign name." },
  startsAt: { BLANK: "Enter when the campaign starts." },
  endsAt: { INVALID: "The campaign must end after it starts." },
  usageLimit: { GREATER_THAN: "The usage limit must be at least 1." },
};

const FUNCTION_FIELDS = new Set(["functionHandle", "functionId", "discountClasses"]);
const FUNCTION_MISSING =
  "PromoGuard's discount function isn't available in this store yet, so Shopify can't create the discount. Reinstall PromoGuard, then publish again.";

export function formFieldFor(error: ShopifyUserError): string {
  const path = error.field ?? [];
  // Paths start with the input argument (codeAppDiscount, automaticAppDiscount) or a top-level argument.
  const inputField = path.length > 1 && /Discount$/.test(path[0]) ? path[1] : path[0];
  return (inputField && FORM_FIELD_FOR[inputField]) ?? GENERAL_FIELD;
}

export function plainMessage(error: ShopifyUserError, field: string): string {
  const path = error.field ?? [];
  if (path.some((part) => FUNCTION_FIELDS.has(part)) && /not found|Unexpected Function API|blank/i.test(error.message)) return FUNCTION_MISSING;
  const plain = error.code ? PLAIN_WORDS[field]?.[error.code] : undefined;
  if (plain) return plain;
  return field === "catalogue" || path[0] === "catalogue" ? `The stacking catalogue can't take this campaign: ${error.message}` : error.message;
}

/** userErrors keyed by form field; the first error of a field wins. */
export function userErrorsByField(userErrors: ShopifyUserError[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const error of userErrors) {
    const field = formFieldFor(error);
    errors[field] ??= plainMessage(error, field);
  }
  return errors;
}

/** Shopify refused an operation; the user errors say why. */
export class ShopifyRefused extends Error {
  constructor(
    what: string,
    readonly userErrors: ShopifyUserError[],
  ) {
    super(`${what}: ${userErrors.map((error) => error.message).join("; ")}`);
    this.name = "ShopifyRefused";
  }
}
