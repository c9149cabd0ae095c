import { json } from "@remix-run/node";
import { assignCoupon, revokeAssignment } from "~/domain/pools/assignments.server";
import { auditPoolChange, poolOf } from "~/features/pools/pool-route.server";
import { defineActions, intent, notFound } from "~/features/intents.server";
import { redactedEmail } from "~/domain/pools/redaction.server";

// The manual-assignment endpoint (form-encoded POST):
//   ?intent=assign (the default): email, idempotencyKey?  → the assigned code (source "manual")
//   ?intent=revoke: assignmentId                          → the revoked assignment; the code returns to the pool
// Both need pool.assign. The audit trail names the recipient only by a keyed hash of the email:
// its entries can never be redacted later.
export const action = defineActions({
  assign: intent({
    permission: "pool.assign",
    run: async ({ context, params, input }) => {
      const { pool, store, ctx } = await poolOf(context, params);
      const { assignment, replayed } = await assignCoupon(store, pool, { email: input.email ?? "", source: "manual", idempotencyKey: input.idempotencyKey || null });
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
    },
  }),
  revoke: intent({
    permission: "pool.assign",
    run: async ({ context, params, input }) => {
      const { pool, store, ctx } = await poolOf(context, params);
      const id = input.assignmentId ?? "";
      const revoked = /^\d{1,15}$/.test(id) ? await revokeAssignment(store, pool, Number(id)) : null;
      if (!revoked) return notFound("This pool has no such assignment.");
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
    },
  }),
}, { default: "assign" });
