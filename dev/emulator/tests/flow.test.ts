import { describe, expect, it } from "vitest";
import { appFlowExtensions, deployAppFlowExtensions, signFlowBody } from "../index";
import { legacyId } from "../admin/ids";
import { START, query, testEmulator } from "./helpers";

const TRIGGER_RECEIVE = `mutation Fire($handle: String!, $payload: JSON!) {
  flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } }
}`;

function flowShop() {
  const { emulator, clock } = testEmulator({ appCredentials: { apiKey: "app-key", apiSecret: "app-secret" } });
  deployAppFlowExtensions(emulator);
  const ada = emulator.seed.customer({ firstName: "Ada", email: "ada@example.com" });
  return { emulator, clock, ada };
}

const couponAssigned = (customerId: number) => ({
  customer_id: customerId,
  Code: "WELCOME-7QK2",
  "Valid until": "2027-01-31T00:00:00.000Z",
  Message: "15% off your next order",
  "Pool name": "Welcome series",
  "Assigned by": "Shopify Flow",
});

describe("Shopify Flow in the emulator", () => {
  it("deploys the app's triggers and action from their tomls, references as <object>_id", () => {
    const extensions = appFlowExtensions();
    const handles = extensions.map((extension) => `${extension.kind}:${extension.handle}`).sort();
    expect(handles).toEqual([
      "action:assign-coupon-from-pool",
      "trigger:campaign-budget-reached",
      "trigger:campaign-code-redeemed",
      "trigger:coupon-assigned",
      "trigger:coupon-pool-running-low",
      "trigger:fraud-case-opened",
    ]);
    const action = extensions.find((extension) => extension.kind === "action")!;
    expect(action.runtimeUrl).toMatch(/^https:\/\/.+\/flow\/actions\/assign-coupon$/);
    expect(action.fields).toEqual([
      { type: "customer_reference", key: "customer_id", required: true },
      { type: "single_line_text_field", key: "pool", required: true },
    ]);
  });

  it("records a trigger whose payload matches its fields, and starts nothing on a wrong one", () => {
    const { emulator, ada } = flowShop();
    const id = legacyId(ada.id);
    expect(query(emulator, TRIGGER_RECEIVE, { handle: "coupon-assigned", payload: couponAssigned(id) }).flowTriggerReceive.userErrors).toEqual([]);
    expect(emulator.flow.triggerRuns()).toEqual([
      {
        id: expect.stringMatching(/^gid:\/\/shopify\/FlowTriggerRun\//),
        handle: "coupon-assigned",
        payload: couponAssigned(id),
        receivedAt: new Date(START).toISOString(),
      },
    ]);

    const refused = (handle: string, payload: unknown) => query(emulator, TRIGGER_RECEIVE, { handle, payload }).flowTriggerReceive.userErrors;
    expect(refused("coupon-given", couponAssigned(id))).toEqual([
      { field: ["handle"], message: 'The app has no Flow trigger with the handle "coupon-given".' },
    ]);
    const { Code: _code, ...withoutCode } = couponAssigned(id);
    expect(refused("coupon-assigned", { ...withoutCode, Extra: "x" })).toEqual([
      { field: ["payload", "Code"], message: "The payload has no value for Code." },
      { field: ["payload", "Extra"], message: "Extra is not a field of the trigger coupon-assigned." },
    ]);
    expect(refused("coupon-assigned", { ...couponAssigned(id), customer_id: 999 })).toEqual([
      { field: ["payload", "customer_id"], message: "No customer has the id 999." },
    ]);
    expect(
      refused("coupon-pool-running-low", {
        "Pool name": "P",
        "Available codes": "many",
        "Projected days": 2,
        Alert: "x",
        Details: "y",
        "Pool page": "not a url",
      }),
    ).toEqual([
      { field: ["payload", "Available codes"], message: "Available codes must be a number." },
      { field: ["payload", "Pool page"], message: "Pool page must be a web address." },
    ]);
    expect(emulator.flow.triggerRuns()).toHaveLength(1);
  });

  it("keeps deployed extensions and received triggers in its snapshot", () => {
    const { emulator, ada } = flowShop();
    query(emulator, TRIGGER_RECEIVE, { handle: "coupon-assigned", payload: couponAssigned(legacyId(ada.id)) });
    const { emulator: restarted } = testEmulator();
    restarted.restore(JSON.parse(JSON.stringify(emulator.snapshot())));
    expect(restarted.flow.triggerRuns()).toEqual(emulator.flow.triggerRuns());
    expect(restarted.store().flow.extensions).toEqual(emulator.store().flow.extensions);
  });

  it("runs an action step as Flow does: a signed POST to the runtime path on the app, resent after 5xx until 200", async () => {
    const { emulator, ada } = flowShop();
    const received: { url: string; body: string; hmac: string | null }[] = [];
    const answers = [503, 200];
    const result = await emulator.flow.runAction({
      handle: "assign-coupon-from-pool",
      properties: { customer_id: ada.id, pool: "Welcome series" },
      appUrl: "http://localhost:4123",
      retries: 3,
      send: async (request) => {
        received.push({ url: request.url, body: await request.text(), hmac: request.headers.get("X-Shopify-Hmac-SHA256") });
        return new Response("{}", { status: answers.shift() });
      },
    });
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
    expect(result.status).toBe(200);
    expect(received).toHaveLength(2);
    expect(received[0].url).toBe("http://localhost:4123/flow/actions/assign-coupon");
    expect(received[0].body).toBe(received[1].body);
    expect(received[0].hmac).toBe(signFlowBody(received[0].body, "app-secret"));
    expect(JSON.parse(received[0].body)).toEqual({
      shop_id: String(legacyId(emulator.store().shop.id)),
      shopify_domain: emulator.defaultShop,
      action_run_id: result.actionRunId,
      action_definition_id: "Assign a coupon from a pool",
      handle: "assign-coupon-from-pool",
      properties: { customer_id: String(legacyId(ada.id)), pool: "Welcome series", step_reference: expect.any(String) },
    });
  });

  it("does not resend a step the app refused with a 4xx, and will not save a step without its required fields", async () => {
    const { emulator, ada } = flowShop();
    let calls = 0;
    const refused = await emulator.flow.runAction({
      handle: "assign-coupon-from-pool",
      properties: { customer_id: ada.id, pool: "Nope" },
      appUrl: "http://localhost:4123",
      retries: 5,
      send: async () => {
        calls++;
        return new Response(JSON.stringify({ message: "No pool" }), { status: 422 });
      },
    });
    expect(refused).toMatchObject({ status: 422, attempts: [{ status: 422, body: '{"message":"No pool"}' }] });
    expect(calls).toBe(1);
    await expect(
      emulator.flow.runAction({ handle: "assign-coupon-from-pool", properties: { customer_id: ada.id }, appUrl: "http://localhost:4123" }),
    ).rejects.toThrow(/without pool/);
  });
});
