// The demo store's contents: deterministic, so every fresh demo (and every browser test) sees
// the same shop. Prices are in USD; costs are what analytics use for margins.

export interface DemoProduct {
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  collections: string[];
  variants: { title: string; sku: string; price: string; unitCost: string; inventory: number }[];
}

export interface DemoCustomer {
  firstName: string;
  lastName: string;
  email: string;
  tags: string[];
  countryCode: string;
}

export const DEMO_SHOP = {
  domain: "promoguard-demo.myshopify.com",
  name: "PromoGuard Demo Store",
  currencyCode: "USD",
  ianaTimezone: "America/New_York",
} as const;

export interface DemoStaffMember {
  /** Shopify's user id: the session token's `sub`. */
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  accountOwner: boolean;
  /** The PromoGuard role the demo starts them with (an Owner can change it under Settings). */
  role: "owner" | "approver" | "manager" | "requester";
}

/**
 * The demo store's staff, one per PromoGuard role: the account owner (who opens the demo), a
 * marketing lead who approves, a campaign manager, and an intern who may only request.
 */
/**
 * The agency's person: a collaborator account working in both demo stores, a Manager in each. The
 * same Shopify user id in both stores is how PromoGuard recognises them across stores.
 */
export const DEMO_AGENCY_USER: DemoStaffMember = {
  id: 80_000_005,
  firstName: "Jonas",
  lastName: "Berg",
  email: "jonas@lumen-agency.example",
  accountOwner: false,
  role: "manager",
};

export const DEMO_STAFF: DemoStaffMember[] = [
  { id: 80_000_001, firstName: "Hannah", lastName: "Lindqvist", email: "hannah@promoguard-demo.example", accountOwner: true, role: "owner" },
  { id: 80_000_002, firstName: "Marcus", lastName: "Oyelaran", email: "marcus@promoguard-demo.example", accountOwner: false, role: "approver" },
  { id: 80_000_003, firstName: "Sofia", lastName: "Marchetti", email: "sofia@promoguard-demo.example", accountOwner: false, role: "manager" },
  { id: 80_000_004, firstName: "Theo", lastName: "Nakamura", email: "theo@promoguard-demo.example", accountOwner: false, role: "requester" },
  DEMO_AGENCY_USER,
];

export const DEMO_OWNER = DEMO_STAFF[0];

/** The second demo store: another client of the same agency, selling in euros in Finland. */
export const DEMO_SECOND_SHOP = {
  domain: "nordlys-home.myshopify.com",
  name: "Nordlys Home",
  currencyCode: "EUR",
  ianaTimezone: "Europe/Helsinki",
} as const;

export const DEMO_SECOND_STAFF: DemoStaffMember[] = [
  { id: 80_000_101, firstName: "Aino", lastName: "Virtanen", email: "aino@nordlys-home.example", accountOwner: true, role: "owner" },
  { id: 80_000_102, firstName: "Eero", lastName: "Laine", email: "eero@nordlys-home.example", accountOwner: false, role: "approver" },
  { id: 80_000_104, firstName: "Sanna", lastName: "Koskinen", email: "sanna@nordlys-home.example", accountOwner: false, role: "requester" },
  DEMO_AGENCY_USER,
];

export interface DemoStoreSpec {
  shop: { domain: string; name: string; currencyCode: string; ianaTimezone: string };
  staff: DemoStaffMember[];
  /** The offline token the emulator hands out for the store at token exchange. */
  offlineToken: string;
}

/** Every demo store, the first being the one the demo opens on (and whose storefront it serves). */
export const DEMO_STORES: DemoStoreSpec[] = [
  { shop: DEMO_SHOP, staff: DEMO_STAFF, offlineToken: "shpat_promoguard_demo" },
  { shop: DEMO_SECOND_SHOP, staff: DEMO_SECOND_STAFF, offlineToken: "shpat_promoguard_demo_nordlys" },
];

