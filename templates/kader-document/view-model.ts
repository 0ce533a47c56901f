import type { Kader } from "../../scoring";

/** A published nota van inlichtingen, part of the kader for every provider alike. */
export type NotaVanInlichtingen = {
  number: number;
  title: string;
  publishedAt: Date;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
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
  notas: readonly NotaVanInlichtingen[];
};

/** The short form of the content hash shown in the footer: its first 12 hex digits. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
