import type { Database } from "~/db.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import type { Clock } from "~/lib/clock";

/** What one sync run works with. */
export interface SyncRun {
  db: Database;
  call: AdminCall;
  clock: Clock;
  campaignId: number;
  discountId: string;
  /** Proves the job is still this worker's; throws when its lease was taken over. */
  heartbeat(): Promise<void>;
}
