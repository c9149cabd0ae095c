// "Adopt into PromoGuard": the form's one schema (who is accountable for the discount, what it is
// for and where it is used), which the adopt dialog checks itself with before posting and the
// action reads the form with. Whether the owner is one of the store's staff is the store's to
// tell: readAdoptionForm (existing-discounts.server.ts) asks it after this.
import { z } from "zod";
import { formField, formRecordId, mistake } from "~/domain/form-schema";
import { CHANNELS } from "./campaign-input";

export const MAX_PURPOSE = 500;
export const NOT_A_STAFF_MEMBER = "The owner must be one of this store's staff members who opened PromoGuard.";

export const adoptionFieldsSchema = z.object({
  ownerStaffId: formField((text) => {
    if (!text) return mistake("Choose the staff member accountable for this discount.");
    return /^\d+$/.test(text) ? text : mistake(NOT_A_STAFF_MEMBER);
  }),
  purpose: formField((text) => {
    if (!text) return mistake('Say what the discount is for, e.g. "Newsletter welcome offer".');
    return text.length > MAX_PURPOSE ? mistake(`The purpose is ${text.length} characters long; keep it to ${MAX_PURPOSE}.`) : text;
  }),
  channel: formField((text) => {
    if (!text) return mistake("Choose the channel the discount is used in.");
    return CHANNELS.some((option) => option.value === text) ? text : mistake(`"${text}" is not a channel: choose one from the list.`);
  }),
});

/** The adopt dialog's post: the discount adopted, and the fields. */
export const adoptionFormSchema = adoptionFieldsSchema.extend({ id: formRecordId });

/** The ungoverned list's Deactivate: the discount. */
export const deactivationFormSchema = z.object({ id: formRecordId });

/** The guard's switch: refuse codes not created by PromoGuard ("true") or allow them ("false"). */
export const refuseUngovernedFormSchema = z.object({
  refuse: formField((text) =>
    text === "true" || text === "false" ? text === "true" : mistake('Say "true" to refuse codes not created by PromoGuard or "false" to allow them.'),
  ),
});
