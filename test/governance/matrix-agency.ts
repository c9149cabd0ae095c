// The permission matrix's agency routes (playbooks) and the staff page's access switch. Playbook
// actions need the role in this store; applying needs it in the store applied to, which here is
// this store (test/agency/* covers other stores and crafted ones).
import prisma from "~/db.server";
import { PLAYBOOK_FORMAT, PLAYBOOK_FORMAT_VERSION, type PlaybookDocument } from "~/domain/agency/playbook-document";
import { createPlaybook } from "~/domain/agency/playbooks.server";
import { membershipOf } from "~/domain/agency/agencies.server";
import { variableField } from "~/domain/agency/variables";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import type { Role } from "~/domain/governance/roles";
import * as playbooksIndex from "~/routes/app.playbooks._index";
import * as playbookPage from "~/routes/app.playbooks.$id";
import * as staffPage from "~/routes/app.settings_.staff";
import { campaignInput } from "../campaigns/support";
import { TEST_SHOP, TEST_STAFF } from "../support/shopify-app";
import { next, routeCases, unique, type Handler, type MatrixCase, withIntent } from "./matrix-support";

/** The role's test user as an admin of the matrix's agency (created once). */
async function memberAs(role: Role) {
  const user = TEST_STAFF[role];
  const agency = (await prisma.agency.findFirst({ where: { name: "Matrix agency" } })) ?? (await prisma.agency.create({ data: { name: "Matrix agency" } }));
  await prisma.agencyMember.upsert({
    where: { userId: String(user.userId) },
    update: { agencyId: agency.id, admin: true },
    create: { agencyId: agency.id, userId: String(user.userId), name: `${user.firstName} ${user.lastName}`, email: user.email, admin: true },
  });
  return (await membershipOf(prisma, String(user.userId)))!;
}

