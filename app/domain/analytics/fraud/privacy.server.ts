// What a customer's redaction takes out of the fraud cases.
import type { Database } from "~/db.server";
import { parseEvidence, parseIds } from "./cases.server";
import type { FraudEvidence } from "./signals.server";

/**
 * customers/redact: the customer's block record goes, and the evidence of every case keeps their
 * orders only as counts (no customer id, no masked email). The clusters themselves are rebuilt
 * from the redemptions, which the redaction has already hashed.
 */
export async function redactFraudData(db: Database, shopDomain: string, customerId: string, redemptionIds: readonly number[]) {
  await db.blockedCustomer.deleteMany({ where: { shopDomain, customerId } });
  const mine = new Set(redemptionIds);
  const cases = await db.fraudCase.findMany({ where: { shopDomain }, select: { id: true, evidence: true, redemptionIds: true } });
  for (const row of cases) {
    const ids = parseIds(row.redemptionIds);
    if (!ids.some((id) => mine.has(id)) && !row.evidence.includes(customerId)) continue;
    const evidence = parseEvidence(row.evidence);
    const redacted: FraudEvidence = {
      ...evidence,
      customerIds: evidence.customerIds.filter((id) => id !== customerId),
      orders: evidence.orders.map((order) =>
        mine.has(order.redemptionId) || order.customerId === customerId ? { ...order, email: "(redacted)", customerId: null } : order,
      ),
    };
    await db.fraudCase.update({ where: { id: row.id }, data: { evidence: JSON.stringify(redacted) } });
  }
}