export function demoStore(domain: string | null | undefined): DemoStoreSpec {
  return DEMO_STORES.find((store) => store.shop.domain === domain) ?? DEMO_STORES[0];
}

export const DEMO_COLLECTIONS = [
  { handle: "bedroom", title: "Bedroom" },
  { handle: "kitchen", title: "Kitchen" },
  { handle: "living-room", title: "Living room" },
  { handle: "bestsellers", title: "Bestsellers" },
  { handle: "new-arrivals", title: "New arrivals" },
  { handle: "clearance", title: "Clearance" },
] as const;

const RANGES: { collection: string; vendor: string; type: string; items: [string, number][] }[] = [
  {
    collection: "bedroom",
    vendor: "Nordic Loom",
    type: "Bedding",
    items: [
      ["Linen duvet cover", 189],
      ["Percale sheet set", 129],
      ["Wool throw", 149],
      ["Down pillow", 79],
      ["Silk pillowcase", 59],
      ["Weighted blanket", 219],
      ["Bedside lamp", 89],
    ],
  },
  {
    collection: "kitchen",
    vendor: "Copper & Clay",
    type: "Kitchenware",
    items: [
      ["Cast iron skillet", 69],
      ["Stoneware mug set", 48],
      ["Chef's knife", 129],
      ["Linen apron", 38],
      ["Olive wood board", 55],
      ["Pour-over kettle", 95],
      ["Ceramic bowl set", 72],
    ],
  },
  {
    collection: "living-room",
    vendor: "Hearth Studio",
    type: "Decor",
    items: [
      ["Jute rug", 249],
      ["Velvet cushion", 45],
      ["Oak side table", 299],
      ["Brass candle holder", 39],
      ["Ceramic vase", 65],
      ["Floor lamp", 179],
      ["Wall mirror", 159],
    ],
  },
];

function slug(text: string) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/(^-|-$)/g, "");
}

export const DEMO_PRODUCTS: DemoProduct[] = RANGES.flatMap((range, rangeIndex) =>
  range.items.map(([title, price], index) => {
    const extra = [
      ...(index % 3 === 0 ? ["bestsellers"] : []),
      ...(index % 4 === 1 ? ["new-arrivals"] : []),
      ...(index === range.items.length - 1 ? ["clearance"] : []),
    ];
    const skuBase = `${range.type.slice(0, 3).toUpperCase()}-${String(rangeIndex * 100 + index + 1).padStart(3, "0")}`;
    const sizes = index % 2 === 0 ? ["Standard"] : ["Small", "Large"];
    return {
      title,
      handle: slug(title),
      vendor: range.vendor,
      productType: range.type,
      tags: [range.type.toLowerCase(), ...(extra.includes("clearance") ? ["final-sale"] : []), ...(price >= 150 ? ["premium"] : [])],
      collections: [range.collection, ...extra],
      variants: sizes.map((size, sizeIndex) => {
        const variantPrice = price + sizeIndex * Math.round(price * 0.25);
        return {
          title: size,
          sku: sizes.length === 1 ? skuBase : `${skuBase}-${size[0]}`,
          price: variantPrice.toFixed(2),
          unitCost: (variantPrice * (0.38 + (index % 3) * 0.06)).toFixed(2),
          inventory: index === 2 ? 3 : 40 + index * 7,
        };
      }),
    };
  }),
);

const FIRST_NAMES = [
  "Sarah",
  "Liam",
  "Aisha",
  "Mateo",
  "Yuki",
  "Olivia",
  "Noah",
  "Fatima",
  "Lucas",
  "Emma",
  "Kwame",
  "Sofia",
  "Ethan",
  "Priya",
  "Hugo",
  "Chloe",
];
const LAST_NAMES = [
  "Johnson",
  "Martin",
  "Khan",
  "Garcia",
  "Tanaka",
  "Brown",
  "Smith",
  "Haddad",
  "Silva",
  "Dubois",
  "Mensah",
  "Rossi",
  "Miller",
  "Patel",
  "Bernard",
  "Wilson",
];
const COUNTRIES = ["US", "US", "US", "CA", "GB", "DE", "FR", "AU"];

