// Shopify Flow's side of the Admin API: flowTriggerReceive starts the workflows that begin with
// one of the app's deployed triggers (shopify.dev/docs/apps/build/flow/triggers/reference). The
// emulator checks the payload against the trigger's fields as its toml declares them and records
// each accepted run (store.flow.triggerRuns), so tests see exactly what a workflow would get.
// Shopify's wording for refused payloads is not published: the messages are the emulator's own,
// with the payload key in `field`.
import type { GraphQLResolveInfo } from "graphql";
import { isoNow, type AdminContext } from "../context";
import { refuseUnhandledArguments } from "../errors";
import { gid } from "../ids";
import type { FlowExtensionRecord, FlowFieldRecord } from "../records";
import { userError } from "../views";

type UserError = ReturnType<typeof userError>;

const REFERENCE_RESOURCES: Record<string, { table: "customers" | "orders" | "products"; type: string }> = {
  customer_reference: { table: "customers", type: "Customer" },
  order_reference: { table: "orders", type: "Order" },
  product_reference: { table: "products", type: "Product" },
};

const isNumeric = (value: unknown) =>
  (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)));

function isWebUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Why a field's value does not fit its type; null when it does. */
function valueProblem(context: AdminContext, field: FlowFieldRecord, value: unknown): string | null {
  const reference = REFERENCE_RESOURCES[field.type];
  if (reference) {
    const id = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null;
    if (id === null || !Number.isSafeInteger(id)) return `${field.key} must be the numeric id of a ${reference.type.toLowerCase()}.`;
    return context.store[reference.table].has(gid(reference.type, id)) ? null : `No ${reference.type.toLowerCase()} has the id ${id}.`;
  }
  switch (field.type) {
    case "number_decimal":
      return isNumeric(value) ? null : `${field.key} must be a number.`;
    case "boolean":
      return typeof value === "boolean" ? null : `${field.key} must be true or false.`;
    case "url":
      return typeof value === "string" && isWebUrl(value) ? null : `${field.key} must be a web address.`;
    case "email":
      return typeof value === "string" && /^[^@\s]+@[^@\s]+$/.test(value) ? null : `${field.key} must be an email address.`;
    default:
      return typeof value === "string" ? null : `${field.key} must be text.`;
  }
}

function payloadErrors(context: AdminContext, trigger: FlowExtensionRecord, payload: Record<string, unknown>): UserError[] {
  const errors: UserError[] = [];
  for (const field of trigger.fields) {
    if (!(field.key in payload) || payload[field.key] === null) {
      errors.push(userError(["payload", field.key], `The payload has no value for ${field.key}.`));
      continue;
    }
    const problem = valueProblem(context, field, payload[field.key]);
    if (problem) errors.push(userError(["payload", field.key], problem));
  }
  const known = new Set(trigger.fields.map((field) => field.key));
  for (const key of Object.keys(payload)) {
    if (!known.has(key)) errors.push(userError(["payload", key], `${key} is not a field of the trigger ${trigger.handle}.`));
  }
  return errors;
}

export const flowMutations = {
  flowTriggerReceive: (args: { handle?: string | null; payload?: unknown; body?: string | null }, context: AdminContext, info: GraphQLResolveInfo) => {
    // `body` is deprecated in favour of handle + payload; the app never sends it.
    refuseUnhandledArguments(info, args, ["handle", "payload"]);
    const trigger = context.store.flow.extensions.find((extension) => extension.kind === "trigger" && extension.handle === args.handle);
    if (!trigger) return { userErrors: [userError(["handle"], `The app has no Flow trigger with the handle "${args.handle ?? ""}".`)] };
    const payload = args.payload;
    if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
      return { userErrors: [userError(["payload"], "The payload must be a JSON object of the trigger's fields.")] };
    }
    const errors = payloadErrors(context, trigger, payload as Record<string, unknown>);
    if (errors.length > 0) return { userErrors: errors };
    context.store.flow.triggerRuns.push({
      id: context.store.newId("FlowTriggerRun"),
      handle: trigger.handle,
      payload: structuredClone(payload as Record<string, unknown>),
      receivedAt: isoNow(context),
    });
    return { userErrors: [] };
  },
};
