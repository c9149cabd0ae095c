// Generated campaign codes: a prefix plus random characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), so a code read aloud or copied by hand still works.
export const GENERATED_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 31^6 ≈ 887 million codes: even the largest run (100,000) rarely draws a code twice. */
export const GENERATED_LENGTH_MIN = 6;
export const GENERATED_LENGTH_MAX = 32;
const PREFIX_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,19}$/;

/** Problems with a prefix and length, keyed by form field. The prefix is required: the
 * stacking catalogue recognises the campaign's codes by it ("PREFIX*"). */
export function checkGeneratedCodeShape(prefix: string, length: number | null): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!PREFIX_PATTERN.test(prefix)) {
    errors.generatedPrefix = "Enter a prefix of 2 to 20 letters, digits or dashes, such as SPRING-.";
  }
  if (length === null || length < GENERATED_LENGTH_MIN || length > GENERATED_LENGTH_MAX) {
    errors.generatedLength = `Enter how many random characters follow the prefix, from ${GENERATED_LENGTH_MIN} to ${GENERATED_LENGTH_MAX}.`;
  }
  return errors;
}
