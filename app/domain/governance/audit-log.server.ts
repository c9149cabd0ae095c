// Reading the audit trail: the filterable list (newest first, keyset pages so page 500 costs what
// page 1 does) and the CSV export with the same filters. Writing is recordAudit's alone
// (audit.server.ts); nothing here, or anywhere, changes or removes an entry.
import type { AuditEntry, Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { csvStream } from "~/lib/csv";
import { localDateTimeToInstant } from "~/domain/campaigns/shop-time";
import { recordAudit, SYSTEM_ACTOR_NAME, type AuditDiff } from "./audit.server";
import type { Actor } from "./staff.server";
import { InvalidInput } from "~/domain/errors";
import { FILTER_KEYS, type AuditFilters } from "./audit-filters";
import { dateTimeFormat } from "~/lib/format";

export { FILTER_KEYS, type AuditFilters };

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_BATCH = 500;

export type AuditFilterErrors = Partial<Record<keyof AuditFilters, string>>;

export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const value = (key: keyof AuditFilters) => (params.get(key) ?? "").trim().slice(0, 200);
  return { actor: value("actor"), action: value("action"), entityType: value("entityType"), entity: value("entity"), from: value("from"), to: value("to") };
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day after a YYYY-MM-DD date. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The filters as a Prisma condition for one shop, or what is wrong with them (nothing is listed
 * then: a filter the merchant mistyped must not silently show everything). */
export function auditWhere(
  shopDomain: string,
  filters: AuditFilters,
  timeZone: string,
): { ok: true; where: Prisma.AuditEntryWhereInput } | { ok: false; errors: AuditFilterErrors } {
  const errors: AuditFilterErrors = {};
  const where: Prisma.AuditEntryWhereInput = { shopDomain };
  if (filters.actor === "system") where.actorId = null;
  else if (filters.actor) {
    if (/^\d{1,9}$/.test(filters.actor)) where.actorId = Number(filters.actor);
    else errors.actor = "Choose a staff member from the list.";
  }
  if (filters.action) where.action = filters.action;
  if (filters.entityType) where.entityType = filters.entityType;
  if (filters.entity) where.OR = [{ entityId: filters.entity }, { entityLabel: { contains: filters.entity } }];
  const day = (key: "from" | "to") => {
    const text = filters[key];
    if (!text) return null;
    const instant = DATE_PATTERN.test(text) ? localDateTimeToInstant(`${text}T00:00`, timeZone) : null;
    if (!instant) errors[key] = `"${text}" is not a date: use YYYY-MM-DD, e.g. 2026-11-22.`;
    return instant;
  };
  const from = day("from");
  const to = day("to");
  // "To" is inclusive: everything before the start of the next shop-local day.
  const toEnd = to ? localDateTimeToInstant(`${nextDay(filters.to)}T00:00`, timeZone) : null;
  if (from && to && from > to) errors.to = "The end date is before the start date.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (from || toEnd) where.at = { ...(from ? { gte: from } : {}), ...(toEnd ? { lt: toEnd } : {}) };
  return { ok: true, where };
}

// ---------------------------------------------------------------------------------------------
// Keyset pages: newest first by (at, id); the cursor is the last row's "<at ms>_<id>".

export function cursorOf(entry: Pick<AuditEntry, "at" | "id">): string {
  return `${entry.at.getTime()}_${entry.id}`;
}

function afterCursor(cursor: string | null): Prisma.AuditEntryWhereInput | null {
  const match = cursor ? /^(\d{1,15})_(\d{1,12})$/.exec(cursor) : null;
  if (!match) return null;
  const at = new Date(Number(match[1]));
  const id = Number(match[2]);
  return { OR: [{ at: { lt: at } }, { at, id: { lt: id } }] };
}

const NEWEST_FIRST: Prisma.AuditEntryOrderByWithRelationInput[] = [{ at: "desc" }, { id: "desc" }];

export interface AuditPage {
  entries: AuditEntry[];
  /** The cursor of the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export async function listAuditEntries(
  db: Database,
  where: Prisma.AuditEntryWhereInput,
  cursor: string | null = null,
  limit = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  const after = afterCursor(cursor);
  const rows = await db.auditEntry.findMany({ where: after ? { AND: [where, after] } : where, orderBy: NEWEST_FIRST, take: limit + 1 });
  const entries = rows.slice(0, limit);
  return { entries, nextCursor: rows.length > limit ? cursorOf(entries[entries.length - 1]) : null };
}

/** What the filters can choose from: the people, actions and entity types in this shop's log. */
export async function auditFilterOptions(db: Database, shopDomain: string) {
  const [actors, actions, entityTypes] = await Promise.all([
    db.auditEntry.groupBy({ by: ["actorId", "actorName"], where: { shopDomain }, orderBy: { actorName: "asc" } }),
    db.auditEntry.groupBy({ by: ["action"], where: { shopDomain }, orderBy: { action: "asc" } }),
    db.auditEntry.groupBy({ by: ["entityType"], where: { shopDomain }, orderBy: { entityType: "asc" } }),
  ]);
  // One choice per staff member: the name they carried most recently enough, whatever it was then.
  const people = new Map<string, string>();
  for (const actor of actors)
    people.set(actor.actorId === null ? "system" : String(actor.actorId), actor.actorId === null ? SYSTEM_ACTOR_NAME : actor.actorName);
  return {
    actors: [...people].map(([value, label]) => ({ value, label })),
    actions: actions.map((row) => row.action),
    entityTypes: entityTypes.map((row) => row.entityType),
  };
}

// ---------------------------------------------------------------------------------------------
// Words

const ACTION_WORDS: Record<string, string> = {
  "campaign.create": "Created campaign",
  "campaign.update": "Edited campaign",
  "campaign.publish": "Published campaign",
  "campaign.pause": "Paused campaign",
  "campaign.resume": "Resumed campaign",
  "campaign.archive": "Archived campaign",
  "campaign.reactivate": "Reactivated campaign",
  "campaign.submit": "Submitted campaign for approval",
  "campaign.experiment": "Changed campaign experiment",
  "approval.approve": "Approved request",
  "approval.reject": "Rejected request",
  "approval.withdraw": "Withdrew request",
  "approval.override": "Overrode the policy",
  "policy.update": "Changed the discount policy",
  "policy.refuse-ungoverned": "Changed the ungoverned-codes guard",
  "staff.role": "Changed a staff role",
  "staff.assign": "Assigned staff",
  "pool.create": "Created pool",
  "pool.rename": "Renamed pool",
  "pool.import": "Imported coupons",
  "pool.export": "Exported coupons",
  "pool.alerts": "Changed pool alerts",
  "coupon.add": "Added a coupon",
  "coupon.assign": "Assigned a coupon",
  "coupon.revoke": "Revoked a coupon",
  "coupon.hold-out": "Held a recipient out of an experiment",
  "api.assign-replayed": "Answered a repeated API assignment",
  "api.assign-refused": "Refused an API assignment",
  "apikey.create": "Created an API key",
  "apikey.revoke": "Revoked an API key",
  "discount.adopt": "Adopted a Shopify discount",
  "discount.deactivate": "Deactivated a Shopify discount",
  "discount.import": "Imported the store's discounts",
  "fraud.refresh": "Checked for new fraud signals",
  "fraud.block": "Blocked customers for fraud",
  "fraud.auto-block": "Blocked customers automatically",
  "fraud.dismiss": "Dismissed a fraud case",
  "fraud.revoke": "Revoked codes for fraud",
  "fraud.unblock": "Unblocked a customer",
  "fraud.auto-block.settings": "Changed automatic fraud blocking",
  "post-purchase.create": "Created post-purchase rule",
  "post-purchase.update": "Edited post-purchase rule",
  "post-purchase.pause": "Paused post-purchase rule",
  "post-purchase.resume": "Resumed post-purchase rule",
  "post-purchase.delete": "Deleted post-purchase rule",
  "job.retry": "Retried a background job",
  "audit.export": "Exported the audit log",
  "analytics.export": "Exported analytics",
};

/** The action in words; an action this list does not know yet reads "Verb entity" from its code. */
export function actionInWords(action: string): string {
  const known = ACTION_WORDS[action];
  if (known) return known;
  const [entity, ...verb] = action.split(".");
  const words = verb.join(" ").replace(/[-_]/g, " ");
  return words ? `${words[0].toUpperCase()}${words.slice(1)} ${entity.replace(/[-_]/g, " ")}` : action;
}

/** Where the entity lives in the app, when it has a page. */
export function entityPath(entityType: string, entityId: string): string | null {
  const numeric = /^\d+$/.test(entityId);
  switch (entityType) {
    case "campaign":
      return numeric ? `/app/campaigns/${entityId}` : null;
    case "pool":
      return numeric ? `/app/pools/${entityId}` : null;
    case "post-purchase-rule":
      return numeric ? `/app/campaigns/post-purchase/${entityId}` : null;
    case "approval":
      return "/app/approvals";
    case "policy":
    case "staff":
      return "/app/settings";
    case "discount":
      return "/app/campaigns/ungoverned";
    case "job":
      return "/app/settings/jobs";
    case "apikey":
      return "/app/settings/api-keys";
    case "audit":
      return "/app/settings/audit";
    default:
      return null;
  }
}

/** An entry's diff column as a diff: anything but an object (never written) reads as no change. */
export function parseDiff(value: Prisma.JsonValue): AuditDiff {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as AuditDiff) : {};
}

/** One value of a diff as a person reads it: empty is a dash, lists and objects as JSON. */
export function diffValue(value: unknown, max = 200): string {
  if (value === null || value === undefined || value === "") return "—";
  const text = typeof value === "string" ? value : typeof value === "boolean" ? (value ? "yes" : "no") : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "field: before → after; …" for the CSV. */
export function diffInWords(diff: AuditDiff): string {
  return Object.entries(diff)
    .map(([field, change]) => `${field}: ${diffValue(change.before, 10_000)} → ${diffValue(change.after, 10_000)}`)
    .join("; ");
}

/** An instant as the shop's wall clock, "2026-11-22 09:05:12". */
export function shopTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    dateTimeFormat({ timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

// ---------------------------------------------------------------------------------------------
// CSV

export const AUDIT_CSV_HEADER = ["Time (shop)", "Time (UTC)", "Actor", "Action", "Action code", "Entity type", "Entity id", "Entity", "Changes", "Reason"];

async function* exportBatches(db: Database, where: Prisma.AuditEntryWhereInput): AsyncGenerator<AuditEntry[]> {
  let cursor: string | null = null;
  for (;;) {
    const page = await listAuditEntries(db, where, cursor, EXPORT_BATCH);
    if (page.entries.length > 0) yield page.entries;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** The filtered log as CSV, newest first, read batch by batch as the download goes. */
export function exportAuditCsv(db: Database, where: Prisma.AuditEntryWhereInput, timeZone: string): ReadableStream<Uint8Array> {
  return csvStream(AUDIT_CSV_HEADER, exportBatches(db, where), (entry) => [
    shopTime(entry.at, timeZone),
    entry.at,
    entry.actorName,
    actionInWords(entry.action),
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.entityLabel,
    diffInWords(parseDiff(entry.diff)),
    entry.reason,
  ]);
}

/**
 * The filtered log as CSV for `actor`, after recording the export itself in the log (so an
 * unfiltered file includes its own entry). Filters that cannot be read are refused, per field.
 */
export async function exportAuditLog(
  db: Database,
  shopDomain: string,
  actor: Actor,
  filters: AuditFilters,
  timeZone: string,
): Promise<ReadableStream<Uint8Array>> {
  const condition = auditWhere(shopDomain, filters, timeZone);
  if (!condition.ok) throw new InvalidInput(condition.errors);
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "audit.export",
    entityType: "audit",
    entityId: shopDomain,
    entityLabel: "Audit log",
    after: { export: "Audit log (CSV)", ...activeFilters(filters) },
  });
  return exportAuditCsv(db, condition.where, timeZone);
}

/** The filters that are set, for the export's own audit entry. */
export function activeFilters(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(FILTER_KEYS.filter((key) => filters[key]).map((key) => [key, filters[key]]));
}
