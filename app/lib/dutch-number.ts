/**
 * Reads a number typed the Dutch way ("12.500.000,00", "94,5") or plainly ("94.5", "12500000"),
 * into a canonical decimal string, or null when it is not a number. Dots are thousands
 * separators when a comma is present or when every group after a dot has three digits.
 */
export function parseDutchDecimal(input: string): string | null {
  const text = input.trim().replace(/\s/g, "").replace(/^€/, "");
  if (!/^-?[\d.,]+$/.test(text)) return null;
  let normalised: string;
  if (text.includes(",")) {
    if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(text) && !/^-?\d+(,\d+)?$/.test(text)) return null;
    normalised = text.replace(/\./g, "").replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) {
    normalised = text.replace(/\./g, "");
  } else if (/^-?\d+(\.\d+)?$/.test(text)) {
    normalised = text;
  } else {
    return null;
  }
  const [whole, fraction] = normalised.split(".") as [string, string | undefined];
  const cleanWhole = whole.replace(/^(-?)0+(?=\d)/, "$1");
  const cleanFraction = fraction?.replace(/0+$/, "");
  return cleanFraction ? `${cleanWhole}.${cleanFraction}` : cleanWhole;
}
