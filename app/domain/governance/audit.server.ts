// The audit trail: every change to a shop's PromoGuard data, who made it, when, and what changed.
// Entries are only ever inserted; database triggers refuse updates and deletes (migration
// 20261122050000_governance), so not even a bug in a route can rewrite history.
import type { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { toSqlTime } from "~/domain/pools/sql-time";
import { run, type Steps } from "~/domain/pools/steps";
import { runStepsSync, type PoolStore } from "~/domain/pools/store.server";
import type { Actor } from "./staff.server";

export const SYSTEM_ACTOR_NAME = "PromoGuard";

export type AuditValues = Record<string, unknown>;

/** Who acted when it was not a staff member in the app: an API key, by its name. */
export interface NamedActor {
  id: null;
  name: string;
}

export interface AuditInput {
  shopDomain: string;
  actor: Actor | NamedActor;
  /** Dotted verb, e.g. campaign.create, campaign.publish, approval.approve, staff.role, pool.import. */
  action: string;
  entityType: string;
  entityId: string | number;
  entityLabel?: string;
  /** The entity's fields before and after; only fields that differ are kept. Emails of customers
   * must be keyed hashes (redactedEmail) here: an audit entry can never be redacted later. */
  before?: AuditValues | null;
  after?: AuditValues | null;
  reason?: string | null;
}

export type AuditDiff = Record<string, { before: unknown; after: unknown }>;

const normalise = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (
    value !== null &&
    typeof value === "object" &&
    "toFixed" in value &&
    typeof (value as { toString(): string }).toString === "function" &&
    !Array.isArray(value)
  ) {
    return (value as { toString(): string }).toString(); // Prisma.Decimal
  }
  return value === undefined ? null : value;
};

/** Field → { before, after } for every field whose value differs (JSON comparison). */
export function auditDiff(before: AuditValues | null | undefined, after: AuditValues | null | undefined): AuditDiff {
  const diff: AuditDiff = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (JSON.stringify(b) !== JSON.stringify(a)) diff[key] = { before: b, after: a };
  }
  return diff;
}

type Writer = Pick<Database, "auditEntry"> | Prisma.TransactionClient;

/** The row an audit input becomes. */
function auditRow(input: AuditInput, at: Date) {
  return {
    shopDomain: input.shopDomain,
    at,
    actorId: input.actor?.id ?? null,
    actorName: input.actor?.name ?? SYSTEM_ACTOR_NAME,
    action: input.action,
    entityType: input.entityType,
    entityId: String(input.entityId),
    entityLabel: input.entityLabel ?? "",
    // Values are as JSON.stringify writes them (normalise leaves only JSON-able values and Decimals).
    diff: auditDiff(input.before, input.after) as Prisma.InputJsonObject,
    reason: input.reason ?? null,
  };
}

export async function recordAudit(db: Writer, input: AuditInput) {
  return db.auditEntry.create({ data: auditRow(input, new Date()) });
}

const INSERT_AUDIT = `INSERT INTO "AuditEntry" ("shopDomain", "at", "actorId", "actorName", "action", "entityType", "entityId", "entityLabel", "diff", "reason")
  VALUES (:shopDomain, :at, :actorId, :actorName, :action, :entityType, :entityId, :entityLabel, :diff, :reason)`;

/**
 * recordAudit through the pools' own connection, for the hot path of the public API: one entry
 * per assignment at thousands a second, written in the same transaction as the assignment it
 * records (Prisma's adapter would make the entry cost more than the assignment). Steps for
 * store.writeSteps (steps.ts).
 */
export function* auditSteps(input: AuditInput, now = new Date()): Steps<void> {
  const row = auditRow(input, now);
  yield* run(INSERT_AUDIT, { ...row, at: toSqlTime(row.at), diff: JSON.stringify(row.diff) });
}

/** auditSteps on the store's synchronous connection: call it inside store.write. */
export function writeAuditInStore(store: PoolStore, input: AuditInput, now = new Date()): void {
  runStepsSync(store, auditSteps(input, now));
}

/** writeAuditInStore in a write of its own. */
export async function recordAuditInStore(store: PoolStore, input: AuditInput, now = new Date()): Promise<void> {
  await store.writeSteps(() => auditSteps(input, now));
}
