// Several app processes against one PostgreSQL database, as a deployment with 4 instances runs:
// every job runs once whichever process claims it, a killed process's lease is taken over, and a
// webhook Shopify delivers to every instance is recorded and processed once. (Assignments from 4
// processes are test/pools/assignments.test.ts, and the kill -9 import drill is
// test/pools/imports.test.ts; both run in this project too.)
import { setTimeout as delay } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { enqueueJob } from "~/jobs/queue.server";
import { createJobWorker } from "~/jobs/worker.server";
import { startAppProcess } from "../support/app-processes";
import { installShop, TEST_SHOP } from "../support/shopify-app";
import { webhookRequest } from "../support/webhooks";

const PROCESSES = 4;

beforeAll(() => installShop(TEST_SHOP));

describe("jobs across app processes", () => {
  it("runs each of 30 jobs once when 4 processes, each with 3 lanes, race for the queue", async () => {
    await prisma.job.deleteMany();
    for (let index = 0; index < 30; index++) await enqueueJob(prisma, { shopDomain: TEST_SHOP, type: "race", payload: { index } });

    const reports = (await Promise.all(Array.from({ length: PROCESSES }, (_, index) => startAppProcess(["jobs", `worker-${index}`]).result))) as {
      ran: number[];
    }[];

    const runs = reports.flatMap((report) => report.ran);
    expect(runs).toHaveLength(30);
    expect(new Set(runs).size).toBe(30);
    expect(await prisma.job.count({ where: { status: "succeeded", attempts: 1 } })).toBe(30);
  }, 60_000);

  it("takes over the job of a process killed with -9 once its lease expires, and runs it to the end", async () => {
    await prisma.job.deleteMany();
    const { id } = await enqueueJob(prisma, { shopDomain: TEST_SHOP, type: "race" });
    const holder = startAppProcess(["hold", "doomed", "1500"]);
    expect(await holder.firstLine).toEqual({ claimed: id });
    holder.child.kill("SIGKILL");
    await holder.result.catch(() => undefined);

    const ran: number[] = [];
    const survivor = createJobWorker({ db: prisma, workerId: "survivor", handlers: { race: async ({ job }) => void ran.push(job.id) } });
    expect(await survivor.runDueJobs()).toBe(0);
    await delay(1_600);
    await survivor.runDueJobs();
    expect(ran).toEqual([id]);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "succeeded", attempts: 2 });
  }, 30_000);
});

describe("webhooks across app processes", () => {
  it("records an order webhook delivered to 4 processes at once as one receipt and one job", async () => {
    await prisma.job.deleteMany();
    const request = await webhookRequest("/webhooks/orders/create", {
      topic: "orders/create",
      payload: { id: 820982911946154500, name: "#1001", created_at: "2026-11-22T10:00:00Z", updated_at: "2026-11-22T10:00:00Z" },
      webhookId: "one-delivery-four-instances",
    });
    const serialized = JSON.stringify({ method: request.method, url: request.url, headers: [...request.headers], body: await request.text() });
    const reports = (await Promise.all(Array.from({ length: PROCESSES }, () => startAppProcess(["webhook", "webhooks.orders.create", serialized]).result))) as {
      status: number;
    }[];

    expect(reports.map((report) => report.status)).toEqual([200, 200, 200, 200]);
    expect(await prisma.webhookReceipt.count({ where: { shopDomain: TEST_SHOP } })).toBe(1);
    expect(await prisma.job.count()).toBe(1);
  }, 60_000);
});
