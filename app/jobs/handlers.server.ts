import { CODE_SYNC_JOB } from "~/domain/campaigns/code-sync.server";
import { codeSyncHandler, type CodeSyncDependencies } from "~/domain/campaigns/code-sync/run.server";
import type { JobHandler } from "./worker.server";
import { analyticsJobHandlers } from "~/domain/analytics/jobs.server";
import { redemptionJobHandlers } from "~/domain/redemptions/jobs.server";
import { fraudJobHandlers } from "~/domain/analytics/fraud/refresh.server";
import { APPROVAL_EMAIL_JOB, approvalEmailHandler } from "~/domain/governance/mail.server";
import { capsJobHandlers } from "~/domain/campaigns/caps.server";
import { customerUsesJobHandlers } from "~/domain/campaigns/customer-uses.server";
import { stockJobHandlers } from "~/domain/campaigns/stock.server";
import { codeDeliveryJobHandlers } from "~/domain/automation/code-delivery.server";
import { flowTriggerJobHandlers } from "~/domain/automation/flow-trigger-jobs.server";
import { postPurchaseJobHandlers } from "~/domain/automation/post-purchase.server";
import { poolStore } from "~/domain/pools/store.server";

/** Every job type the worker knows, by the name stored in Job.type. */
export function jobHandlers(dependencies: CodeSyncDependencies): Record<string, JobHandler> {
  return {
    [CODE_SYNC_JOB]: codeSyncHandler(dependencies),
    ...redemptionJobHandlers(dependencies),
    ...analyticsJobHandlers(dependencies),
    ...fraudJobHandlers(dependencies),
    ...capsJobHandlers(dependencies),
    ...customerUsesJobHandlers(dependencies),
    ...stockJobHandlers(dependencies),
    ...flowTriggerJobHandlers(dependencies),
    ...codeDeliveryJobHandlers(dependencies),
    ...postPurchaseJobHandlers(() => poolStore()),
    [APPROVAL_EMAIL_JOB]: approvalEmailHandler(),
  };
}
