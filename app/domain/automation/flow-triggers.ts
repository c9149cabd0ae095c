// PromoGuard's Shopify Flow triggers, one definition each: the handle and fields of its
// extension (extensions/flow-*/shopify.extension.toml, which a test holds equal to this) and how
// a value becomes the payload flowTriggerReceive sends. A field's key is the payload's key; a
// commerce reference (customer_reference, order_reference) travels as `customer_id`/`order_id`,
// the resource's numeric id (shopify.dev/docs/apps/build/flow/triggers/reference).

export type FlowFieldType = "customer_reference" | "order_reference" | "single_line_text_field" | "number_decimal" | "url";

export interface FlowField {
  type: FlowFieldType;
  /** The payload key: the toml field's key, or the reference's `<object>_id`. */
  key: string;
}

const text = (key: string) => ({ type: "single_line_text_field", key }) as const;
const decimal = (key: string) => ({ type: "number_decimal", key }) as const;
const url = (key: string) => ({ type: "url", key }) as const;
const customer = { type: "customer_reference", key: "customer_id" } as const;
const order = { type: "order_reference", key: "order_id" } as const;

export const FLOW_TRIGGERS = {
  poolRunningLow: {
    handle: "coupon-pool-running-low",
    fields: {
      poolName: text("Pool name"),
      available: decimal("Available codes"),
      projectedDays: decimal("Projected days"),
      alert: text("Alert"),
      details: text("Details"),
      poolPage: url("Pool page"),
    },
  },
  couponAssigned: {
    handle: "coupon-assigned",
    fields: {
      customer,
      code: text("Code"),
      validUntil: text("Valid until"),
      message: text("Message"),
      poolName: text("Pool name"),
      assignedBy: text("Assigned by"),
    },
  },
  codeRedeemed: {
    handle: "campaign-code-redeemed",
    fields: {
      order,
      code: text("Code"),
      campaignName: text("Campaign name"),
      discountAmount: decimal("Discount amount"),
      influence: text("Influence"),
    },
  },
  fraudCaseOpened: {
    handle: "fraud-case-opened",
    fields: {
      signal: text("Signal"),
      customers: decimal("Customers"),
      redemptions: decimal("Redemptions"),
      discountGiven: decimal("Discount given"),
      reviewPage: url("Review page"),
    },
  },
  budgetReached: {
    handle: "campaign-budget-reached",
    fields: {
      campaignName: text("Campaign name"),
      budget: text("Budget"),
      cap: decimal("Cap"),
      used: decimal("Used"),
      campaignPage: url("Campaign page"),
    },
  },
} as const satisfies Record<string, { handle: string; fields: Record<string, FlowField> }>;

export type FlowTriggerName = keyof typeof FLOW_TRIGGERS;

type Fields<Name extends FlowTriggerName> = (typeof FLOW_TRIGGERS)[Name]["fields"];

/** What a trigger is fired with: numbers for decimals, GIDs for references, text otherwise. */
export type FlowTriggerValues<Name extends FlowTriggerName> = {
  [Field in keyof Fields<Name>]: Fields<Name>[Field] extends { type: "number_decimal" } ? number : string;
};

export interface FlowTriggerEvent {
  handle: string;
  payload: Record<string, string | number>;
}

const NUMERIC_GID = /^gid:\/\/shopify\/\w+\/(\d+)$/;

/** Whether a GID has the numeric id a Flow reference needs. */
export const isNumericGid = (gid: string) => NUMERIC_GID.test(gid);

/** The numeric id of a GID ("gid://shopify/Customer/42" → 42), as Flow's references carry it. */
export function numericIdOf(gid: string): number {
  const match = NUMERIC_GID.exec(gid);
  if (!match) throw new Error(`Not a Shopify GID: ${gid}`);
  return Number(match[1]);
}

/** The trigger's handle and flowTriggerReceive payload for these values. */
export function flowTriggerEvent<Name extends FlowTriggerName>(name: Name, values: FlowTriggerValues<Name>): FlowTriggerEvent {
  const { handle, fields } = FLOW_TRIGGERS[name];
  const payload: Record<string, string | number> = {};
  for (const [property, field] of Object.entries(fields) as [string, FlowField][]) {
    const value = (values as Record<string, string | number>)[property];
    payload[field.key] = field.type === "customer_reference" || field.type === "order_reference" ? numericIdOf(String(value)) : value;
  }
  return { handle, payload };
}
