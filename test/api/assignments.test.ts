// POST /api/v1/pools/{id}/assignments through the whole Remix app: idempotency under concurrent
// identical requests, the campaign's holdout, the empty pool and its alert, what is kept with an
// assignment and in the audit trail, and every malformed request answered 4xx as problem+json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { secretHash } from "~/domain/api-keys/keys.server";
import { isHeldOut } from "~/domain/pools/assignments.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { codeList, givenPool, importInto } from "../pools/support";
import { givenCampaign } from "../redemptions/support";
import { startRemixApp, startRemixHttpServer } from "../support/remix-server";
import { TEST_SHOP } from "../support/shopify-app";
import { apiKey, callApi, type App } from "./support";

let app: App;
let key: string;

beforeAll(async () => {
  app = await startRemixApp();
  key = await apiKey(["assign", "read"]);
});
afterAll(() => app.close());

async function poolWith(codes: number, prefix: string) {
  const pool = await givenPool(TEST_SHOP, `${prefix} pool`);
  if (codes > 0) await importInto(pool, codeList(prefix, codes));
  return pool;
}

const assign = (poolId: number, json: unknown, headers: Record<string, string> = {}, secret = key) =>
  callApi(app, `/api/v1/pools/${poolId}/assignments`, { method: "POST", key: secret, json, headers });

describe("idempotency", () => {
  it("gives 50 concurrent identical requests one code", async () => {
    const pool = await poolWith(20, "IDEM");
    const answers = await Promise.all(Array.from({ length: 50 }, () => assign(pool.id, { email: "Same@Example.com" }, { "Idempotency-Key": "welcome:same" })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(answers.map((answer) => answer.body.code))).toEqual(new Set(["IDEM-1"]));
    expect(answers.filter((answer) => answer.headers.get("Idempotent-Replayed") === "true")).toHaveLength(49);
    expect(answers.filter((answer) => answer.body.replayed)).toHaveLength(49);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(1);
    expect(await prisma.coupon.count({ where: { poolId: pool.id, assignedAt: { not: null } } })).toBe(1);
    // Every use is audited: the assignment once, each repeat as a repeat.
    const audit = await prisma.auditEntry.groupBy({
      by: ["action"],
      where: { shopDomain: TEST_SHOP, actorName: { startsWith: "API key" }, OR: [{ entityLabel: "IDEM-1" }, { entityId: String(pool.id) }] },
      _count: true,
    });
    expect(Object.fromEntries(audit.map((row) => [row.action, row._count]))).toEqual({ "coupon.assign": 1, "api.assign-replayed": 49 });
  });

  it("gives a new code without a key and refuses a key reused for another email", async () => {
    const pool = await poolWith(5, "NOKEY");
    const first = await assign(pool.id, { email: "a@example.com" });
    const second = await assign(pool.id, { email: "a@example.com" });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.code).not.toBe(second.body.code);
    await assign(pool.id, { email: "b@example.com" }, { "Idempotency-Key": "k-1" });
    const reused = await assign(pool.id, { email: "c@example.com" }, { "Idempotency-Key": "k-1" });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ type: "urn:promoguard:problem:idempotency-key-reused", detail: expect.stringContaining("another email") });
  });
});

describe("the holdout", () => {
  it("decides per recipient as the pool's live campaign says, records each decision and repeats it", async () => {
    const pool = await poolWith(40, "HOLD");
    const campaign = await givenCampaign(TEST_SHOP, { name: "Welcome experiment", codeSource: "pool", poolId: pool.id });
    await prisma.campaign.update({ where: { id: campaign.id }, data: { holdoutPercent: 50 } });
    const emails = Array.from({ length: 30 }, (_, index) => `recipient${index}@example.com`);
    const answers = new Map<string, Awaited<ReturnType<typeof assign>>>();
    for (const email of emails) answers.set(email, await assign(pool.id, { email, source: "klaviyo" }, { "Idempotency-Key": `flow:${email}` }));

    const heldOut = emails.filter((email) => isHeldOut(campaign.id, email, 50));
    expect(heldOut.length).toBeGreaterThan(5);
    expect(heldOut.length).toBeLessThan(25);
    for (const email of emails) {
      const answer = answers.get(email)!;
      expect(answer.status).toBe(201);
      if (heldOut.includes(email)) expect(answer.body).toMatchObject({ heldOut: true, code: null, validUntil: null });
      else expect(answer.body).toMatchObject({ heldOut: false, code: expect.stringMatching(/^HOLD-/) });
    }
    const recorded = await prisma.holdoutAssignment.findMany({ where: { poolId: pool.id }, orderBy: { email: "asc" } });
    expect(recorded.map((row) => row.email)).toEqual([...heldOut].sort());
    expect(recorded.every((row) => row.campaignId === campaign.id && row.source === "klaviyo")).toBe(true);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(emails.length - heldOut.length);
    expect(await prisma.auditEntry.count({ where: { action: "coupon.hold-out", entityId: String(pool.id) } })).toBe(heldOut.length);

    const again = await assign(pool.id, { email: heldOut[0], source: "klaviyo" }, { "Idempotency-Key": `flow:${heldOut[0]}` });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ heldOut: true, code: null, replayed: true });
    expect(await prisma.holdoutAssignment.count({ where: { poolId: pool.id } })).toBe(heldOut.length);
  });
});

