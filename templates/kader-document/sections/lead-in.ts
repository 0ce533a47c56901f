import type { Run } from "../../layout";

/** "Knock-out: …" → the words before the first colon in bold, the rest regular. */
export function leadIn(sentence: string): Run[] {
  const colon = sentence.indexOf(": ");
  if (colon < 0) return [{ text: sentence }];
  return [
    { text: sentence.slice(0, colon + 1), font: "bold" },
    { text: sentence.slice(colon + 1) },
  ];
}
