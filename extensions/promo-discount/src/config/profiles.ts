// The function extensions that back PromoGuard's discounts, and the input queries they read.
//
// Shopify refuses an input query that costs more than 30 points (a metafield, hasAnyTag,
// hasTags or inAnyCollection costs 3, any other leaf 1) or is longer than 3,000 bytes, and a run
// pays for every byte of input it is given. One query that served every rule would cost 37
// points and make every campaign pay for the heaviest. So campaigns are served by a few
// extensions that share one bundle and differ only in the optional line fields their queries may
// ask for; each optional field is asked for only when the campaign's `with…` variable says so
// (`@include`), and the compiler (compile.ts) picks an extension whose queries cover what the
// campaign reads. The guard has its own extension and query. `npm run schema` writes the .graphql
// files from this module; a test checks the committed files are exactly these.

import { CUSTOMER_USES_KEY, METAFIELD_NAMESPACE, RULES_KEY, STACKING_CATALOGUE_KEY, STOCK_KEY } from "../checkout/rules";
/** A line field a campaign may need, with its alias in the input, its points and its selection. */
export const LINE_FIELDS = {
  quantity: { points: 1, flag: "withQuantity" },
  price: { points: 1, flag: "withPrice" },
  variantId: { points: 1, flag: "withVariantId" },
  sku: { points: 1, flag: "withSku" },
  productId: { points: 1, flag: "withProductId" },
  vendor: { points: 1, flag: "withVendor" },
  includedCollections: { points: 3, flag: "withIncludedCollections", variable: "includedCollectionIds" },
  excludedCollections: { points: 3, flag: "withExcludedCollections", variable: "excludedCollectionIds" },
  buyCollections: { points: 3, flag: "withBuyCollections", variable: "buyCollectionIds" },
  includedTags: { points: 3, flag: "withIncludedTags", variable: "includedProductTags" },
  excludedTags: { points: 3, flag: "withExcludedTags", variable: "excludedProductTags" },
  /** The variant's stock, an app-owned metafield PromoGuard keeps current from inventory. */
  stock: { points: 3, flag: "withStock" },
} as const;

export type LineField = keyof typeof LINE_FIELDS;
export type FunctionTarget = "cart.lines.discounts.generate.run" | "cart.delivery-options.discounts.generate.run";
export const LINES_TARGET: FunctionTarget = "cart.lines.discounts.generate.run";
export const DELIVERY_TARGET: FunctionTarget = "cart.delivery-options.discounts.generate.run";

export interface CampaignProfile {
  /** The extension's handle (its folder under extensions/ and the functionHandle of its discounts). */
  handle: string;
  title: string;
  /** The optional line fields each target's query can read. */
  fields: Record<FunctionTarget, readonly LineField[]>;
}

const LISTS: readonly LineField[] = ["variantId", "sku", "productId", "vendor"];

/** In the order the compiler tries them. */
export const CAMPAIGN_PROFILES: readonly CampaignProfile[] = [
  {
    handle: "promo-discount",
    title: "PromoGuard campaigns",
    fields: {
      [LINES_TARGET]: ["quantity", "price", "includedCollections", "excludedCollections", "includedTags", "excludedTags"],
      [DELIVERY_TARGET]: ["quantity", "price", "includedCollections", "excludedCollections", "excludedTags"],
    },
  },
  {
    handle: "promo-discount-catalog",
    title: "PromoGuard campaigns on product lists",
    fields: {
      [LINES_TARGET]: ["quantity", "price", ...LISTS, "includedCollections", "excludedCollections"],
      [DELIVERY_TARGET]: ["quantity", "price", ...LISTS, "includedCollections", "excludedCollections"],
    },
  },
  {
    handle: "promo-discount-tagged",
    title: "PromoGuard campaigns on product tags and lists",
    fields: {
      [LINES_TARGET]: ["quantity", "price", "sku", "productId", "vendor", "includedCollections", "includedTags", "excludedTags"],
      [DELIVERY_TARGET]: ["quantity", "price", "includedCollections", "includedTags", "excludedTags"],
    },
  },
  {
    handle: "promo-discount-stock",
    title: "PromoGuard campaigns that follow stock",
    fields: {
      [LINES_TARGET]: ["quantity", "price", "stock", "variantId", "productId", "includedCollections", "excludedCollections"],
      [DELIVERY_TARGET]: ["quantity", "price", "stock", "includedCollections", "excludedCollections"],
    },
  },
  {
    handle: "promo-discount-bundles",
    title: "PromoGuard buy X get Y on collections",
    fields: {
      [LINES_TARGET]: ["quantity", "price", ...LISTS, "buyCollections", "includedCollections"],
      [DELIVERY_TARGET]: ["quantity", "price", ...LISTS, "includedCollections"],
    },
  },
];

export const GUARD_HANDLE = "promo-guard";

/** Shopify's documented input-query limits (shopify.dev/docs/api/functions/latest#input-query-limits). */
export const INPUT_QUERY_LIMITS = { points: 30, bytes: 3000, listVariableItems: 100 } as const;

/** Every variable a campaign query declares; the published input metafield carries all of them. */
export const FLAG_VARIABLES = Object.values(LINE_FIELDS).map((field) => field.flag);

const NAMESPACE = METAFIELD_NAMESPACE;

/**
 * The product flags Shopify answers from a query variable (the rules' flag matchers): their alias,
 * the line field that reads them, and whether the variable lists collections or product tags.
 */
export const MEMBERSHIP_FLAGS = [
  { alias: "a", field: "includedCollections", of: "collections" },
  { alias: "b", field: "excludedCollections", of: "collections" },
  { alias: "y", field: "buyCollections", of: "collections" },
  { alias: "t", field: "includedTags", of: "tags" },
  { alias: "u", field: "excludedTags", of: "tags" },
] as const satisfies readonly { alias: string; field: LineField; of: "collections" | "tags" }[];