describe("an empty pool", () => {
  it("answers 409 with a clear error and fires the pool's EMPTY alert", async () => {
    const pool = await poolWith(1, "LAST");
    expect((await assign(pool.id, { email: "first@example.com" })).status).toBe(201);
    const refused = await assign(pool.id, { email: "second@example.com" });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("Content-Type")).toBe("application/problem+json");
    expect(refused.body).toMatchObject({
      type: "urn:promoguard:problem:pool-empty",
      title: "Pool empty",
      detail: "This pool has no coupons left to assign. Import more codes to continue.",
    });
    expect(await prisma.poolAlert.findMany({ where: { poolId: pool.id, openKind: { not: null } }, select: { kind: true } })).toEqual([{ kind: "EMPTY" }]);
    const detail = await callApi(app, `/api/v1/pools/${pool.id}`, { key });
    expect(detail.body).toMatchObject({ available: 0, assigned: 1, openAlerts: [expect.objectContaining({ kind: "EMPTY" })] });
    expect(await prisma.auditEntry.count({ where: { action: "api.assign-refused", entityId: String(pool.id) } })).toBe(1);
  });
});

describe("what an assignment keeps", () => {
  it("keeps the customer and the caller's metadata, and names the recipient in the audit trail only by a keyed hash", async () => {
    const pool = await poolWith(3, "META");
    const answer = await assign(pool.id, {
      email: "Kept.Person@Example.com",
      customerId: 7294713323,
      source: "klaviyo",
      metadata: { flow: "welcome", step: 2, vip: true },
    });
    expect(answer.status).toBe(201);
    const row = await prisma.couponAssignment.findFirstOrThrow({ where: { poolId: pool.id } });
    expect(row).toMatchObject({ email: "kept.person@example.com", customerId: "gid://shopify/Customer/7294713323", source: "klaviyo" });
    expect(JSON.parse(row.metadata!)).toEqual({ flow: "welcome", step: 2, vip: true });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "coupon.assign", entityLabel: "META-1" } });
    expect(entry.actorName).toMatch(/^API key “Test key \d+”$/);
    expect(entry.actorId).toBeNull();
    expect(JSON.stringify(entry.diff)).toContain(redactedEmail(TEST_SHOP, "kept.person@example.com"));
    expect(JSON.stringify(entry.diff).toLowerCase()).not.toContain("kept.person@example.com");
    // The key's last use shows in Settings → API keys.
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { secretHash: secretHash(key) } })).lastUsedAt).not.toBeNull();
  });

  it("refuses a customer id or metadata that is not one, field by field", async () => {
    const pool = await poolWith(2, "BADMETA");
    const badCustomer = await assign(pool.id, { email: "x@example.com", customerId: "gid://shopify/Order/1" });
    expect(badCustomer.status).toBe(422);
    expect(badCustomer.body.errors).toEqual({ customerId: expect.stringContaining("Shopify customer id") });
    const bigMetadata = await assign(pool.id, {
      email: "x@example.com",
      metadata: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "x".repeat(400)])),
    });
    expect(bigMetadata.status).toBe(422);
    expect(bigMetadata.body.errors).toEqual({ metadata: "metadata may be at most 2048 bytes as JSON." });
    const badEmail = await assign(pool.id, { email: "not an email" });
    expect(badEmail.status).toBe(422);
    expect(badEmail.body.errors).toEqual({ email: '"not an email" is not an email address.' });
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);
  });
});

