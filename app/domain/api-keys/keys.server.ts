// Keys of the public API. An Owner creates one per tool (an email tool's flow, a script), names
// it and picks its scopes; PromoGuard shows the secret once and keeps only its SHA-256, so a
// lost key is revoked and replaced, never shown again. Every request looks its key up by that
// hash: a revoked key, or a key of a shop that uninstalled PromoGuard, stops working at once.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "~/db.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { formRecordId } from "~/domain/form-schema";
import type { Staff } from "~/domain/governance/staff.server";
import { fromSqlTime, toSqlTime } from "~/domain/pools/sql-time";
import { get, run } from "~/domain/pools/steps";
import type { PoolStore } from "~/domain/pools/store.server";
import { API_KEY_NAME_MAX_LENGTH, API_SCOPES, isApiScope, type ApiScope } from "./scopes";

const SECRET_PREFIX = "pgk_";
/** pgk_ and 32 random bytes in base64url. */
const SECRET_SHAPE = /^pgk_[A-Za-z0-9_-]{43}$/;
/** How much of the secret the key list shows: enough to tell keys apart, far too little to guess. */
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 6;
/** lastUsedAt is refreshed at most this often: a write per request would cost more than the request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The Create API key form (one schema for the action and the page). */
export const apiKeyFormSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name that says where the key is used, such as “Klaviyo welcome flow”.")
    .max(API_KEY_NAME_MAX_LENGTH, `Names are at most ${API_KEY_NAME_MAX_LENGTH} characters.`),
  scopes: z.array(z.enum(API_SCOPES), { invalid_type_error: "Choose what the key may do." }).min(1, "Choose at least one thing the key may do."),
});
export type ApiKeyForm = z.infer<typeof apiKeyFormSchema>;

/** A key's Revoke button: the key. */
export const revokeApiKeyFormSchema = z.object({ keyId: formRecordId });

export interface ApiKeyView {
  id: number;
  name: string;
  /** The secret's first characters, e.g. "pgk_Ab3dE9". */
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const secretHash = (secret: string) => createHash("sha256").update(secret).digest("hex");

const parseScopes = (json: string): ApiScope[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(isApiScope) : [];
  } catch {
    return [];
  }
};

type KeyRow = {
  id: number;
  name: string;
  prefix: string;
  scopes: string;
  createdAt: Date;
  createdById: number | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function toView(row: KeyRow, staffNames: Map<number, string>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes),
    createdAt: row.createdAt,
    createdByName: row.createdById === null ? null : (staffNames.get(row.createdById) ?? null),
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** The shop's keys, newest first, revoked ones included (they explain the audit trail). */
export async function listApiKeys(db: Database, shopDomain: string): Promise<ApiKeyView[]> {
  const rows = await db.apiKey.findMany({ where: { shopDomain }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const staffIds = [...new Set(rows.flatMap((row) => (row.createdById === null ? [] : [row.createdById])))];
  const staff = await db.staffMember.findMany({ where: { shopDomain, id: { in: staffIds } }, select: { id: true, name: true } });
  const names = new Map(staff.map((member) => [member.id, member.name]));
  return rows.map((row) => toView(row, names));
}

/**
 * Creates a key with a new secret and records it in the audit trail (its name, prefix and
 * scopes, never the secret). The secret is returned here and nowhere else, ever.
 */
export async function createApiKey(
  db: Database,
  shopDomain: string,
  form: ApiKeyForm,
  actor: Pick<Staff, "id" | "name">,
): Promise<{ key: ApiKeyView; secret: string }> {
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const scopes = API_SCOPES.filter((scope) => form.scopes.includes(scope));
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        shopDomain,
        name: form.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        secretHash: secretHash(secret),
        scopes: JSON.stringify(scopes),
        createdById: actor.id,
      },
    });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "apikey.create",
      entityType: "apikey",
      entityId: created.id,
      entityLabel: created.name,
      after: { name: created.name, prefix: created.prefix, scopes },
    });
    return created;
  });
  return { key: toView(row, new Map([[actor.id, actor.name]])), secret };
}

/**
 * Revokes the shop's key: from the next request on it is refused. Null when the shop has no such
 * key; a key already revoked stays as it was (and is not audited twice).
 */
export async function revokeApiKey(
  db: Database,
  shopDomain: string,
  id: number,
  actor: Pick<Staff, "id" | "name">,
  now = new Date(),
): Promise<ApiKeyView | null> {
  if (!Number.isSafeInteger(id)) return null;
  const row = await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id, shopDomain } });
    if (!key || key.revokedAt) return key;
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: now, revokedById: actor.id } });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "apikey.revoke",
      entityType: "apikey",
      entityId: id,
      entityLabel: key.name,
      before: { revokedAt: null },
      after: { revokedAt: now },
    });
    return revoked;
  });
  return row ? toView(row, new Map()) : null;
}

// ---------------------------------------------------------------------------------------------
// Every API request: through the pools' connection (microseconds, not Prisma's milliseconds).

/** A key a request may act with: the shop it belongs to and what it may do. */
export interface ActiveApiKey {
  id: number;
  shopDomain: string;
  name: string;
  scopes: ApiScope[];
}

export type KeyLookup =
  { ok: true; key: ActiveApiKey } | { ok: false; reason: "unknown" } | { ok: false; reason: "revoked"; revokedAt: Date } | { ok: false; reason: "uninstalled" };

const BY_SECRET = `SELECT k."id", k."shopDomain", k."name", k."scopes", k."lastUsedAt", k."revokedAt", s."uninstalledAt"
  FROM "ApiKey" k JOIN "Shop" s ON s."domain" = k."shopDomain" WHERE k."secretHash" = :hash`;

interface ActiveRow {
  id: number;
  shopDomain: string;
  name: string;
  scopes: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  uninstalledAt: string | null;
}

/** The key behind a secret, refreshing its last use (to the minute); why not when it may not act. */
export async function findApiKey(store: PoolStore, secret: string, now = new Date()): Promise<KeyLookup> {
  if (!SECRET_SHAPE.test(secret)) return { ok: false, reason: "unknown" };
  const row = await store.readSteps(() => get<ActiveRow>(BY_SECRET, { hash: secretHash(secret) }));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked", revokedAt: fromSqlTime(row.revokedAt) };
  if (row.uninstalledAt) return { ok: false, reason: "uninstalled" };
  if (!row.lastUsedAt || now.getTime() - fromSqlTime(row.lastUsedAt).getTime() >= LAST_USED_RESOLUTION_MS) {
    await store.writeSteps(() => run(`UPDATE "ApiKey" SET "lastUsedAt" = :now WHERE "id" = :id`, { now: toSqlTime(now), id: row.id }));
  }
  return { ok: true, key: { id: row.id, shopDomain: row.shopDomain, name: row.name, scopes: parseScopes(row.scopes) } };
}