function productSelection(fields: readonly LineField[]): string {
  const parts = ["g: isGiftCard"];
  const optional: [LineField, string][] = [
    ["productId", "i: id"],
    ["vendor", "v: vendor"],
    ...MEMBERSHIP_FLAGS.map(({ alias, field, of }): [LineField, string] => [
      field,
      of === "collections" ? `${alias}: inAnyCollection(ids: $${LINE_FIELDS[field].variable})` : `${alias}: hasAnyTag(tags: $${LINE_FIELDS[field].variable})`,
    ]),
  ];
  for (const [field, selection] of optional) if (fields.includes(field)) parts.push(`${selection} @include(if: $${LINE_FIELDS[field].flag})`);
  return parts.join(" ");
}

function lineSelection(fields: readonly LineField[], withId: boolean): string {
  const parts = withId ? ["i: id"] : [];
  if (fields.includes("quantity")) parts.push("q: quantity @include(if: $withQuantity)");
  if (fields.includes("price")) parts.push("c: cost @include(if: $withPrice) { a: amountPerQuantity { a: amount } }");
  const variant: string[] = [];
  if (fields.includes("variantId")) variant.push("i: id @include(if: $withVariantId)");
  if (fields.includes("sku")) variant.push("s: sku @include(if: $withSku)");
  if (fields.includes("stock")) variant.push(`k: metafield(namespace: "${NAMESPACE}", key: "${STOCK_KEY}") @include(if: $withStock) { j: jsonValue }`);
  variant.push(`p: product { ${productSelection(fields)} }`);
  parts.push(`m: merchandise { ... on ProductVariant { ${variant.join(" ")} } }`);
  return parts.join(" ");
}

function variableDeclarations(fields: readonly LineField[]): string[] {
  const declarations = ["$customerTags: [String!]!", "$hoursFrom: TimeWithoutTimezone!", "$hoursUntil: TimeWithoutTimezone!"];
  for (const field of fields) {
    const spec = LINE_FIELDS[field];
    if ("variable" in spec) declarations.push(`$${spec.variable}: [${spec.variable.endsWith("Ids") ? "ID" : "String"}!]!`);
  }
  for (const field of fields) declarations.push(`$${LINE_FIELDS[field].flag}: Boolean!`);
  return declarations;
}

/** One campaign query, compact (Shopify counts its bytes), with a comment header Shopify does not count. */
export function campaignQuery(profile: CampaignProfile, target: FunctionTarget): string {
  const fields = profile.fields[target];
  const delivery = target === DELIVERY_TARGET;
  const groups = delivery
    ? "g: deliveryGroups { a: deliveryAddress { c: countryCode } o: deliveryOptions { h: handle c: cost { a: amount } t: deliveryMethodType } }"
    : "g: deliveryGroups { a: deliveryAddress { c: countryCode } }";
  return [
    `# ${target} input of ${profile.handle}, generated by scripts/generate-schema.ts from src/config/profiles.ts.`,
    "# Aliases: see src/checkout/input.ts. Optional line fields are read only when the discount's input",
    "# metafield sets their with… flag; Shopify counts this query's cost (at most 30) and bytes (3,000).",
    `query Input(${variableDeclarations(fields).join(", ")}) {`,
    "r: presentmentCurrencyRate",
    "l: localization { c: country { i: isoCode } }",
    `d: discount { r: metafield(namespace: "${NAMESPACE}", key: "${RULES_KEY}") { j: jsonValue } }`,
    "s: shop { t: localTime { d: date h: timeBetween(startTime: $hoursFrom, endTime: $hoursUntil) } }",
    "c: cart {",
    "c: cost { s: subtotalAmount { c: currencyCode } }",
    "b: buyerIdentity { c: customer { n: numberOfOrders t: hasTags(tags: $customerTags) { t: tag h: hasTag } } p: purchasingCompany { c: company { i: id } } }",
    groups,
    `l: lines { ${lineSelection(fields, !delivery)} }`,
    "}",
    "}",
    "",
  ].join("\n");
}

export const GUARD_QUERY = [
  "# cart.lines.discounts.generate.run input of promo-guard, generated by scripts/generate-schema.ts",
  "# from src/config/profiles.ts. Aliases: see GuardInput in src/checkout/input.ts.",
  "query Input {",
  "e: enteredDiscountCodes { c: code r: rejectable }",
  "r: presentmentCurrencyRate",
  "l: localization { c: country { i: isoCode } }",
  `s: shop { c: metafield(namespace: "${NAMESPACE}", key: "${STACKING_CATALOGUE_KEY}") { j: jsonValue } t: localTime { d: date } }`,
  "c: cart {",
  "c: cost { s: subtotalAmount { a: amount c: currencyCode } }",
  `b: buyerIdentity { c: customer { n: numberOfOrders u: metafield(namespace: "${NAMESPACE}", key: "${CUSTOMER_USES_KEY}") { j: jsonValue } } p: purchasingCompany { c: company { i: id } } }`,
  "g: deliveryGroups { a: deliveryAddress { c: countryCode } }",
  "l: lines { q: quantity }",
  "}",
  "}",
  "",
].join("\n");

/** The file name each target's query has in an extension's src/ folder. */
export const QUERY_FILES: Record<FunctionTarget, string> = {
  "cart.lines.discounts.generate.run": "cart_lines_discounts_generate_run.graphql",
  "cart.delivery-options.discounts.generate.run": "cart_delivery_options_discounts_generate_run.graphql",
};
