// Shopify Flow on the Admin API: flowTriggerReceive starts the merchant's workflows that begin
// with one of PromoGuard's triggers (extensions/flow-*; payloads built by
// app/domain/automation/flow-triggers.ts). Calls go through an AdminCall (throttledAdmin).
import type { AdminCall } from "./admin-graphql.server";
import type { PromoGuardFlowTriggerReceiveMutation } from "~/types/admin.generated";

const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation PromoGuardFlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }
`;

/** Fires the trigger; returns Shopify's refusals (an empty list when the workflows were started). */
export async function receiveFlowTrigger(
  call: AdminCall,
  handle: string,
  payload: Record<string, string | number>,
): Promise<{ field: string[] | null; message: string }[]> {
  const data = await call<PromoGuardFlowTriggerReceiveMutation>(FLOW_TRIGGER_RECEIVE, { handle, payload });
  if (!data.flowTriggerReceive) throw new Error("Shopify answered flowTriggerReceive without a payload");
  return data.flowTriggerReceive.userErrors.map((error) => ({ field: error.field ?? null, message: error.message }));
}
