/**
 * Prestatie codes in the order a reader expects: the number as a number (4VV before 10VV), then
 * the letters. Plain text order put 10VV before 4VV.
 */
const collator = new Intl.Collator("nl", { numeric: true, sensitivity: "base" });

export function comparePrestatieCodes(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
