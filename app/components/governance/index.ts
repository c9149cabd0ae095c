export { DisabledReason, PermissionButton, gate, gatedAction, type PermissionButtonProps, type ViewerPermissions } from "./PermissionButton";
