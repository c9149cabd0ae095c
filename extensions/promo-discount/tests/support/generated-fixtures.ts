// Fixtures whose inputs are built with ./inputs.ts (the campaign compiled as publishing compiles
// it, the extension's real query executed in the emulator) and whose expected outputs are written
// here by hand, checked in each description. `npx tsx extensions/promo-discount/tests/support/generated-fixtures.ts`
// writes them to tests/fixtures; fixtures.test.ts checks the committed files are exactly these.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CampaignConfig, StackingCatalogue } from "../../src/config";
import { GUARD_HANDLE, LINES_TARGET } from "../../src/config/profiles";
import { FIXTURE_DIR } from "./fixtures";
import type { Fixture } from "./fixtures";
import { campaignInput, cartLine, compiled, guardInput } from "./inputs";
import type { CartOptions } from "./inputs";

interface FixtureSpec {
  name: string;
  description: string;
  config: CampaignConfig;
  cart: CartOptions;
  expectedOutput: unknown;
}

interface GuardFixtureSpec {
  name: string;
  description: string;
  catalogue: StackingCatalogue;
  codes: string[];
  cart: CartOptions;
  expectedOutput: unknown;
}

const line = (n: number) => `gid://shopify/CartLine/${n}`;

const SPECS: FixtureSpec[] = [
  {
    name: "tiers-by-subtotal-on-order",
    description:
      "Spend tiers on the order (5% from 100.00, 10% from 250.00, 54.00 EUR off from 500.00 USD) on an EUR cart at rate 0.9: " +
      "the campaign reads no line prices, so each tier is an order candidate whose orderMinimumSubtotal (in the shop's currency) Shopify checks, " +
      "highest first with selection FIRST; the gift card is left out of both the target and the minimums. The 2 x 120.00 EUR of eligible items " +
      "(266.67 USD) reach the 10% tier, which Shopify applies.",
    config: {
      version: 1,
      effects: [
        {
          type: "tiers",
          basis: "subtotal",
          appliesTo: "order",
          tiers: [
            { from: "100.00", percentage: 5 },
            { from: "250.00", percentage: 10 },
            { from: "500.00", amount: "60.00" },
          ],
        },
      ],
    },
    cart: { currency: "EUR", rate: "0.9", lines: [cartLine(1, { price: "120.00", quantity: 2 }), cartLine(2, { price: "50.00", giftCard: true })] },
    expectedOutput: {
      operations: [
        {
          orderDiscountsAdd: {
            candidates: [
              ["500", { fixedAmount: { amount: "54.00" } }, "54.00 EUR off"],
              ["250", { percentage: { value: "10" } }, "10% off"],
              ["100", { percentage: { value: "5" } }, "5% off"],
            ].map(([minimumAmount, value, message]) => ({
              targets: [{ orderSubtotal: { excludedCartLineIds: [line(2)] } }],
              value,
              message,
              conditions: [{ orderMinimumSubtotal: { excludedCartLineIds: [line(2)], minimumAmount } }],
            })),
            selectionStrategy: "FIRST",
          },
        },
      ],
    },
  },
  {
    name: "tiers-by-amount-spread-on-lines",
    description:
      "Issue 15: tiers by subtotal giving an amount, appliesTo left at its default. Publishing gives the discount the PRODUCT class, so the " +
      "function must emit a product discount: the 110.00 of eligible items (2 x 40.00 + 30.00 in the collection) reach the 100.00 tier and its " +
      "15.00 is one fixed amount Shopify spreads over the two eligible lines; line 3 (25.00, outside the collection) is neither counted nor " +
      "discounted. The old code emitted orderDiscountsAdd here, which Shopify dropped for a PRODUCT-only discount, so these tiers never discounted.",
    config: {
      version: 1,
      effects: [
        {
          type: "tiers",
          basis: "subtotal",
          tiers: [
            { from: "50.00", amount: "5.00" },
            { from: "100.00", amount: "15.00" },
          ],
        },
      ],
      includedCollectionIds: ["gid://shopify/Collection/5"],
    },
    cart: {
      lines: [
        cartLine(1, { price: "40.00", quantity: 2, collections: [5] }),
        cartLine(2, { price: "30.00", collections: [5] }),
        cartLine(3, { price: "25.00" }),
      ],
    },
    expectedOutput: {
      operations: [
        {
          productDiscountsAdd: {
            candidates: [
              {
                targets: [{ cartLine: { id: line(1) } }, { cartLine: { id: line(2) } }],
                value: { fixedAmount: { amount: "15.00" } },
                message: "15.00 USD off",
              },
            ],
            selectionStrategy: "FIRST",
          },
        },
      ],
    },
  },
  {
    name: "stock-aware-percentage",
    description:
      "20% off the Clearance collection, but not on items with fewer than 5 in stock, and 40% on items with more than 100: the variants' " +
      "stock comes from PromoGuard's stock metafield. Line 1 (3 in stock) is not discounted; lines 2 (50) and 4 (no stock figure yet, so not held " +
      "back) get 20%; line 3 (150) gets 40%, as a second product discount on its own line.",
    config: {
      version: 1,
      effects: [{ type: "percentage", percentage: 20, overstock: { above: 100, percentage: 40 } }],
      includedCollectionIds: ["gid://shopify/Collection/7"],
      minimumStock: 5,
    },
    cart: {
      lines: [
        cartLine(1, { price: "30.00", collections: [7], stock: 3 }),
        cartLine(2, { price: "20.00", collections: [7], stock: 50 }),
        cartLine(3, { price: "15.00", collections: [7], stock: 150 }),
        cartLine(4, { price: "12.00", collections: [7] }),
      ],
    },
    expectedOutput: {
      operations: [
        {
          productDiscountsAdd: {
            candidates: [
              { targets: [{ cartLine: { id: line(2) } }, { cartLine: { id: line(4) } }], value: { percentage: { value: "20" } }, message: "20% off" },
            ],
            selectionStrategy: "FIRST",
          },
        },
        {
          productDiscountsAdd: {
            candidates: [{ targets: [{ cartLine: { id: line(3) } }], value: { percentage: { value: "40" } }, message: "40% off" }],
            selectionStrategy: "FIRST",
          },
        },
      ],
    },
  },
];

