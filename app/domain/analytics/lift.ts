/** AOV lift of one row against the store's orders without a code in the same period. */
export function liftAgainst(aov: string | null, withoutCode: string | null): number | null {
  if (aov === null || withoutCode === null || Number(withoutCode) === 0) return null;
  return (Number(aov) - Number(withoutCode)) / Number(withoutCode);
}
