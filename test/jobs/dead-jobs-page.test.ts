import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { startRemixApp } from "../support/remix-server";

let app: Awaited<ReturnType<typeof startRemixApp>>;

beforeAll(async () => {
  app = await startRemixApp();
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
});
afterAll(() => app.close());

const ROUTE = "routes/app.settings_.jobs";
const PAGE = "/app/settings/jobs";
const send = async (path: string, init: RequestInit = {}, shop = TEST_SHOP) => app.fetch(await adminRequest(path, init, shop));
const retry = (jobId: number, shop = TEST_SHOP) =>
  send(`${PAGE}?_data=${encodeURIComponent(ROUTE)}`, { method: "POST", body: new URLSearchParams({ jobId: String(jobId) }) }, shop);

function deadJob(shopDomain: string, lastError: string) {
  const now = new Date();
  return prisma.job.create({ data: { shopDomain, type: "code-sync", status: "dead", attempts: 8, runAt: now, finishedAt: now, lastError } });
}

describe("the dead jobs page", () => {
  it("lists only the signed-in shop's dead jobs, with their last error", async () => {
    const ours = await deadJob(TEST_SHOP, "Shopify refused the codes: Code discount does not exist.");
    await deadJob(OTHER_SHOP, "Another shop's failure");
    await prisma.job.create({ data: { shopDomain: TEST_SHOP, type: "code-sync", runAt: new Date() } });

    const response = await send(`${PAGE}?_data=${encodeURIComponent(ROUTE)}`);
    expect(response.status).toBe(200);
    const { jobs } = (await response.json()) as { jobs: { id: number; lastError: string; attempts: number }[] };
    expect(jobs).toEqual([
      expect.objectContaining({ id: ours.id, type: "code-sync", attempts: 8, lastError: "Shopify refused the codes: Code discount does not exist." }),
    ]);

    const html = await (await send(PAGE)).text();
    expect(html).toContain("Code discount does not exist.");
    expect(html).toContain("Background jobs");
  });

  it("retries a dead job of the shop, and answers 404 for another shop's job or one that is not dead", async () => {
    const theirs = await deadJob(OTHER_SHOP, "Theirs");
    const ours = await deadJob(TEST_SHOP, "Ours");

    expect((await retry(theirs.id)).status).toBe(404);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "dead" });

    const response = await retry(ours.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ retried: ours.id });
    expect(await prisma.job.findUniqueOrThrow({ where: { id: ours.id } })).toMatchObject({ status: "queued", attempts: 0 });
    expect((await retry(ours.id)).status).toBe(404);
  });

  it("retries nothing for a request without a session token", async () => {
    const ours = await deadJob(TEST_SHOP, "Ours");
    const response = await app.fetch(
      new Request(`https://promoguard.test${PAGE}?_data=${encodeURIComponent(ROUTE)}`, {
        method: "POST",
        body: new URLSearchParams({ jobId: String(ours.id) }),
      }),
    );
    expect(response.status).not.toBe(200);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: ours.id } })).toMatchObject({ status: "dead" });
  });
});
