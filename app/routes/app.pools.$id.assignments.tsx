import { json } from "@remix-run/node";
import { assignmentFormSchema, revokeAssignmentFormSchema } from "~/domain/pools/rules";
import { assignCouponBy, revokeAssignmentBy } from "~/domain/pools/staff-changes.server";
import { poolOf } from "~/features/pools/pool-route.server";
import { defineActions, intent, notFound } from "~/features/intents.server";

// The manual-assignment endpoint (form-encoded POST):
//   ?intent=assign (the default): email, idempotencyKey?  → the assigned code (source "manual")
//   ?intent=revoke: assignmentId                          → the revoked assignment; the code returns to the pool
// Both need pool.assign; both are in the audit trail (the recipient only by a keyed hash).
export const action = defineActions(
  {
    assign: intent({
      permission: "pool.assign",
      schema: assignmentFormSchema,
      run: async ({ context, params, input }) => {
        const { assignment, replayed } = await assignCouponBy(await poolOf(context, params), {
          email: input.email!,
          source: "manual",
          idempotencyKey: input.idempotencyKey ?? null,
        });
        return json({ assignment, replayed }, { status: replayed ? 200 : 201 });
      },
    }),
    revoke: intent({
      permission: "pool.assign",
      schema: revokeAssignmentFormSchema,
      run: async ({ context, params, input }) => {
        const revoked = await revokeAssignmentBy(await poolOf(context, params), input.assignmentId);
        if (!revoked) return notFound("This pool has no such assignment.");
        return json({ assignment: revoked });
      },
    }),
  },
  { default: "assign" },
);
