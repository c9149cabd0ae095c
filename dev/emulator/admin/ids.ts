import { GraphQLError } from "graphql";

const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#]+)$/;

export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** The resource type and id of a Shopify GID, or null when the string is not one. */
export function parseGid(value: string): { type: string; id: string } | null {
  const match = GID_PATTERN.exec(value);
  return match ? { type: match[1], id: match[2] } : null;
}

/** The number in a GID, for ordering by id (0 when the GID has none). */
export function numericId(value: string): number {
  const parsed = parseGid(value);
  return parsed ? Number(parsed.id) || 0 : 0;
}

/** The numeric id REST payloads (webhooks) carry for a GID. */
export function legacyId(value: string): number {
  const parsed = parseGid(value);
  const numeric = parsed ? Number(parsed.id) : NaN;
  if (!Number.isSafeInteger(numeric)) throw new Error(`${value} has no numeric legacy id`);
  return numeric;
}

/**
 * Shopify answers a malformed GID argument with a top-level error rather than a userError
 * (`Invalid global id '…'`, code argumentLiteralsIncompatible in graphql-ruby terms).
 */
export function requireGid(value: string): { type: string; id: string } {
  const parsed = parseGid(value);
  if (!parsed) {
    throw new GraphQLError(`Invalid global id '${value}'`, { extensions: { code: "argumentLiteralsIncompatible" } });
  }
  return parsed;
}
