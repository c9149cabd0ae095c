import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma, { createDatabase } from "~/db.server";
import { codeSyncKey, enqueueCodeSync } from "~/domain/campaigns/code-sync.server";
import { simulatedClock } from "~/lib/clock";
import { retryDeadJob } from "~/jobs/dead-jobs.server";
import { claimJob, completeJob, enqueueJob, pruneSucceededJobs, RETRY_BACKOFF } from "~/jobs/queue.server";
import { createJobWorker, PermanentJobError, type JobHandler } from "~/jobs/worker.server";
import { installShop, TEST_SHOP } from "../support/shopify-app";

const START = Date.parse("2026-11-02T12:00:00Z");
// A second app instance: its own connection to the same database.
const otherInstance = createDatabase(process.env.DATABASE_URL);

beforeAll(() => installShop(TEST_SHOP));
beforeEach(() => prisma.job.deleteMany());
afterAll(() => otherInstance.$disconnect());

const jobOf = (id: number) => prisma.job.findUniqueOrThrow({ where: { id } });

describe("claiming", () => {
  it("never runs one job twice when two instances, each with concurrent lanes, race for the queue", async () => {
    for (let index = 0; index < 30; index++) await enqueueJob(prisma, { shopDomain: TEST_SHOP, type: "count", payload: { index } });
    const runs: number[] = [];
    const handler: JobHandler = async ({ job }) => {
      runs.push(job.id);
      await delay(2);
    };
    const first = createJobWorker({ db: prisma, handlers: { count: handler }, concurrency: 3, workerId: "first" });
    const second = createJobWorker({ db: otherInstance, handlers: { count: handler }, concurrency: 3, workerId: "second" });

    const [ranByFirst, ranBySecond] = await Promise.all([first.runDueJobs(), second.runDueJobs()]);

    expect(ranByFirst + ranBySecond).toBe(30);
    expect(runs).toHaveLength(30);
    expect(new Set(runs).size).toBe(30);
    expect(await prisma.job.count({ where: { status: "succeeded" } })).toBe(30);
  });

  it("takes over a job whose worker died once its lease expires, and ignores the dead worker's late result", async () => {
    const clock = simulatedClock(START);
    const { id } = await enqueueJob(prisma, { shopDomain: TEST_SHOP, type: "work" }, clock.now());
    const lost = await claimJob(prisma, { workerId: "dies", leaseMs: 60_000, now: clock.now() });
    expect(lost?.id).toBe(id);

    clock.advance(59_999);
    expect(await claimJob(otherInstance, { workerId: "survivor", leaseMs: 60_000, now: clock.now() })).toBeNull();
    clock.advance(1);
    const reclaimed = await claimJob(otherInstance, { workerId: "survivor", leaseMs: 60_000, now: clock.now() });
    expect(reclaimed).toMatchObject({ id, attempts: 2 });

    expect(await completeJob(prisma, lost!, clock.now())).toBe(false);
    expect(await jobOf(id)).toMatchObject({ status: "running", leaseOwner: reclaimed!.lease });
    expect(await completeJob(otherInstance, reclaimed!, clock.now())).toBe(true);
    expect(await jobOf(id)).toMatchObject({ status: "succeeded", leaseOwner: null });
  });

  it("keeps one queued sync per campaign and never runs two syncs of a campaign at once", async () => {
    const clock = simulatedClock(START);
    const first = await enqueueCodeSync(prisma, { shopDomain: TEST_SHOP, campaignId: 7 }, { now: clock.now(), runAt: new Date(START + 60_000) });
    const again = await enqueueCodeSync(prisma, { shopDomain: TEST_SHOP, campaignId: 7 }, { now: clock.now() });
    expect(again).toEqual({ id: first.id, created: false });
    // Asking again for "now" brought the queued sync forward.
    expect((await jobOf(first.id)).runAt).toEqual(clock.now());

    const running = await claimJob(prisma, { workerId: "a", leaseMs: 60_000, now: clock.now() });
    expect(running?.id).toBe(first.id);
    const followUp = await enqueueCodeSync(prisma, { shopDomain: TEST_SHOP, campaignId: 7 }, { now: clock.now() });
    expect(followUp.created).toBe(true);
    expect(await claimJob(prisma, { workerId: "b", leaseMs: 60_000, now: clock.now() })).toBeNull();

    await completeJob(prisma, running!, clock.now());
    expect(await claimJob(prisma, { workerId: "b", leaseMs: 60_000, now: clock.now() })).toMatchObject({ id: followUp.id });
    expect((await jobOf(followUp.id)).concurrencyKey).toBe(codeSyncKey(7));
  });
});

