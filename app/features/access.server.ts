// Who is asking and what they may do. Every loader that shows role-dependent controls calls
// authenticateStaff; every action that changes anything calls authorize with its permission
// before touching data, so a denied request changes nothing.
import { json } from "@remix-run/node";
import prisma from "~/db.server";
import { authenticate } from "~/shopify.server";
import { permissionsOf, whyNot, type Permission } from "~/domain/governance/roles";
import { NoStaffUserError, staffForSession, type Staff } from "~/domain/governance/staff.server";

export type StaffContext = Awaited<ReturnType<typeof authenticate.admin>> & {
  staff: Staff;
  /** The staff member's permissions, for the page to hide or disable what they cannot do. */
  permissions: ReturnType<typeof permissionsOf>;
};

export const ACCESS_REMOVED = "The store's Owner removed your access to PromoGuard in this store. Ask them if you need it back.";

/** authenticate.admin plus the staff member behind the session (created on first sight). Someone
 * whose access an Owner removed gets 403 on every page and action. */
export async function authenticateStaff(request: Request): Promise<StaffContext> {
  const context = await authenticate.admin(request);
  try {
    const staff = await staffForSession(prisma, context.session);
    if (staff.accessRemoved) throw json({ error: ACCESS_REMOVED }, { status: 403 });
    return { ...context, staff, permissions: permissionsOf(staff.role) };
  } catch (error) {
    if (error instanceof NoStaffUserError) throw json({ error: error.message }, { status: 403 });
    throw error;
  }
}

/**
 * authenticateStaff, then the permission check: a staff member without it gets 403 with the
 * reason ({ error, permission }) before the action reads its form or changes anything.
 */
export async function authorize(request: Request, permission: Permission): Promise<StaffContext> {
  const context = await authenticateStaff(request);
  const reason = whyNot(context.staff.role, permission);
  if (reason) throw json({ error: reason, permission }, { status: 403 });
  return context;
}

/** What the page needs to know about the viewer: name, role and permissions. */
export function viewerOf(context: StaffContext) {
  return { id: context.staff.id, name: context.staff.name, role: context.staff.role, permissions: context.permissions };
}
export type Viewer = ReturnType<typeof viewerOf>;
