import { json, type ActionFunctionArgs } from "@remix-run/node";
import { assignCoupon, revokeAssignment } from "~/domain/pools/assignments.server";
import { auditPoolChange, formText, poolErrorResponse, requirePool } from "~/features/pools/pool-route.server";
import { redactedEmail } from "~/domain/pools/redaction.server";

// The manual-assignment endpoint (form-encoded POST):
//   intent=assign, email, idempotencyKey?  → the assigned code (source "manual")
//   intent=revoke, assignmentId            → the revoked assignment; the code returns to the pool
// Both need pool.assign. The audit trail names the recipient only by a keyed hash of the email:
// its entries can never be redacted later.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { pool, store, ctx } = await requirePool(request, params, "pool.assign");
  const form = await request.formData();
  const intent = formText(form, "intent") || "assign";
  try {
    if (intent === "assign") {
      const { assignment, replayed } = await assignCoupon(store, pool, {
        email: formText(form, "email"),
        source: "manual",
        idempotencyKey: formText(form, "idempotencyKey") || null,
      });
      if (!replayed) {
        await auditPoolChange(ctx, {
          action: "coupon.assign",
          entityType: "coupon",
          entityId: assignment.couponId,
          entityLabel: assignment.code,
          after: { pool: pool.name, assignmentId: assignment.id, assignedTo: redactedEmail(pool.shopDomain, assignment.email), source: assignment.source, expiresAt: assignment.expiresAt },
        });
      }
      return json({ assignment, replayed }, { status: replayed ? 200 : 201 });
    }
    if (intent === "revoke") {
      const id = formText(form, "assignmentId");
      const revoked = /^\d{1,15}$/.test(id) ? await revokeAssignment(store, pool, Number(id)) : null;
      if (!revoked) return json({ errors: { form: "This pool has no such assignment." } }, { status: 404 });
      await auditPoolChange(ctx, {
        action: "coupon.revoke",
        entityType: "coupon",
        entityId: revoked.couponId,
        entityLabel: revoked.code,
        // The code is back in the pool: no longer assigned to that (hashed) customer.
        before: { assignedTo: redactedEmail(pool.shopDomain, revoked.email), revokedAt: null },
        after: { assignedTo: null, revokedAt: revoked.revokedAt },
      });
      return json({ assignment: revoked });
    }
    return json({ errors: { form: `Unknown action "${intent}"` } }, { status: 400 });
  } catch (error) {
    return poolErrorResponse(error);
  }
};
