// Controls that depend on the viewer's role. The server refuses what a role may not do (authorize
// in every action); these only keep the page honest about it: a control the viewer cannot use is
// shown disabled with the reason next to it (whyNot's words), never silently missing when the
// merchant would otherwise wonder where it went.
import type { ComponentProps, ReactNode } from "react";
import { Button, InlineStack, Text, Tooltip } from "@shopify/polaris";
import { isRole, whyNot, type Permission } from "~/domain/governance/roles";

type ButtonProps = ComponentProps<typeof Button>;

/** What a loader sends about the viewer (viewerOf): enough to decide and explain. */
export interface ViewerPermissions {
  role: string;
  permissions: Record<Permission, boolean>;
}

export interface PermissionButtonProps extends ButtonProps {
  /** Whether the viewer's role may do this. */
  allowed: boolean;
  /** Why not, shown as the disabled button's tooltip (whyNot(role, permission)); null when allowed. */
  reason: string | null;
}

/**
 * A Polaris Button that is disabled with a tooltip saying why when the viewer's role may not use
 * it. Takes every Button prop; `disabled` still applies on top of the role check.
 */
export function PermissionButton({ allowed, reason, disabled, ...props }: PermissionButtonProps) {
  if (allowed) return <Button disabled={disabled} {...props} />;
  return (
    <Tooltip content={reason ?? "Your role cannot do this."} preferredPosition="above">
      <span data-permission-denied="" title={reason ?? undefined}>
        <Button {...props} disabled />
      </span>
    </Tooltip>
  );
}

/** The reason a control is unavailable, as a line of subdued text; nothing when there is none. */
export function DisabledReason({ reason, children }: { reason: string | null | undefined; children?: ReactNode }) {
  if (!reason) return null;
  return (
    <InlineStack gap="100" blockAlign="center">
      <Text as="p" tone="subdued" variant="bodySm">
        {reason}
      </Text>
      {children}
    </InlineStack>
  );
}

/**
 * A Page primaryAction / secondaryAction descriptor gated on the role: disabled with the reason as
 * its help text (Polaris shows it as a tooltip) when the viewer may not use it.
 */
export function gatedAction<A extends object>(action: A, allowed: boolean, reason: string | null): A & { disabled?: boolean; helpText?: ReactNode } {
  return allowed ? action : { ...action, disabled: true, helpText: reason ?? "Your role cannot do this." };
}

/**
 * `{ allowed, reason }` for a permission of the viewer a loader sent (viewerOf): spread it into a
 * PermissionButton (`<PermissionButton {...gate(viewer, "pool.manage")}>`) or gatedAction.
 */
export function gate(viewer: ViewerPermissions, permission: Permission): { allowed: boolean; reason: string | null } {
  const allowed = Boolean(viewer.permissions[permission]);
  if (allowed) return { allowed, reason: null };
  return { allowed, reason: isRole(viewer.role) ? whyNot(viewer.role, permission) : "Your role cannot do this." };
}
