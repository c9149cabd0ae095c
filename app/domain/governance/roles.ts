// Roles and what each may do. Roles are ranked: each role may do everything the roles below it
// may, so a permission names the lowest role that holds it.

export const ROLES = ["requester", "manager", "approver", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  approver: "Approver",
  manager: "Manager",
  requester: "Requester",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including staff roles, the discount policy, API keys and refusing ungoverned codes.",
  approver: "Approves or rejects requests, overrides stacking limits with a written reason, publishes.",
  manager: "Creates and publishes campaigns within the policy, manages pools, codes and fraud review.",
  requester: "Drafts campaigns and submits them for approval; sees everything, changes nothing live.",
};

/** Each permission and the lowest role that holds it. */
export const PERMISSIONS = {
  /** Create and edit draft campaigns, submit them for approval. */
  "campaign.draft": "requester",
  /** Publish, pause, resume and archive campaigns within the policy. */
  "campaign.publish": "manager",
  /** Approve or reject requests; override the combined-depth limit. */
  "campaign.approve": "approver",
  /** Create, rename and configure pools; import and add codes; export. */
  "pool.manage": "manager",
  /** Assign codes to customers by hand and revoke assignments. */
  "pool.assign": "manager",
  /** Retry dead background jobs, start imports of past orders. */
  "jobs.manage": "manager",
  /** Review fraud cases: block customers, revoke codes, dismiss. */
  "fraud.review": "manager",
  /** Adopt ungoverned Shopify discounts into PromoGuard or deactivate them. */
  "ungoverned.manage": "approver",
  /** Change the discount policy, the automatic fraud blocking and the ungoverned-codes guard. */
  "policy.manage": "owner",
  /** Change staff roles, remove someone's access to the store. */
  "staff.manage": "owner",
  /** Create and revoke keys of the public API. */
  "apiKeys.manage": "owner",
  /** See the store's analytics, here and in a portfolio across stores. */
  "analytics.read": "requester",
  /** Save the store's campaigns as an agency's playbook; edit and import playbooks. */
  "playbook.manage": "manager",
  /** Apply a playbook to the store: its campaigns arrive as drafts waiting for the store's approval. */
  "playbook.apply": "manager",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

const rank = (role: Role) => ROLES.indexOf(role);

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return rank(role) >= rank(PERMISSIONS[permission]);
}

/**
 * Why the role may not do it, in words the UI shows next to a disabled control; null if it may.
 * `storeName` names the store when it is not the one the person is working in.
 */
export function whyNot(role: Role, permission: Permission, storeName?: string): string | null {
  if (can(role, permission)) return null;
  const needed = PERMISSIONS[permission];
  const holders = ROLES.slice(rank(needed)).map((r) => ROLE_LABELS[r]);
  return `Your role is ${ROLE_LABELS[role]}${storeName ? ` in ${storeName}` : ""}. Only ${holders.join(", ").replace(/, ([^,]*)$/, " or $1")} can do this; ask the store's Owner to change your role.`;
}

/** Every permission the role holds, for the UI (loaders send it to the page). */
export function permissionsOf(role: Role): Record<Permission, boolean> {
  return Object.fromEntries(Object.keys(PERMISSIONS).map((p) => [p, can(role, p as Permission)])) as Record<Permission, boolean>;
}
