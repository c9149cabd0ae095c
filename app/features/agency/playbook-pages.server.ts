// What the Playbooks pages load. The list: the viewer's agency, its playbooks and members, and this
// store's campaigns and pools to save as a playbook. A playbook: its latest version's variables and
// campaigns, its versions, where it was applied, the stores the viewer may apply it to now (with the
// amounts each needs in its currency), and its campaigns in the stores the viewer may read.
import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { listMembers, memberCandidates } from "~/domain/agency/agencies.server";
import { amountsToConvert } from "~/domain/agency/apply.server";
import { applicationsOf, documentOf, latestVersion, listPlaybooks, versionsOf } from "~/domain/agency/playbooks.server";
import { storesWhere } from "~/domain/agency/stores.server";
import { variableText, type Variable } from "~/domain/agency/variables";
import { listPools } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { displayStatus } from "~/domain/campaigns/status";
import { viewerOf } from "~/features/access.server";
import { can } from "~/domain/governance/roles";
import { shopTimeZone } from "~/domain/shops.server";
import { requirePlaybook, type AgencyContext } from "./agency-route.server";

export async function playbooksListPage(agency: AgencyContext) {
  const { ctx, store, member } = agency;
  const campaigns = await prisma.campaign.findMany({
    where: { shopDomain: store.domain, status: { not: "archived" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return {
    viewer: viewerOf(ctx),
    timeZone: await shopTimeZone(prisma, store.domain),
    store,
    agency: member ? { name: member.agencyName, admin: member.admin, memberId: member.memberId } : null,
    playbooks: member ? await listPlaybooks(prisma, member.agencyId) : [],
    members: member ? (await listMembers(prisma, member.agencyId)).map((row) => ({ id: row.id, name: row.name, email: row.email, admin: row.admin })) : [],
    candidates: member?.admin ? (await memberCandidates(prisma, store.domain)).map((staff) => ({ id: staff.id, name: staff.name, email: staff.email })) : [],
    campaigns: campaigns.map((campaign) => ({ id: campaign.id, name: campaign.name, status: displayStatus(campaign) })),
    pools: (await listPools(poolStore(), store.domain))
      .filter((pool) => !campaigns.some((campaign) => campaign.ownsPool && campaign.poolId === pool.id))
      .map((pool) => ({ id: pool.id, name: pool.name })),
  };
}

const KIND_ORDER: Variable["kind"][] = ["money", "date", "collection", "product", "variant", "code", "codePrefix"];

/** The playbook page's data: null when the viewer is in no agency, or the id is not one of their agency's playbooks. */
export async function playbookPage(agency: AgencyContext, params: Params) {
  const { ctx, member } = agency;
  if (!member) return null;
  const playbook = await requirePlaybook(member, params).catch((error: unknown) => {
    if (error instanceof Response && error.status === 404) return null;
    throw error;
  });
  if (!playbook) return null;
  const latest = await latestVersion(prisma, playbook.id);
  const document = documentOf(latest);
  const targets = await storesWhere(prisma, ctx.staff.userId, "playbook.apply");
  const readable = await storesWhere(prisma, ctx.staff.userId, "analytics.read");
  const running = await prisma.campaign.findMany({
    where: { playbookId: playbook.id, shopDomain: { in: readable.map(({ store }) => store.domain) } },
    orderBy: [{ shopDomain: "asc" }, { id: "asc" }],
    include: { shop: { select: { name: true } } },
  });
  return {
    viewer: viewerOf(ctx),
    timeZone: await shopTimeZone(prisma, agency.store.domain),
    current: agency.store.domain,
    playbook: { id: playbook.id, name: playbook.name, version: latest.version, description: document.description, currency: document.currency },
    variables: [...document.variables]
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
      .map((variable) => ({
        key: variable.key,
        label: variable.label,
        kind: variable.kind,
        text: variableText(variable),
        convert: variable.kind === "money" ? variable.convert : false,
      })),
    campaigns: document.campaigns.map((campaign) => ({ key: campaign.key, name: campaign.name, purpose: campaign.purpose, codeSource: campaign.codeSource })),
    pools: document.pools,
    hasPolicy: document.policy !== null,
    versions: await versionsOf(prisma, playbook.id),
    applications: (await applicationsOf(prisma, playbook.id)).map(({ report: _report, ...row }) => row),
    targets: targets.map(({ staff, store }) => ({
      domain: store.domain,
      name: store.name,
      currency: store.currencyCode,
      canSetPolicy: can(staff.role, "policy.manage"),
      amounts: amountsToConvert(document, store.currencyCode).map((variable) => ({ key: variable.key, label: variable.label, amount: variable.amount })),
    })),
    running: running.map((campaign) => ({
      id: campaign.id,
      store: campaign.shop.name || campaign.shopDomain,
      here: campaign.shopDomain === agency.store.domain,
      name: campaign.name,
      status: displayStatus(campaign),
      approvalState: campaign.approvalState,
      version: campaign.playbookVersion,
    })),
  };
}
