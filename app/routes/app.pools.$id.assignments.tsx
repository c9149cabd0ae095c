import { json, type ActionFunctionArgs } from "@remix-run/node";
import { assignCoupon, revokeAssignment } from "~/domain/pools/assignments.server";
import { formText, poolErrorResponse, requirePool } from "~/components/pools/pool-route.server";

// The manual-assignment endpoint (form-encoded POST):
//   intent=assign, email, idempotencyKey?  → the assigned code (source "manual")
//   intent=revoke, assignmentId            → the revoked assignment; the code returns to the pool
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { pool, store } = await requirePool(request, params);
  const form = await request.formData();
  const intent = formText(form, "intent") || "assign";
  try {
    if (intent === "assign") {
      const { assignment, replayed } = await assignCoupon(store, pool, {
        email: formText(form, "email"),
        source: "manual",
        idempotencyKey: formText(form, "idempotencyKey") || null,
      });
      return json({ assignment, replayed }, { status: replayed ? 200 : 201 });
    }
    if (intent === "revoke") {
      const id = formText(form, "assignmentId");
      const revoked = /^\d{1,15}$/.test(id) ? await revokeAssignment(store, pool, Number(id)) : null;
      if (!revoked) return json({ errors: { form: "This pool has no such assignment." } }, { status: 404 });
      return json({ assignment: revoked });
    }
    return json({ errors: { form: `Unknown action "${intent}"` } }, { status: 400 });
  } catch (error) {
    return poolErrorResponse(error);
  }
};
