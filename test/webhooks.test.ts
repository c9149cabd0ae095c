import { beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as compliance } from "~/routes/webhooks.compliance";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { installShop, OTHER_SHOP, TEST_SHOP, TEST_STAFF } from "./support/shopify-app";
import { webhookRequest } from "./support/webhooks";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { signWebhookBody } from "../dev/emulator/webhooks";
import { listDeadJobs } from "~/jobs/dead-jobs.server";
import { UNREADABLE_WEBHOOK_JOB } from "~/shopify/webhook-job";

const call = async (action: (args: never) => Promise<Response>, request: Request) => {
  try {
    return await action({ request, params: {}, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

beforeEach(async () => {
  await prisma.complianceRequest.deleteMany();
  await prisma.session.deleteMany();
  await prisma.shop.deleteMany();
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
});

/** installShop stores the offline session and one online session per staff member. */
const SESSIONS_PER_SHOP = 1 + Object.keys(TEST_STAFF).length;

describe("webhook signatures", () => {
  it("rejects a webhook signed with the wrong secret and changes nothing", async () => {
    const request = webhookRequest("/webhooks/app/uninstalled", {
      topic: "app/uninstalled",
      payload: {},
      secret: "not-the-app-secret",
    });
    const response = await call(uninstalled, request);
    expect(response.status).toBe(401);
    // The offline session and each staff member's online session are all still there.
    expect(await prisma.session.count({ where: { shop: TEST_SHOP } })).toBe(SESSIONS_PER_SHOP);
  });

  it("acknowledges a verified orders/create webhook", async () => {
    const response = await call(ordersCreate, webhookRequest("/webhooks/orders/create", { topic: "orders/create", payload: { id: 1 } }));
    expect(response.status).toBe(200);
  });
});

describe("verified webhooks that cannot be processed", () => {
  function signedRequest(path: string, topic: string, body: string, shop = TEST_SHOP) {
    const template = webhookRequest(path, { topic, payload: {}, shop });
    const headers = new Headers(template.headers);
    headers.set("X-Shopify-Hmac-Sha256", signWebhookBody(body, API_SECRET_KEY));
    return new Request(template.url, { method: "POST", headers, body });
  }

  it("answers a body that is not JSON with 200 and keeps it as a failed job with the reason", async () => {
    const response = await call(ordersCreate, signedRequest("/webhooks/orders/create", "orders/create", '{"id": 1, "line_items": ['));
    expect(response.status).toBe(200);
    const [job] = await listDeadJobs(prisma, TEST_SHOP);
    expect(job).toMatchObject({
      type: UNREADABLE_WEBHOOK_JOB,
      lastError: expect.stringMatching(/^Shopify sent a notification \(orders\/create\) whose content is not valid JSON/),
    });
    expect(await prisma.webhookReceipt.count()).toBe(0);
  });

  it("stores nothing for a shop that never installed the app", async () => {
    const stranger = "stranger.myshopify.com";
    for (const [action, path, topic] of [
      [ordersCreate, "/webhooks/orders/create", "orders/create"],
      [compliance, "/webhooks/compliance", "customers/data_request"],
    ] as const) {
      const response = await call(action, webhookRequest(path, { topic, payload: { id: 1, customer: { id: 1 } }, shop: stranger }));
      expect(response.status).toBe(200);
    }
    expect(await call(ordersCreate, signedRequest("/webhooks/orders/create", "orders/create", "not json", stranger))).toHaveProperty("status", 200);
    expect(await prisma.shop.findUnique({ where: { domain: stranger } })).toBeNull();
    expect(await prisma.job.count({ where: { shopDomain: stranger } })).toBe(0);
    expect(await prisma.complianceRequest.count({ where: { shopDomain: stranger } })).toBe(0);
  });
});

describe("app/uninstalled", () => {
  it("deletes the shop's sessions and marks it uninstalled, leaving other shops alone", async () => {
    const response = await call(uninstalled, webhookRequest("/webhooks/app/uninstalled", { topic: "app/uninstalled", payload: {} }));
    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).uninstalledAt).toBeInstanceOf(Date);
    expect(await prisma.session.count({ where: { shop: OTHER_SHOP } })).toBe(SESSIONS_PER_SHOP);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: OTHER_SHOP } })).uninstalledAt).toBeNull();
  });

  it("is harmless when Shopify repeats it after the session is gone", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await call(uninstalled, webhookRequest("/webhooks/app/uninstalled", { topic: "app/uninstalled", payload: {} }));
      expect(response.status).toBe(200);
    }
  });
});

describe("app/scopes_update", () => {
  it("stores the newly granted scopes on the session", async () => {
    await call(
      scopesUpdate,
      webhookRequest("/webhooks/app/scopes_update", {
        topic: "app/scopes_update",
        payload: { current: ["read_orders", "write_discounts"], previous: [] },
      }),
    );
    const session = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } });
    expect(session.scope).toBe("read_orders,write_discounts");
  });
});

describe("compliance webhooks", () => {
  const customer = { id: 207119551, email: "sarah@example.com", phone: "555-625-1199" };

  it("records a customer data request once, without the customer's contact details", async () => {
    for (let delivery = 0; delivery < 3; delivery++) {
      const response = await call(
        compliance,
        webhookRequest("/webhooks/compliance", {
          topic: "customers/data_request",
          webhookId: "data-request-1",
          payload: { shop_domain: TEST_SHOP, customer, orders_requested: [299938] },
        }),
      );
      expect(response.status).toBe(200);
    }
    const requests = await prisma.complianceRequest.findMany();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ topic: "CUSTOMERS_DATA_REQUEST", customerId: "207119551", shopDomain: TEST_SHOP });
    expect(requests[0].completedAt).toBeInstanceOf(Date);
    expect(requests[0].payload).not.toContain("sarah@example.com");
    expect(requests[0].payload).not.toContain("555-625-1199");
  });

  it("redacts a customer's earlier records when customers/redact arrives", async () => {
    await call(
      compliance,
      webhookRequest("/webhooks/compliance", {
        topic: "customers/data_request",
        payload: { customer, orders_requested: [299938] },
      }),
    );
    await call(
      compliance,
      webhookRequest("/webhooks/compliance", {
        topic: "customers/redact",
        payload: { customer, orders_to_redact: [299938] },
      }),
    );
    const earlier = await prisma.complianceRequest.findFirstOrThrow({ where: { topic: "CUSTOMERS_DATA_REQUEST" } });
    expect(earlier.payload).not.toContain("299938");
    expect(JSON.parse(earlier.payload)).toEqual({ customer: { id: "207119551" }, redacted: true });
  });

  it("deletes everything of the shop on shop/redact and nothing of other shops", async () => {
    await call(compliance, webhookRequest("/webhooks/compliance", { topic: "customers/data_request", payload: { customer } }));
    const response = await call(compliance, webhookRequest("/webhooks/compliance", { topic: "shop/redact", payload: { shop_domain: TEST_SHOP } }));
    expect(response.status).toBe(200);
    expect(await prisma.shop.count({ where: { domain: TEST_SHOP } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await prisma.complianceRequest.count({ where: { shopDomain: TEST_SHOP } })).toBe(0);
    expect(await prisma.shop.count({ where: { domain: OTHER_SHOP } })).toBe(1);
  });
});