const GUARD_SPECS: GuardFixtureSpec[] = [
  {
    name: "guard-per-customer-limit",
    description:
      "LOYALTY15 may be used 3 times per customer; PromoGuard's use counts on this customer (kept from their orders) say 3 for LOYALTY15 " +
      "and 1 for the VIP-* pool codes (limit 2): the guard turns LOYALTY15 away with the count, and lets VIP-7K2 through.",
    catalogue: {
      version: 1,
      maxCodesPerOrder: 2,
      selection: "bestValue",
      unlistedCodes: "allow",
      campaigns: [
        ["LOYALTY15", "joint", 5, "15%", { maxUsesPerCustomer: 3 }],
        ["VIP-*", "joint", 4, "10.00", { maxUsesPerCustomer: 2 }],
      ],
    },
    codes: ["LOYALTY15", "VIP-7K2"],
    cart: { customer: { numberOfOrders: 5, uses: { LOYALTY15: 3, "VIP-*": 1 } }, lines: [cartLine(1, { price: "80.00" })] },
    expectedOutput: {
      operations: [
        {
          enteredDiscountCodesReject: { codes: [{ code: "LOYALTY15" }], message: "You've already used LOYALTY15 3 times: it can be used 3 times per customer" },
        },
      ],
    },
  },
];

export function generatedFixtures(): Fixture[] {
  const guards = GUARD_SPECS.map(({ name, description, catalogue, codes, cart, expectedOutput }): Fixture => ({
    name,
    description,
    target: LINES_TARGET,
    function: GUARD_HANDLE,
    config: catalogue,
    input: guardInput(catalogue, codes, cart) as unknown as Record<string, unknown>,
    expectedOutput,
  }));
  return [
    ...guards,
    ...SPECS.map(({ name, description, config, cart, expectedOutput }) => ({
      name,
      description,
      target: LINES_TARGET,
      function: compiled(config).functionHandle,
      config,
      input: campaignInput(config, cart) as unknown as Record<string, unknown>,
      expectedOutput,
    })),
  ];
}

export function fixtureText({ name: _name, ...fixture }: Fixture): string {
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const fixture of generatedFixtures()) writeFileSync(join(FIXTURE_DIR, `${fixture.name}.json`), fixtureText(fixture));
}
