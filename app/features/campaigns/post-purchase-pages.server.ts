// What the post-purchase rules page (app/routes/app.campaigns.post-purchase._index.tsx) loads.
import prisma from "~/db.server";
import { listPostPurchaseRules } from "~/domain/automation/post-purchase-rules.server";
import { emailStatus } from "~/domain/governance/mail.server";
import { whyNot } from "~/domain/governance/roles";
import { shopCurrency } from "~/domain/shops.server";
import { authenticateStaff } from "~/features/access.server";

/** The post-purchase rules, and whether the viewer may change them and e-mail is set up. */
export async function postPurchaseListPage(request: Request) {
  const context = await authenticateStaff(request);
  const shopDomain = context.session.shop;
  return {
    rules: await listPostPurchaseRules(prisma, shopDomain),
    currency: await shopCurrency(prisma, shopDomain),
    readOnly: whyNot(context.staff.role, "campaign.publish"),
    email: emailStatus().enabled,
  };
}