export const DEMO_CUSTOMERS: DemoCustomer[] = FIRST_NAMES.map((firstName, index) => ({
  firstName,
  lastName: LAST_NAMES[index],
  email: `${firstName}.${LAST_NAMES[index]}@example.com`.toLowerCase(),
  tags: [...(index % 4 === 0 ? ["vip"] : []), ...(index % 5 === 2 ? ["wholesale"] : []), ...(index % 3 === 1 ? ["newsletter"] : [])],
  countryCode: COUNTRIES[index % COUNTRIES.length],
}));

/**
 * The one PromoGuard campaign the demo store already runs: the shared code AUTUMN15, posted on
 * social media with a tagged link (utm_campaign=autumn-social), made by the store's Manager.
 */
export const DEMO_CAMPAIGN = {
  name: "Autumn social",
  code: "AUTUMN15",
  percentage: 15,
  utmCampaign: "autumn-social",
  purpose: "Win new customers from Instagram",
  channel: "social",
  startedDaysAgo: 30,
  endsInDays: 30,
} as const;

/**
 * A second live campaign, with no orders yet: 5% off from $300, so the demo storefront's cart and
 * checkout say "Spend $X more to get 5% off" from the first item on.
 */
export const DEMO_SPEND_OFFER = {
  name: "Basket builder 5% over $300",
  code: "BASKET5",
  percentage: 5,
  minimumSubtotal: "300.00",
  purpose: "Bigger baskets",
  channel: "email",
  startedDaysAgo: 1,
  endsInDays: 60,
} as const;

/**
 * A campaign the Manager drafted and did not publish yet: kitchen items, clearance left out. Saved
 * into a playbook and applied to Nordlys Home, its clearance exclusion has nothing to map to there.
 */
export const DEMO_KITCHEN_DRAFT = {
  name: "Kitchen week 10%",
  code: "KITCHEN10",
  percentage: 10,
  includedCollection: "kitchen",
  excludedCollection: "clearance",
  purpose: "Kitchen range push",
  channel: "email",
  startsInDays: 2,
  lastsDays: 7,
} as const;

/** Nordlys Home sells the bedroom and kitchen ranges (no living room, clearance or new arrivals),
 * in euros. */
export const DEMO_SECOND_COLLECTIONS = DEMO_COLLECTIONS.filter((collection) => ["bedroom", "kitchen", "bestsellers"].includes(collection.handle));
export const DEMO_SECOND_PRODUCTS: DemoProduct[] = DEMO_PRODUCTS.filter((product) =>
  product.collections.some((handle) => handle === "bedroom" || handle === "kitchen"),
).map((product) => ({
  ...product,
  collections: product.collections.filter((handle) => DEMO_SECOND_COLLECTIONS.some((collection) => collection.handle === handle)),
  variants: product.variants.map((variant) => ({
    ...variant,
    price: (Math.round(Number(variant.price) * 0.95) - 0.05).toFixed(2),
    unitCost: (Number(variant.unitCost) * 0.92).toFixed(2),
  })),
}));

/** Nordlys Home's past orders: customers of its own, and its pre-PromoGuard code VINTER10. */
export const DEMO_SECOND_ORDER_HISTORY = Array.from({ length: 12 }, (_, index) => ({
  customerEmail: DEMO_CUSTOMERS[(index * 3) % DEMO_CUSTOMERS.length].email,
  daysAgo: 2 + index * 3,
  lines: [{ sku: DEMO_SECOND_PRODUCTS[(index * 5) % DEMO_SECOND_PRODUCTS.length].variants[0].sku, quantity: 1 + (index % 2) }],
  discountCode: index % 3 === 0 ? "VINTER10" : undefined,
  landingSite: null as string | null,
}));

/** Orders with AUTUMN15 by customers who had never ordered: four came through the tagged link
 * (influenced), two typed the code they found elsewhere (applied). */
