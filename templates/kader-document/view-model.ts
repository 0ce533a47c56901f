import type { Kader } from "../../scoring";

/** A published nota van inlichtingen, part of the kader for every provider alike. */
export type NotaVanInlichtingen = {
  number: number;
  title: string;
  publishedAt: Date;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
};

/** One published version of the kader, for the version history. */
export type KaderVersionEntry = {
  number: number;
  publishedAt: Date;
  contentHash: string;
  /** The nota van inlichtingen published with this version (an amendment), if any. */
  notaNumber: number | null;
};

/** Everything the kader document shows; built by one mapper from the stored version. */
export type KaderDocumentViewModel = {
  /** The published content (kader format, parsed). */
  kader: Kader;
  /** Version number of the publication (1, 2, … for amendments). */
  version: number;
  /** SHA-256 of the canonical content, 64 hex digits. */
  contentHash: string;
  publishedAt: Date;
  /** Submission window and the end of the question period (instants; shown in Europe/Amsterdam). */
  opensAt: Date;
  closesAt: Date;
  questionsUntil: Date;
  zorgkantoor: string;
  regions: readonly string[];
  /** The NZa maximum tariff table the kader refers to. */
  tariffTable: { year: number; version: number; note?: string | null };
  /** Every nota of the kader, also those published after this version: they are part of the kader. */
  notas: readonly NotaVanInlichtingen[];
  /** Every published version of the kader, this one and any later ones included. */
  versions: readonly KaderVersionEntry[];
  /** The reële-tarieventoets published with this version, in aggregates (issue 13); absent or null: none. */
  breakeven?: KaderBreakevenSummary | null;
};

export type KaderBreakevenSummary = {
  passes: boolean;
  share: string;
  basistarief: string;
  threshold: string;
  thresholdRef: string;
  breakEven: string | null;
  justification: string | null;
  costIndexation: string;
  volumeChange: string;
  /** In words. */
  opslagen: string;
  accountsYear: number | null;
  providersCounted: number;
  providersPassing: number;
  testFileSha256: string;
};

const NOTA_PREFIX = /^\s*nota van inlichtingen\s+\d+\s*(?:[:\-–—]\s*)?/i;

/**
 * "Nota van inlichtingen 3: Antwoorden op vragen". Some stored titles already begin with
 * "Nota van inlichtingen 3: " (the answers nota): that prefix is not repeated.
 */
export function notaHeading(number: number, title: string): string {
  const rest = title.replace(NOTA_PREFIX, "").trim();
  if (rest === "") return `Nota van inlichtingen ${number}`;
  return `Nota van inlichtingen ${number}: ${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}

/** The short form of the content hash shown in the footer: its first 12 hex digits. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
