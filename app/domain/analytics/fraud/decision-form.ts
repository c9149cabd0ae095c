// The forms of the fraud review's decisions (block, revoke, dismiss a case; unblock a customer):
// the row decided on and the optional reason kept with the decision in the audit trail.
import { z } from "zod";
import { formField, formRecordId, mistake } from "~/domain/form-schema";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";

/** Why the decision was taken, in the reviewer's words; optional, and kept within its limit. */
const reason = formField((text) => {
  const long = tooLong("The reason", text, TEXT_LIMITS.reason);
  return long ? mistake(long) : text || null;
});

/** Block, revoke or dismiss: the case. */
export const fraudCaseDecisionSchema = z.object({ caseId: formRecordId, reason });

/** Unblock: the blocked customer's row. */
export const unblockDecisionSchema = z.object({ blockedId: formRecordId, reason });
