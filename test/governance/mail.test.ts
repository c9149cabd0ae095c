import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { claimJob } from "~/jobs/queue.server";
import { systemClock } from "~/lib/clock";
import { APPROVAL_EMAIL_JOB, approvalEmailHandler, emailStatus, enqueueApprovalEmail } from "~/domain/governance/mail.server";
import { toStaff } from "~/domain/governance/staff.server";
import { createDraft, submitDraft } from "~/domain/governance/workflow.server";
import { TEST_SHOP, installShop, testStaff } from "../support/shopify-app";
import { campaignInput } from "../campaigns/support";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// Email to Approvers through a real SMTP server listening locally (test/support/smtp-sink.ts):
// the request queues a job, the job's handler sends, the sink receives what a mail server would.
let sink: SmtpSink;
let received: SmtpSink["received"];
let port: number;

beforeAll(async () => {
  await installShop(TEST_SHOP);
  sink = await startSmtpSink();
  ({ received, port } = sink);
});
afterAll(() => sink.close());
afterEach(() => {
  received.length = 0;
  sink.refuse = false;
});

/** The text of a quoted-printable body, as a mail client shows it. */
const decoded = (data: string) => data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

async function requestApproval(name: string) {
  const requester = toStaff(await testStaff("requester"));
  const created = await createDraft(prisma, requester, campaignInput({ name, config: { version: 1, effects: [{ type: "percentage", percentage: 40 }] } }));
  const submitted = await submitDraft(prisma, requester, created.campaign, "Please before Friday");
  return submitted.request;
}

async function runQueuedEmailJob() {
  const job = await claimJob(prisma, { workerId: "test", leaseMs: 60_000 });
  expect(job?.type).toBe(APPROVAL_EMAIL_JOB);
  await approvalEmailHandler()({ db: prisma, job: job!, clock: systemClock, heartbeat: async () => {} });
}

describe("email to Approvers", () => {
  it("is off without SMTP_URL: nothing is queued and the pages say so", async () => {
    delete process.env.SMTP_URL;
    expect(emailStatus()).toMatchObject({ enabled: false });
    expect(emailStatus().description).toContain("Email is off");
    await requestApproval("Quiet one");
    expect(await prisma.job.count({ where: { type: APPROVAL_EMAIL_JOB } })).toBe(0);
  });

  it("queues the email with the request and sends it to the Approvers and the Owner, naming the campaign, the requester and the link", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.MAIL_FROM = "PromoGuard <approvals@shop.example>";
    expect(emailStatus()).toEqual({
      enabled: true,
      description: `Approvers get an email through 127.0.0.1:${port} (from PromoGuard <approvals@shop.example>) when a request arrives.`,
    });
    const request = await requestApproval("Winter 40");
    // Nothing is sent during the request itself: it only queued a job.
    expect(received).toEqual([]);
    await runQueuedEmailJob();

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.from).toBe("approvals@shop.example");
    expect(mail.to.sort()).toEqual(["avery@example.com", "olivia@example.com"]);
    const text = decoded(mail.data);
    expect(text).toMatch(/^Subject: Approval requested: Winter 40 \(from Riley Requester\)/m);
    expect(text).toContain("Riley Requester requests approval for Winter 40.");
    expect(text).toContain("Their note: Please before Friday");
    expect(text).toContain("- 40% off is above the 25% a Manager may publish without approval.");
    expect(text).toContain(`Review it: https://${TEST_SHOP}/admin/apps/${process.env.SHOPIFY_API_KEY}/app/approvals`);
    expect(request.id).toBeGreaterThan(0);
  });

  it("a mail server that refuses fails the job (the queue retries it), never the request", async () => {
    sink.refuse = true;
    await requestApproval("Refused mail");
    await expect(runQueuedEmailJob()).rejects.toThrow(/Mailbox unavailable/);
    expect(await prisma.approvalRequest.count({ where: { status: "pending" } })).toBe(3);
  });

  it("queues one email per request however often it is asked", async () => {
    const before = await prisma.job.count({ where: { type: APPROVAL_EMAIL_JOB } });
    await enqueueApprovalEmail(prisma, TEST_SHOP, 999);
    await enqueueApprovalEmail(prisma, TEST_SHOP, 999);
    expect(await prisma.job.count({ where: { type: APPROVAL_EMAIL_JOB } })).toBe(before + 1);
  });
});