const AUTUMN_ORDERS = [1, 2, 4, 6, 9, 12].map((daysAgo, index) => ({
  customerEmail: DEMO_CUSTOMERS[10 + index].email,
  daysAgo,
  lines: [{ sku: DEMO_PRODUCTS[(index * 3 + 1) % DEMO_PRODUCTS.length].variants[0].sku, quantity: 1 + (index % 3) }],
  discountCode: DEMO_CAMPAIGN.code as string | undefined,
  landingSite: index % 3 === 2 ? null : `/collections/autumn?utm_source=instagram&utm_medium=social&utm_campaign=${DEMO_CAMPAIGN.utmCampaign}`,
}));

/** Past orders: the first ten customers are returning buyers; six of the others first ordered with
 * AUTUMN15 in the last two weeks; the rest have never ordered. */
export const DEMO_ORDER_HISTORY = [
  ...Array.from({ length: 24 }, (_, index) => ({
    customerEmail: DEMO_CUSTOMERS[index % 10].email,
    daysAgo: 3 + index * 2,
    lines: [
      { sku: DEMO_PRODUCTS[(index * 5) % DEMO_PRODUCTS.length].variants[0].sku, quantity: 1 + (index % 2) },
      ...(index % 3 === 0 ? [{ sku: DEMO_PRODUCTS[(index * 7 + 3) % DEMO_PRODUCTS.length].variants[0].sku, quantity: 1 }] : []),
    ],
    // The first customer uses WELCOME10, then LOYALTY15 three weeks later: seed 000's stacked-codes story.
    discountCode: index % 4 === 0 ? "WELCOME10" : index % 6 === 1 || index === 10 ? "LOYALTY15" : undefined,
    landingSite: null as string | null,
  })),
  ...AUTUMN_ORDERS,
];

// ---------------------------------------------------------------------------------------------
// The Flow journey (dev/demo/flow-journey.ts): a fresh demo store runs a Shopify Flow workflow
// that gives 200 newsletter subscribers a code from a pool through PromoGuard's Flow action,
// with the campaign holding 10% of them out; some of them then shop.

const SUBSCRIBER_FIRST = [
  "Avery",
  "Jordan",
  "Maya",
  "Theo",
  "Ines",
  "Ravi",
  "Lena",
  "Omar",
  "Nora",
  "Felix",
  "Zara",
  "Kenji",
  "Elena",
  "Marcus",
  "Ivy",
  "Tomas",
  "Amara",
  "Leo",
  "Hana",
  "Diego",
];
const SUBSCRIBER_LAST = ["Novak", "Reyes", "Okafor", "Lindgren", "Costa", "Iyer", "Becker", "Farouk", "Walsh", "Moreau"];

/** 200 newsletter subscribers who have never ordered. */
export const DEMO_SUBSCRIBERS: DemoCustomer[] = Array.from({ length: 200 }, (_, index) => {
  const firstName = SUBSCRIBER_FIRST[index % SUBSCRIBER_FIRST.length];
  const lastName = SUBSCRIBER_LAST[Math.floor(index / SUBSCRIBER_FIRST.length) % SUBSCRIBER_LAST.length];
  return {
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${index + 1}@subscribers.example`.toLowerCase(),
    tags: ["newsletter"],
    countryCode: COUNTRIES[index % COUNTRIES.length],
  };
});

/** The campaign the Flow feeds: unique codes from a pool, 10% of recipients held out to measure it. */
export const DEMO_FLOW_CAMPAIGN = {
  name: "Newsletter welcome back",
  poolName: "Newsletter codes",
  codePrefix: "NEWS",
  codes: 240,
  percentage: 15,
  holdoutPercent: 10,
  purpose: "Bring newsletter subscribers back for a first order",
  channel: "email",
  startedDaysAgo: 1,
  endsInDays: 45,
} as const;

/** Which subscribers shop after the workflow ran, as a share of each group: codes bring more of them. */
export const DEMO_RESPONSE = { treated: 0.34, heldOut: 0.12 } as const;
