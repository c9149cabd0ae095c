// The audit log's URL filters: shared by the server module and the page (no server code here).

/** The filters as the URL carries them (all optional, all strings). */
export interface AuditFilters {
  /** A StaffMember id, or "system" for jobs and webhooks. */
  actor: string;
  action: string;
  entityType: string;
  /** Matches the entity's id exactly or its label in part. */
  entity: string;
  /** Shop-local dates, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
}

export const FILTER_KEYS = ["actor", "action", "entityType", "entity", "from", "to"] as const satisfies readonly (keyof AuditFilters)[];
