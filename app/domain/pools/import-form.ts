// The registration an import starts with (the file's name and size, before the file is sent):
// its one schema, which the Import Coupons dialog checks before sending anything and the action
// reads the registration with, so a file too large is refused before anyone waits for its upload.
import { z } from "zod";
import { formText } from "~/domain/form-schema";

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Why a file larger than `maxBytes` is refused as a whole. */
export const tooLargeMessage = (maxBytes: number) => `The file is larger than ${maxBytes / 1024 / 1024} MB. Split it into smaller files.`;

export const importRegistrationSchema = z
  .object({
    source: formText.transform((text): "csv" | "paste" => (text === "paste" ? "paste" : "csv")),
    fileName: formText.transform((text) => text || null),
    totalBytes: formText.transform((text) => (/^\d{1,15}$/.test(text) ? Number(text) : null)),
  })
  .superRefine((registration, context) => {
    if (registration.totalBytes !== null && registration.totalBytes > MAX_IMPORT_BYTES) {
      // The form's own problem (not one field's): it answers as `general`.
      context.addIssue({ code: z.ZodIssueCode.custom, path: [], message: tooLargeMessage(MAX_IMPORT_BYTES) });
    }
  });