/** A playbook file: one shared-code campaign with an amount, as an agency keeps it. */
export function playbookDocument(name: string): PlaybookDocument {
  return {
    format: PLAYBOOK_FORMAT,
    formatVersion: PLAYBOOK_FORMAT_VERSION,
    name,
    description: "",
    currency: "USD",
    variables: [
      { key: "spring.minimum", label: "Spring: minimum subtotal", kind: "money", amount: "80.00", convert: true },
      { key: "spring.code", label: "Spring: code", kind: "code", value: `SPRING${next()}` },
      { key: "spring.starts", label: "Spring: starts", kind: "date", daysAfterApply: 1 },
      { key: "spring.ends", label: "Spring: ends", kind: "date", daysAfterApply: 15 },
    ],
    campaigns: [
      {
        key: "spring",
        name: "Spring 10%",
        purpose: "Spring push",
        channel: "email",
        codeSource: "shared",
        sharedCode: { $var: "spring.code" },
        generatedPrefix: null,
        generatedCount: null,
        generatedLength: null,
        poolName: null,
        startsAt: { $var: "spring.starts" },
        endsAt: { $var: "spring.ends" },
        usageLimit: 100,
        oncePerCustomer: true,
        budgetDiscount: null,
        budgetRevenue: null,
        budgetRedemptions: null,
        dailyCap: null,
        combinesWithProduct: false,
        combinesWithOrder: false,
        combinesWithShipping: true,
        stackingCategory: "joint",
        priority: 0,
        config: { version: 1, minimumSubtotal: { $var: "spring.minimum" }, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
      },
    ],
    pools: [],
    policy: null,
  };
}

async function playbookFor(role: Role) {
  const member = await memberAs(role);
  const created = await createPlaybook(prisma, member, playbookDocument(unique("Matrix playbook")), "imported", null);
  return created.playbook;
}

const listCase = routeCases("app.playbooks._index.tsx", playbooksIndex.action as Handler, () => "/app/playbooks");
const pageCase = routeCases("app.playbooks.$id.tsx", playbookPage.action as Handler, (fixture) => `/app/playbooks/${fixture.params.id}`);
/** Preview and apply name the store they reach in the URL. */
const inThisStore = (matrixCase: MatrixCase): MatrixCase => ({ ...matrixCase, path: (fixture) => `${matrixCase.path(fixture)}&store=${TEST_SHOP}` });

export const AGENCY_CASES: MatrixCase[] = [
  listCase("createAgency", "create an agency", "playbook.manage", { none: "an agency is not a store's data" }, async (role) => {
    await prisma.agencyMember.deleteMany({ where: { userId: String(TEST_STAFF[role].userId) } });
    return { params: {}, form: { agencyName: unique("Agency") } };
  }),
  listCase("addMember", "add an agency member", "playbook.manage", { none: "agency membership is not a store's data" }, async (role) => {
    await memberAs(role);
    const n = next();
    const staff = await prisma.staffMember.create({
      data: { shopDomain: TEST_SHOP, userId: `agency-${n}`, name: `Freelancer ${n}`, email: `f${n}@example.com`, role: "requester" },
    });
    return { params: {}, form: { staffId: String(staff.id), admin: "" } };
  }),
  listCase("removeMember", "remove an agency member", "playbook.manage", { none: "agency membership is not a store's data" }, async (role) => {
    const member = await memberAs(role);
    const n = next();
    const leaving = await prisma.agencyMember.create({
      data: { agencyId: member.agencyId, userId: `leaving-${n}`, name: `Leaver ${n}`, email: `l${n}@example.com` },
    });
    return { params: {}, form: { memberId: String(leaving.id) } };
  }),
  listCase("capture", "save campaigns as a playbook", "playbook.manage", "playbook.capture", async (role) => {
    await memberAs(role);
    const campaign = await createCampaign(prisma, TEST_SHOP, campaignInput());
    return { params: {}, form: { name: unique("Captured"), campaignIds: String(campaign.id) } };
  }),
  listCase("import", "import a playbook file", "playbook.manage", { none: "the version records who imported it" }, async (role) => {
    await memberAs(role);
    return { params: {}, form: { file: JSON.stringify(playbookDocument(unique("Imported"))) } };
  }),
  pageCase("variables", "edit a playbook's variables", "playbook.manage", { none: "the new version records who made it" }, async (role) => {
    const playbook = await playbookFor(role);
    return {
      params: { id: String(playbook.id) },
      form: { version: "1", [variableField("spring.minimum", "value")]: "90", [variableField("spring.minimum", "convert")]: "true" },
    };
  }),
  pageCase("importVersion", "import a playbook's next version", "playbook.manage", { none: "the new version records who imported it" }, async (role) => {
    const playbook = await playbookFor(role);
    return { params: { id: String(playbook.id) }, form: { file: JSON.stringify(playbookDocument(playbook.name)) } };
  }),
  inThisStore(
    pageCase("preview", "preview applying a playbook", "playbook.apply", { none: "a preview changes nothing" }, async (role) => ({
      params: { id: String((await playbookFor(role)).id) },
      form: {},
    })),
  ),
  inThisStore(
    pageCase("apply", "apply a playbook", "playbook.apply", "playbook.apply", async (role) => ({
      params: { id: String((await playbookFor(role)).id) },
      form: {},
    })),
  ),
  {
    name: "remove someone's access",
    file: "app.settings_.staff.tsx",
    handler: staffPage.action as Handler,
    intent: "access",
    method: "POST",
    path: () => withIntent("/app/settings/staff", "access"),
    permission: "staff.manage",
    audit: "staff.access",
    setup: async () => {
      const n = next();
      const member = await prisma.staffMember.create({
        data: { shopDomain: TEST_SHOP, userId: `access-${n}`, name: `Contractor ${n}`, email: `c${n}@example.com`, role: "manager" },
      });
      return { params: {}, form: { staffId: String(member.id), removed: "true" } };
    },
  },
];
