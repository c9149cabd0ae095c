// One app process for the multi-process suites (test/postgres): it talks to DATABASE_URL like an
// app instance would, does one thing and prints what it did as JSON on its last line.
//   node --import tsx test/support/app-process-main.ts jobs WORKER_ID          runs due "race" jobs until none is left
//   node --import tsx test/support/app-process-main.ts hold WORKER_ID LEASE_MS claims one job, says so, then hangs (to be killed)
//   node --import tsx test/support/app-process-main.ts webhook PATH JSON_REQUEST delivers one signed webhook to the route
import { setTimeout as delay } from "node:timers/promises";

const [mode, ...args] = process.argv.slice(2);
const { default: prisma } = await import("~/db.server");

if (mode === "jobs") {
  const { createJobWorker } = await import("~/jobs/worker.server");
  const ran: number[] = [];
  const worker = createJobWorker({
    db: prisma,
    workerId: args[0],
    concurrency: 3,
    handlers: {
      race: async ({ job }) => {
        ran.push(job.id);
        await delay(Number(process.env.JOB_WORK_MS ?? 5));
      },
    },
  });
  await worker.runDueJobs();
  process.stdout.write(`${JSON.stringify({ ran })}\n`);
} else if (mode === "hold") {
  const { claimJob } = await import("~/jobs/queue.server");
  const job = await claimJob(prisma, { workerId: args[0], leaseMs: Number(args[1]) });
  process.stdout.write(`${JSON.stringify({ claimed: job?.id ?? null })}\n`);
  await new Promise(() => {});
} else if (mode === "webhook") {
  const { action } = await import(`~/routes/${args[0]}`);
  const { method, url, headers, body } = JSON.parse(args[1]) as { method: string; url: string; headers: [string, string][]; body: string };
  let status: number;
  try {
    status = ((await action({ request: new Request(url, { method, headers, body }), params: {}, context: {} })) as Response).status;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    status = thrown.status;
  }
  process.stdout.write(`${JSON.stringify({ status })}\n`);
} else {
  throw new Error(`Unknown mode ${mode}`);
}
await prisma.$disconnect();
process.exit(0);
