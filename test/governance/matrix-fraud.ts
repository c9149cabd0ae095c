// The permission matrix's fraud review: each decision on a case of its own, made of two emulator
// customers who redeemed from one IP address.
import prisma from "~/db.server";
import { blockFraudCase } from "~/domain/analytics/fraud/decisions.server";
import { refreshFraudCases } from "~/domain/analytics/fraud/refresh.server";
import * as fraudPage from "~/routes/app.analytics.fraud";
import type { ShopifyEmulator } from "../../dev/emulator";
import { redeem } from "../analytics/fraud-support";
import { adminFor } from "../campaigns/support";
import { TEST_SHOP, testStaff } from "../support/shopify-app";
import { next, routeCases, type Handler, type MatrixCase } from "./matrix-support";

async function ipCase(emulator: ShopifyEmulator) {
  const n = next();
  const ip = `10.${Math.floor(n / 250)}.${n % 250}.7`;
  const seed = emulator.seedFor(TEST_SHOP);
  const ids: number[] = [];
  for (const who of ["a", "b"]) {
    const email = `matrix-${who}${n}@example.com`;
    const customer = seed.customer({ email });
    ids.push((await redeem({ customerId: customer.id, email, clientIp: ip, processedAt: new Date() })).id);
  }
  await refreshFraudCases(prisma, TEST_SHOP);
  const cases = await prisma.fraudCase.findMany({ where: { shopDomain: TEST_SHOP, signal: "ip", status: "open" } });
  const found = cases.find((row) => (JSON.parse(row.redemptionIds) as number[]).includes(ids[0]));
  if (!found) throw new Error(`No fraud case for the redemptions from ${ip}`);
  return found;
}

const fraudCase = routeCases("app.analytics.fraud.tsx", fraudPage.action as Handler, () => "/app/analytics/fraud");

export function fraudCases(emulator: () => ShopifyEmulator): MatrixCase[] {
  return [
    fraudCase("refresh", "check for new fraud signals", "fraud.review", "fraud.refresh", async () => {
      await ipCase(emulator());
      return { params: {}, form: {} };
    }),
    fraudCase("block", "block a case's customers", "fraud.review", "fraud.block", async () => ({
      params: {},
      form: { caseId: String((await ipCase(emulator())).id), reason: "Same IP, new accounts" },
    })),
    fraudCase("revoke", "revoke a case's codes", "fraud.review", "fraud.revoke", async () => ({
      params: {},
      form: { caseId: String((await ipCase(emulator())).id) },
    })),
    fraudCase("dismiss", "dismiss a case", "fraud.review", "fraud.dismiss", async () => ({
      params: {},
      form: { caseId: String((await ipCase(emulator())).id), reason: "Office network" },
    })),
    fraudCase("unblock", "unblock a customer", "fraud.review", "fraud.unblock", async () => {
      const found = await ipCase(emulator());
      // Throws when the case cannot be blocked.
      await blockFraudCase(prisma, await adminFor(TEST_SHOP), TEST_SHOP, found.id, await testStaff("owner"), "Set up by the matrix");
      const row = await prisma.blockedCustomer.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, fraudCaseId: found.id } });
      return { params: {}, form: { blockedId: String(row.id), reason: "Known customer" } };
    }),
    fraudCase("settings", "change automatic fraud blocking", "policy.manage", "fraud.auto-block.settings", async () => ({
      params: {},
      form: { enabled: "false", minClusterSize: String(2 + (next() % 50)) },
    })),
  ];
}
