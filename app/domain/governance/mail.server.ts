// Email to Approvers when a request arrives. Configured by SMTP_URL (smtp://user:pass@host:port,
// smtps:// for TLS) and MAIL_FROM; without SMTP_URL nothing is sent and the pages say email is off.
// Sending happens in a job (APPROVAL_EMAIL_JOB): the request that asked for approval is never
// slowed down or failed by the mail server, and a refused send is retried by the queue.
import nodemailer from "nodemailer";
import type { Database } from "~/db.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import { staffWithRoles } from "./staff.server";

export const APPROVAL_EMAIL_JOB = "governance.approval-email";

export interface MailSettings {
  url: string;
  from: string;
}

/** The SMTP settings from the environment, or null when email is off. */
export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  return { url, from: env.MAIL_FROM?.trim() || "PromoGuard <promoguard@localhost>" };
}

/** What the settings and approvals pages say about email. */
export function emailStatus(env: NodeJS.ProcessEnv = process.env): { enabled: boolean; description: string } {
  const settings = mailSettings(env);
  if (!settings)
    return {
      enabled: false,
      description: "Email is off: set SMTP_URL (and MAIL_FROM) on the server to email Approvers when a request arrives. In-app notifications work without it.",
    };
  const host = (() => {
    try {
      return new URL(settings.url).host;
    } catch {
      return "the configured server";
    }
  })();
  return { enabled: true, description: `Approvers get an email through ${host} (from ${settings.from}) when a request arrives.` };
}

/** The Shopify admin address of a page of the app, for links in emails (the app opens embedded). */
export function adminLink(shopDomain: string, path: string, apiKey = process.env.SHOPIFY_API_KEY ?? ""): string {
  return `https://${shopDomain}/admin/apps/${apiKey}${path}`;
}

export interface ApprovalEmail {
  to: string[];
  subject: string;
  text: string;
}

export function approvalRequestEmail(input: {
  to: string[];
  requesterName: string;
  campaignName: string;
  kind: string;
  reasons: string[];
  note: string;
  link: string;
}): ApprovalEmail {
  const what = input.kind === "revision" ? `changes to ${input.campaignName}` : input.campaignName;
  const lines = [
    `${input.requesterName} requests approval for ${what}.`,
    "",
    ...(input.note ? [`Their note: ${input.note}`, ""] : []),
    ...(input.reasons.length > 0 ? ["Why it needs approval:", ...input.reasons.map((reason) => `- ${reason}`), ""] : []),
    `Review it: ${input.link}`,
  ];
  return { to: input.to, subject: `Approval requested: ${input.campaignName} (from ${input.requesterName})`, text: lines.join("\n") };
}

/** Queues the email about a request, when email is on. Never throws for mail reasons. */
export async function enqueueApprovalEmail(db: Database, shopDomain: string, requestId: number, env: NodeJS.ProcessEnv = process.env) {
  if (!mailSettings(env)) return null;
  return enqueueJob(db, { shopDomain, type: APPROVAL_EMAIL_JOB, payload: { requestId }, dedupeKey: `approval-email:${requestId}`, maxAttempts: 5 });
}

/** Builds the email of a request: to every Approver and Owner with an address, except the requester. */
export async function emailForRequest(db: Database, shopDomain: string, requestId: number): Promise<ApprovalEmail | null> {
  const request = await db.approvalRequest.findFirst({ where: { id: requestId, shopDomain } });
  if (!request || request.status !== "pending") return null;
  const [campaign, requester] = await Promise.all([
    db.campaign.findFirst({ where: { id: request.campaignId, shopDomain } }),
    db.staffMember.findFirst({ where: { id: request.requestedById, shopDomain } }),
  ]);
  const proposedName = (JSON.parse(request.proposed) as { name?: string }).name;
  const to = (await staffWithRoles(db, shopDomain, ["approver", "owner"]))
    .filter((staff) => staff.id !== request.requestedById && staff.email)
    .map((staff) => staff.email);
  if (to.length === 0) return null;
  return approvalRequestEmail({
    to,
    requesterName: requester?.name ?? "A staff member",
    campaignName: proposedName ?? campaign?.name ?? `campaign ${request.campaignId}`,
    kind: request.kind,
    reasons: request.reasons as string[],
    note: request.requestNote,
    link: adminLink(shopDomain, "/app/approvals"),
  });
}

export async function sendMail(settings: MailSettings, email: ApprovalEmail): Promise<void> {
  const transport = nodemailer.createTransport(settings.url);
  try {
    await transport.sendMail({ from: settings.from, to: email.to, subject: email.subject, text: email.text });
  } finally {
    transport.close();
  }
}

/** The job: sends the request's email (a failure is retried by the queue with backoff). */
export function approvalEmailHandler(env: NodeJS.ProcessEnv = process.env): JobHandler {
  return async ({ db, job }) => {
    const settings = mailSettings(env);
    if (!settings) return; // Turned off since the job was queued.
    const { requestId } = job.payload as { requestId: number };
    const email = await emailForRequest(db, job.shopDomain, requestId);
    if (email) await sendMail(settings, email);
  };
}
