// What a key of the public API may do. A key holds one or more scopes; each endpoint names the
// one it needs (app/api/operations.server.ts).

export const API_SCOPES = ["assign", "read", "validate"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  assign: "Assign codes",
  read: "Read pools, campaigns and redemptions",
  validate: "Check carts",
};

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  assign: "Hand a pool's codes to customers, for example from an email tool's flow.",
  read: "See pools with their counts, campaigns with their caps, and redemptions.",
  validate: "Ask what a cart would get from the store's campaigns.",
};

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === "string" && (API_SCOPES as readonly string[]).includes(value);
}

export const API_KEY_NAME_MAX_LENGTH = 100;
