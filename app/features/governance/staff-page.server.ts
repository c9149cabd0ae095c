// What the staff and roles page (app/routes/app.settings_.staff.tsx) loads.
import prisma from "~/db.server";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "~/domain/governance/roles";
import { ACCOUNT_OWNER_STAYS, LAST_OWNER_STAYS, toStaff } from "~/domain/governance/staff.server";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";

/** The staff page: every staff member with their role, last visit and whether anyone may change their role; and the roles described. */
export async function staffPage(request: Request) {
  const ctx = await authenticateStaff(request);
  const rows = await prisma.staffMember.findMany({ where: { shopDomain: ctx.session.shop }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const owners = rows.filter((row) => row.role === "owner").length;
  return {
    viewer: viewerOf(ctx),
    staff: rows.map((row) => {
      const staff = toStaff(row);
      return {
        ...staff,
        lastSeenAt: row.lastSeenAt.toISOString(),
        /** Why this person's role cannot be changed by anyone, whatever the viewer's role. */
        locked: staff.accountOwner ? ACCOUNT_OWNER_STAYS : staff.role === "owner" && owners <= 1 ? LAST_OWNER_STAYS : null,
      };
    }),
    timeZone: await shopTimeZone(ctx.session.shop),
    roles: ROLES.slice()
      .reverse()
      .map((role) => ({ role, label: ROLE_LABELS[role], description: ROLE_DESCRIPTIONS[role] })),
  };
}
