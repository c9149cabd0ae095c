// Shopify Flow's runtime URL for the action "Assign a coupon from a pool"
// (extensions/flow-assign-coupon). authenticate.flow checks the X-Shopify-Hmac-Sha256 signature
// with the app's secret (a forged or altered request gets 400 and changes nothing) and finds the
// shop's offline session; the domain module does the rest. The status is Flow's contract
// (shopify.dev/docs/apps/build/flow/actions/endpoints): 200 when the step is done (assigned or held
// out); a 4xx other than 429 when it cannot succeed (Flow marks the step failed and does not
// resend), with the reason as { message }.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { runAssignCouponAction } from "~/domain/automation/flow-action.server";
import { poolStore } from "~/domain/pools/store.server";
import { systemClock } from "~/lib/clock";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { authenticate } from "~/shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin, payload } = await authenticate.flow(request);
  // Flow runs a workflow's steps side by side: the customer lookups wait out the shop's rate limit.
  const call = throttledAdmin(admin, { clock: systemClock }).call;
  const answer = await runAssignCouponAction({ db: prisma, store: poolStore(), call }, session.shop, payload);
  if (answer.outcome === "unreadable") return json({ message: answer.message }, { status: 400 });
  if (answer.outcome === "impossible") return json({ message: answer.message }, { status: 422 });
  return json(answer);
};
