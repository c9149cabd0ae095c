// PromoGuard's Shopify Flow extensions, checked offline against the rules Shopify CLI applies when
// it loads them (Shopify/cli packages/app/src/cli/models/extensions/specifications/flow_trigger.ts
// and flow_action.ts, services/flow/validation.ts and constants.ts; shopify.dev/docs/apps/build/
// flow/triggers/reference and actions/reference), and against the app code that fires and serves
// them: the trigger definitions the payloads are built from, and the action's route.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FLOW_TRIGGERS } from "~/domain/automation/flow-triggers";
import { ASSIGN_COUPON_ACTION_HANDLE } from "~/domain/automation/flow-action.server";

const EXTENSIONS = path.resolve("extensions");

// Shopify CLI: a handle of 1–30 alphanumeric characters and hyphens, not starting or ending with one.
const handle = z
  .string()
  .max(30)
  .regex(/^[a-zA-Z0-9-]+$/)
  .refine((value) => !value.startsWith("-") && !value.endsWith("-"));
const COMMERCE_REFERENCES = {
  trigger: ["customer_reference", "order_reference", "product_reference", "company_reference", "company_contact_reference"],
  action: [
    "customer_reference",
    "order_reference",
    "product_reference",
    "marketing_activity_reference",
    "abandonment_reference",
    "company_reference",
    "company_contact_reference",
  ],
};
// The field types each kind takes besides references (CLI constants: supportedTriggerTypes, supportedActionTypes).
const FIELD_TYPES = {
  trigger: ["boolean", "email", "single_line_text_field", "url", "number_decimal"],
  action: ["boolean", "email", "multi_line_text_field", "number_integer", "single_line_text_field", "url", "number_decimal"],
};
const reference = (kind: "trigger" | "action") =>
  z.object({ type: z.enum(COMMERCE_REFERENCES[kind] as [string, ...string[]]), description: z.string().optional(), required: z.boolean().optional() }).strict();
const triggerField = z.union([
  reference("trigger"),
  // Trigger keys are the payload's keys: letters and spaces only.
  z.object({ type: z.enum(FIELD_TYPES.trigger as [string, ...string[]]), key: z.string().regex(/^[a-zA-Z\s]+$/), description: z.string().optional() }).strict(),
]);
const actionField = z.union([
  reference("action"),
  z
    .object({
      type: z.enum(FIELD_TYPES.action as [string, ...string[]]),
      key: z.string(),
      name: z.string(),
      description: z.string().optional(),
      required: z.boolean().optional(),
    })
    .strict(),
]);
const https = z
  .string()
  .url()
  .refine((value) => value.startsWith("https://"), "must start with https://");
const triggerToml = z
  .object({
    extensions: z.array(z.object({ name: z.string(), type: z.literal("flow_trigger"), handle, description: z.string().optional() }).strict()).length(1),
    settings: z.object({ fields: z.array(triggerField) }).strict(),
  })
  .strict();
const actionToml = z
  .object({
    extensions: z
      .array(z.object({ name: z.string(), type: z.literal("flow_action"), handle, description: z.string().optional(), runtime_url: https }).strict())
      .length(1),
    settings: z.object({ fields: z.array(actionField) }).strict(),
  })
  .strict();

function flowExtensionFolders() {
  return readdirSync(EXTENSIONS)
    .filter((name) => name.startsWith("flow-"))
    .map((name) => ({ name, file: path.join(EXTENSIONS, name, "shopify.extension.toml") }));
}

const read = (file: string) =>
  parseToml(readFileSync(file, "utf8")) as {
    extensions: { type: string; handle: string; runtime_url?: string }[];
    settings: { fields: { type: string; key?: string }[] };
  };
/** The payload key of a toml field: its key, or `<object>_id` for a commerce reference. */
const payloadKey = (field: { type: string; key?: string }) => (field.type.endsWith("_reference") ? field.type.replace(/_reference$/, "_id") : field.key);

describe("the Shopify Flow extensions", () => {
  const folders = flowExtensionFolders();

  it("live under extensions/flow-*, one shopify.extension.toml each", () => {
    expect(folders.map((folder) => folder.name).sort()).toEqual([
      "flow-assign-coupon",
      "flow-budget-reached",
      "flow-code-redeemed",
      "flow-coupon-assigned",
      "flow-fraud-case-opened",
      "flow-pool-running-low",
    ]);
    for (const folder of folders) expect(existsSync(folder.file), folder.file).toBe(true);
  });

  it.each(flowExtensionFolders().map((folder) => [folder.name, folder.file]))("%s is a valid Flow extension as Shopify CLI loads it", (_name, file) => {
    const toml = read(file);
    const schema = toml.extensions[0]?.type === "flow_action" ? actionToml : triggerToml;
    const result = schema.safeParse(toml);
    expect(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([]);
  });

  it("declares each trigger the app fires with exactly the fields its payload carries", () => {
    const triggers = folders.map((folder) => read(folder.file)).filter((toml) => toml.extensions[0].type === "flow_trigger");
    expect(triggers.map((toml) => toml.extensions[0].handle).sort()).toEqual(
      Object.values(FLOW_TRIGGERS)
        .map((trigger) => trigger.handle)
        .sort(),
    );
    for (const definition of Object.values(FLOW_TRIGGERS)) {
      const toml = triggers.find((candidate) => candidate.extensions[0].handle === definition.handle)!;
      const declared = toml.settings.fields.map((field) => ({ type: field.type, key: payloadKey(field) }));
      expect(declared, definition.handle).toEqual(Object.values(definition.fields).map(({ type, key }) => ({ type, key })));
    }
  });

  it("points the action at the route that serves it, with the fields that route reads", () => {
    const action = folders.map((folder) => read(folder.file)).find((toml) => toml.extensions[0].type === "flow_action")!;
    expect(action.extensions[0].handle).toBe(ASSIGN_COUPON_ACTION_HANDLE);
    const route = new URL(action.extensions[0].runtime_url!).pathname.slice(1).replaceAll("/", ".");
    expect(existsSync(path.resolve("app", "routes", `${route}.ts`)), route).toBe(true);
    expect(action.settings.fields.map(payloadKey)).toEqual(["customer_id", "pool"]);
  });
});