describe("retries", () => {
  it("retries a failing job with growing jittered pauses, declares it dead after maxAttempts, and runs it again on retry", async () => {
    const clock = simulatedClock(START);
    let healthy = false;
    const worker = createJobWorker({
      db: prisma,
      clock,
      concurrency: 1,
      handlers: {
        flaky: async () => {
          if (!healthy) throw new Error("Shopify was unreachable");
        },
      },
    });
    const { id } = await enqueueJob(prisma, { shopDomain: TEST_SHOP, type: "flaky", maxAttempts: 3 }, clock.now());

    const pauses: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      expect(await worker.runDueJobs()).toBe(1);
      const job = await jobOf(id);
      expect(job).toMatchObject({ status: "queued", attempts: attempt, lastError: "Shopify was unreachable" });
      const pause = job.runAt.getTime() - clock.epochMs;
      const ceiling = RETRY_BACKOFF.baseMs * 2 ** (attempt - 1);
      expect(pause).toBeGreaterThanOrEqual(ceiling / 2);
      expect(pause).toBeLessThanOrEqual(ceiling);
      pauses.push(pause);
      expect(await worker.runDueJobs()).toBe(0); // not due yet
      clock.advance(pause);
    }
    expect(await worker.runDueJobs()).toBe(1);
    expect(await jobOf(id)).toMatchObject({ status: "dead", attempts: 3, lastError: "Shopify was unreachable" });
    clock.advance(RETRY_BACKOFF.maxMs);
    expect(await worker.runDueJobs()).toBe(0);

    healthy = true;
    expect(await retryDeadJob(prisma, "other-shop.myshopify.com", id, clock.now())).toBe(false);
    expect(await retryDeadJob(prisma, TEST_SHOP, id, clock.now())).toBe(true);
    expect(await worker.runDueJobs()).toBe(1);
    expect(await jobOf(id)).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("sends a job straight to dead on a permanent failure or an unknown type", async () => {
    const worker = createJobWorker({
      db: prisma,
      handlers: {
        broken: async () => {
          throw new PermanentJobError("The campaign id is not a number");
        },
      },
    });
    const broken = await enqueueJob(prisma, { shopDomain: TEST_SHOP, type: "broken" });
    const unknown = await enqueueJob(prisma, { shopDomain: TEST_SHOP, type: "no-such-type" });
    expect(await worker.runDueJobs()).toBe(2);
    expect(await jobOf(broken.id)).toMatchObject({ status: "dead", attempts: 1, lastError: "The campaign id is not a number" });
    expect(await jobOf(unknown.id)).toMatchObject({ status: "dead", lastError: 'No handler for job type "no-such-type"' });
  });

  it("forgets succeeded jobs once they are old enough, and keeps dead ones for the merchant", async () => {
    const finishedAt = new Date(START);
    const data = { shopDomain: TEST_SHOP, type: "work", runAt: finishedAt, finishedAt };
    await prisma.job.create({ data: { ...data, status: "succeeded" } });
    const dead = await prisma.job.create({ data: { ...data, status: "dead" } });
    const recent = await prisma.job.create({ data: { ...data, status: "succeeded", finishedAt: new Date(START + 1) } });
    expect(await pruneSucceededJobs(prisma, new Date(START + 1))).toBe(1);
    expect((await prisma.job.findMany({ orderBy: { id: "asc" } })).map((job) => job.id)).toEqual([dead.id, recent.id]);
  });
});
