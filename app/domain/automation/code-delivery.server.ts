// Telling a customer about a code PromoGuard assigned automatically (the Flow action, a
// post-purchase rule): the customer metafield $app:promoguard.next-code (the thank-you block and
// email templates read it), the Coupon assigned Flow trigger (the merchant's email flows start
// from it), and an email when the rule asks for one and SMTP is configured. A CodeDelivery row per
// assignment records each channel once it is done, so a retried job never repeats one it finished.
import { NEXT_CODE_KEY, NEXT_CODE_NAMESPACE, type NextCode } from "checkout-messages/next-code";
import type { Database } from "~/db.server";
import { mailSettings, sendMail, type MailSettings } from "~/domain/governance/mail.server";
import { assignmentSourceLabel } from "~/domain/pools/sources";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import { throttledAdmin, type AdminCall, type AdminClient } from "~/shopify/admin-graphql.server";
import { setMetafields, type AdminGraphql } from "~/shopify/discounts.server";
import { receiveFlowTrigger } from "~/shopify/flow.server";
import { flowTriggerEvent } from "./flow-triggers";
import { formatDate } from "~/lib/format";

export const CODE_DELIVERY_JOB = "automation.code-delivery";

export interface ProductRef {
  id: string;
  title: string;
}

export interface CodeDeliveryRequest {
  shopDomain: string;
  assignmentId: number;
  /** The customer's GID: the metafield and the trigger need one (a guest gets email only). */
  customerId: string | null;
  /** Where to email the code; null: no email. */
  email: string | null;
  /** The words beside the code; null: the coupon's own message. */
  message?: string | null;
  /** The products the code is for, named in the email. */
  offerProducts?: ProductRef[];
}

/** Records what to deliver (once per assignment: a repeated request changes nothing) and queues it. */
export async function queueCodeDelivery(db: Database, request: CodeDeliveryRequest, now = new Date()): Promise<void> {
  const delivery = await db.codeDelivery.upsert({
    where: { assignmentId: request.assignmentId },
    create: {
      shopDomain: request.shopDomain,
      assignmentId: request.assignmentId,
      customerId: request.customerId,
      email: request.email,
      message: request.message ?? null,
      offerProducts: JSON.stringify(request.offerProducts ?? []),
    },
    update: {},
  });
  if (!isDone(delivery)) {
    await enqueueJob(
      db,
      {
        shopDomain: request.shopDomain,
        type: CODE_DELIVERY_JOB,
        payload: { assignmentId: request.assignmentId },
        dedupeKey: `${CODE_DELIVERY_JOB}:${request.assignmentId}`,
      },
      now,
    );
  }
}

type DeliveryRow = NonNullable<Awaited<ReturnType<Database["codeDelivery"]["findUnique"]>>>;

const isDone = (delivery: DeliveryRow) =>
  (delivery.customerId === null || (delivery.metafieldAt !== null && delivery.triggerAt !== null)) && (delivery.email === null || delivery.emailAt !== null);

function formatDay(instant: Date, timeZone: string): string {
  return formatDate(instant, timeZone, "long");
}

/** The email a customer gets with their code. */
export function codeEmail(input: {
  to: string;
  shopName: string;
  code: string;
  message: string | null;
  expiresAt: Date | null;
  timeZone: string;
  offerProducts: ProductRef[];
}) {
  const lines = [
    `Thank you for your order at ${input.shopName}.`,
    "",
    input.message ?? "Here is a code for your next order.",
    "",
    `Your code: ${input.code}`,
    ...(input.offerProducts.length > 0 ? [`For: ${input.offerProducts.map((product) => product.title).join(", ")}`] : []),
    ...(input.expiresAt ? [`Valid until ${formatDay(input.expiresAt, input.timeZone)}.`] : []),
    "",
    "Enter it at checkout in the discount code field.",
  ];
  return { to: [input.to], subject: `A code for your next order at ${input.shopName}`, text: lines.join("\n") };
}

export interface DeliveryChannels {
  admin: AdminGraphql;
  call: AdminCall;
  mail: MailSettings | null;
}

/**
 * Delivers the assignment's code on every channel not done yet. A revoked code is not delivered.
 * Shopify's refusals throw (the job retries); email is skipped while SMTP is not configured.
 */
export async function deliverCode(db: Database, assignmentId: number, channels: DeliveryChannels, now = new Date()): Promise<void> {
  const delivery = await db.codeDelivery.findUnique({ where: { assignmentId } });
  if (!delivery || isDone(delivery)) return;
  const assignment = await db.couponAssignment.findUnique({
    where: { id: assignmentId },
    include: { coupon: { select: { message: true } }, pool: { select: { name: true } } },
  });
  if (!assignment || assignment.revokedAt) return;
  const message = delivery.message ?? assignment.coupon.message;
  const mark = (data: { metafieldAt?: Date; triggerAt?: Date; emailAt?: Date }) => db.codeDelivery.update({ where: { id: delivery.id }, data });

  if (delivery.customerId && !delivery.metafieldAt) {
    const value: NextCode = {
      code: assignment.code,
      ...(message ? { message } : {}),
      ...(assignment.expiresAt ? { expiresAt: assignment.expiresAt.toISOString() } : {}),
    };
    const refused = await setMetafields(channels.admin, [
      { ownerId: delivery.customerId, namespace: NEXT_CODE_NAMESPACE, key: NEXT_CODE_KEY, type: "json", value: JSON.stringify(value) },
    ]);
    if (refused.length > 0) throw new Error(`Shopify refused to save the code on the customer: ${refused.map((error) => error.message).join(" ")}`);
    await mark({ metafieldAt: now });
  }
  if (delivery.customerId && !delivery.triggerAt) {
    const { handle, payload } = flowTriggerEvent("couponAssigned", {
      customer: delivery.customerId,
      code: assignment.code,
      validUntil: assignment.expiresAt?.toISOString() ?? "",
      message: message ?? "",
      poolName: assignment.pool.name,
      assignedBy: assignmentSourceLabel(assignment.source),
    });
    const refused = await receiveFlowTrigger(channels.call, handle, payload);
    if (refused.length > 0) throw new Error(`Shopify Flow refused the Coupon assigned trigger: ${refused.map((error) => error.message).join(" ")}`);
    await mark({ triggerAt: now });
  }
  if (delivery.email && !delivery.emailAt && channels.mail) {
    const shop = await db.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { name: true, ianaTimezone: true } });
    await sendMail(
      channels.mail,
      codeEmail({
        to: delivery.email,
        shopName: shop?.name ?? delivery.shopDomain,
        code: assignment.code,
        message,
        expiresAt: assignment.expiresAt,
        timeZone: shop?.ianaTimezone ?? "UTC",
        offerProducts: JSON.parse(delivery.offerProducts) as ProductRef[],
      }),
    );
    await mark({ emailAt: now });
  }
}

/** Registered in app/jobs/handlers.server.ts. */
export function codeDeliveryJobHandlers(
  { adminFor }: { adminFor(shopDomain: string): Promise<AdminClient> },
  env: NodeJS.ProcessEnv = process.env,
): Record<string, JobHandler> {
  return {
    [CODE_DELIVERY_JOB]: async ({ db, job, clock }) => {
      const admin = await adminFor(job.shopDomain);
      await deliverCode(
        db,
        (job.payload as { assignmentId: number }).assignmentId,
        { admin, call: throttledAdmin(admin, { clock }).call, mail: mailSettings(env) },
        clock.now(),
      );
    },
  };
}
