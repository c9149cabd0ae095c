import { useCallback, useState } from "react";
import type { z } from "zod";
import { readForm, type FieldErrors } from "~/domain/form-schema";

/**
 * A form's check in the browser with the schema its action reads it with: `check` returns
 * whether to post; with a problem, `errors` shows it on its field at once, until the server's
 * next answer (`serverErrors`, a new object each time) replaces it.
 */
export function useFormCheck<Schema extends z.ZodTypeAny>(schema: Schema, serverErrors: FieldErrors | undefined) {
  const [checked, setChecked] = useState<{ errors: FieldErrors; answer: FieldErrors | undefined } | null>(null);
  const check = useCallback(
    (form: FormData | Record<string, string>) => {
      const read = readForm(schema, form);
      setChecked(read.ok ? null : { errors: read.errors, answer: serverErrors });
      return read.ok;
    },
    [schema, serverErrors],
  );
  const errors = checked && checked.answer === serverErrors ? checked.errors : serverErrors;
  return { errors, check };
}