describe("requests that are not right", () => {
  const raw = async (poolId: number, body: BodyInit | undefined, headers: Record<string, string>, method = "POST") =>
    callApi(app, `/api/v1/pools/${poolId}/assignments`, { method, key, body, headers });

  it("answers every malformed request with a problem+json 4xx, never a 500", async () => {
    const pool = await poolWith(5, "BAD");
    const cases: [string, () => ReturnType<typeof raw>, number, string][] = [
      ["malformed JSON", () => raw(pool.id, '{"email": "a@example.com",', { "Content-Type": "application/json" }), 400, "malformed-body"],
      ["an empty body", () => raw(pool.id, "", { "Content-Type": "application/json" }), 400, "malformed-body"],
      ["bytes that are not UTF-8", () => raw(pool.id, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { "Content-Type": "application/json" }), 400, "malformed-body"],
      [
        "a form instead of JSON",
        () => raw(pool.id, "email=a%40example.com", { "Content-Type": "application/x-www-form-urlencoded" }),
        415,
        "unsupported-media-type",
      ],
      ["no content type", () => raw(pool.id, '{"email":"a@example.com"}', {}), 415, "unsupported-media-type"],
      [
        "a 1 MB body",
        () => raw(pool.id, JSON.stringify({ email: "a@example.com", metadata: { note: "x".repeat(1024 * 1024) } }), { "Content-Type": "application/json" }),
        413,
        "body-too-large",
      ],
      ["a JSON array", () => raw(pool.id, "[1,2]", { "Content-Type": "application/json" }), 422, "invalid-input"],
      ["JSON null", () => raw(pool.id, "null", { "Content-Type": "application/json" }), 422, "invalid-input"],
      ["a number for the email", () => raw(pool.id, '{"email": 42}', { "Content-Type": "application/json" }), 422, "invalid-input"],
      ["an unknown field", () => raw(pool.id, '{"email": "a@example.com", "emial": "typo"}', { "Content-Type": "application/json" }), 422, "invalid-input"],
      [
        "a source that is not a name",
        () => raw(pool.id, '{"email": "a@example.com", "source": "Klaviyo Flow!"}', { "Content-Type": "application/json" }),
        422,
        "invalid-input",
      ],
      [
        "an idempotency key of 300 characters",
        () => raw(pool.id, '{"email": "a@example.com"}', { "Content-Type": "application/json", "Idempotency-Key": "k".repeat(300) }),
        400,
        "invalid-input",
      ],
      [
        "a pool id that is no number",
        () => callApi(app, "/api/v1/pools/abc/assignments", { method: "POST", key, json: { email: "a@example.com" } }),
        404,
        "not-found",
      ],
      [
        "a pool id beyond any",
        () => callApi(app, "/api/v1/pools/999999999999999/assignments", { method: "POST", key, json: { email: "a@example.com" } }),
        404,
        "not-found",
      ],
      ["GET on the assignments", () => raw(pool.id, undefined, {}, "GET"), 405, "method-not-allowed"],
      ["DELETE on a pool", () => callApi(app, `/api/v1/pools/${pool.id}`, { method: "DELETE", key }), 405, "method-not-allowed"],
      ["a path that is no endpoint", () => callApi(app, "/api/v1/coupons", { key }), 404, "not-found"],
    ];
    for (const [what, send, status, kind] of cases) {
      const answer = await send();
      expect({ what, status: answer.status, type: answer.body.type }).toEqual({ what, status, type: `urn:promoguard:problem:${kind}` });
      expect(answer.headers.get("Content-Type"), what).toBe("application/problem+json");
      expect(typeof answer.body.detail, what).toBe("string");
    }
    expect((await raw(pool.id, undefined, {}, "GET")).headers.get("Allow")).toBe("POST");
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);
  });

  it("answers a body over the limit with 413 over a real socket, after reading it away", async () => {
    const server = await startRemixHttpServer();
    try {
      const pool = await poolWith(1, "SOCKET");
      const response = await fetch(`${server.origin}/api/v1/pools/${pool.id}/assignments`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ email: "a@example.com", metadata: { note: "x".repeat(512 * 1024) } }),
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { detail: string }).detail).toBe("The body may be at most 32 KB.");
    } finally {
      await server.close();
    }
  });

  it("echoes a sensible X-Request-Id and makes one up otherwise", async () => {
    const pool = await poolWith(2, "REQID");
    const given = await callApi(app, `/api/v1/pools/${pool.id}`, { key, headers: { "X-Request-Id": "klaviyo-flow-123" } });
    expect(given.headers.get("X-Request-Id")).toBe("klaviyo-flow-123");
    const odd = await callApi(app, `/api/v1/pools/${pool.id}`, { key, headers: { "X-Request-Id": "<script>" } });
    expect(odd.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("the rate limit", () => {
  it("answers 429 with Retry-After once a key goes over its limit, and other keys are not affected", async () => {
    const previous = process.env.API_RATE_LIMIT;
    process.env.API_RATE_LIMIT = "2"; // 2 a second, bursts of 4
    try {
      const limited = await apiKey(["read"]);
      const statuses: number[] = [];
      let refused: Awaited<ReturnType<typeof callApi>> | null = null;
      for (let i = 0; i < 6; i++) {
        const answer = await callApi(app, "/api/v1/pools", { key: limited });
        statuses.push(answer.status);
        if (answer.status === 429) refused ??= answer;
      }
      expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
      expect(statuses.slice(4)).toContain(429);
      expect(refused!.headers.get("Retry-After")).toBe("1");
      expect(refused!.body).toMatchObject({ type: "urn:promoguard:problem:rate-limited", detail: expect.stringContaining("2 requests a second") });
      expect((await callApi(app, "/api/v1/pools", { key: await apiKey(["read"]) })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await callApi(app, "/api/v1/pools", { key: limited })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.API_RATE_LIMIT;
      else process.env.API_RATE_LIMIT = previous;
    }
  });
});
