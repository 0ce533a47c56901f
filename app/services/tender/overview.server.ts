// The inkoper's overview of a published kader: every provider of its regions with its expected
// tariff per prestatie and its yearly amount, computed live exactly as each provider's monitor
// computes it (computeTenderProvider, after loading all providers at once), sortable, and as .xlsx.
//
// What it may show follows the one access decision for submission content: before the four-eyes
// opening the inkoper sees figures from the registry only, never a number derived from a sealed
// inschrijving.
import ExcelJS from "exceljs";
import type { Db } from "../../../db/client.server";
import { D } from "../../../scoring/decimal";
import type { SessionUser } from "../../auth/session.server";
import type { KaderRow } from "../kaders/access.server";
import { canReadSubmissionContent, openingOf } from "../submissions/access.server";
import { loadTenderProviders } from "./inputs.server";
import { computeTenderProvider, loadPublishedKader, type ComputationBasis } from "./provider-result.server";
import { computeFromRun, latestRunContext } from "./run-computation.server";
import { BASIS_WORD } from "../../lib/computation-basis";

export type OverviewLine = { prestatie: string; targetGroup: string | null; percent: string; tariff: string; volume: string | null };

export type OverviewProvider = {
  providerId: number;
  agbCode: string;
  name: string;
  basis: ComputationBasis;
  /** Regular lines (no target group) by prestatie code. */
  tariffs: Record<string, { percent: string; tariff: string }>;
  /** Every line, target-group lines included, in the engine's order (for the export). */
  lines: OverviewLine[];
  /** Σ tariff × volume over the provider's regular lines; null without volumes. */
  yearly: string | null;
};

export type Overview = {
  kader: { slug: string; title: string; year: number; version: number };
  /** False before the opening (or for anyone who may not read submissions): registry figures only. */
  withSubmissions: boolean;
  /** The prestaties any provider is computed for, in the tariff table's order. */
  prestaties: { code: string; label: string }[];
  providers: OverviewProvider[];
  total: string;
};

/**
 * The overview for a staff user the caller has let in (an inkoper of the kader's zorgkantoor), or
 * null before publication. `now` decides, with the opening, whether submissions count.
 */
export function kaderOverview(db: Db, user: SessionUser, row: KaderRow, now: Date = new Date()): Overview | null {
  const published = loadPublishedKader(db, row);
  if (!published) return null;
  // For the zorgkantoor's staff the decision does not depend on which provider: closing time
  // and opening are the kader's. Provider id 0 belongs to nobody.
  const withSubmissions = canReadSubmissionContent(
    user,
    { providerId: 0, zorgkantoorId: row.zorgkantoorId, closesAt: published.version.closesAt, opening: openingOf(db, row.id) },
    now,
  );
  const loaded = loadTenderProviders(db, row, published.kader, { withSubmissions });
  // After a scoring run every provider it holds is shown as the run established it, as in its monitor.
  const runContext = withSubmissions ? latestRunContext(db, published) : null;
  const used = new Set<string>();
  let total = new D(0);
  const providers = loaded.map((p): OverviewProvider => {
    const { result, inputs, basis } = (runContext ? computeFromRun(runContext, p) : null) ?? computeTenderProvider(published, p);
    const volumes = inputs.providers[0]!.volumes ?? {};
    const tariffs: OverviewProvider["tariffs"] = Object.create(null);
    const lines: OverviewLine[] = [];
    for (const line of result.lines) {
      used.add(line.prestatie);
      const volume = line.targetGroup === null && Object.prototype.hasOwnProperty.call(volumes, line.prestatie) ? String(volumes[line.prestatie]) : null;
      lines.push({ prestatie: line.prestatie, targetGroup: line.targetGroup, percent: line.percent, tariff: line.tariff, volume });
      if (line.targetGroup === null) tariffs[line.prestatie] = { percent: line.percent, tariff: line.tariff };
    }
    const yearly = result.budget?.byProvider.find((b) => b.provider === p.agbCode)?.total ?? null;
    if (yearly !== null) total = total.plus(yearly);
    return { providerId: p.providerId, agbCode: p.agbCode, name: p.name, basis, tariffs, lines, yearly };
  });
  return {
    kader: { slug: row.slug, title: row.title, year: row.year, version: published.version.number },
    withSubmissions,
    prestaties: published.tariffs.filter((t) => used.has(t.code)).map((t) => ({ code: t.code, label: t.label ?? t.code })),
    providers,
    total: total.toFixed(),
  };
}

/** Sort keys of the overview (`?sorteer=`): a leading "-" sorts descending. */
export type OverviewSort = { key: "naam" | "agb" | "jaarbedrag" | `tarief-${string}`; descending: boolean };

export const DEFAULT_SORT: OverviewSort = { key: "naam", descending: false };

/** The sort the query asks for, or null when it names no column of this overview. */
export function parseOverviewSort(value: string | null, overview: Pick<Overview, "prestaties">): OverviewSort | null {
  if (value === null || value === "") return DEFAULT_SORT;
  const descending = value.startsWith("-");
  const key = descending ? value.slice(1) : value;
  if (key === "naam" || key === "agb" || key === "jaarbedrag") return { key, descending };
  if (key.startsWith("tarief-") && overview.prestaties.some((p) => `tarief-${p.code}` === key)) return { key: key as `tarief-${string}`, descending };
  return null;
}

export function sortProviders(providers: readonly OverviewProvider[], sort: OverviewSort): OverviewProvider[] {
  const value = (p: OverviewProvider): string | null => {
    if (sort.key === "jaarbedrag") return p.yearly;
    if (sort.key.startsWith("tarief-")) {
      const code = sort.key.slice("tarief-".length);
      return Object.prototype.hasOwnProperty.call(p.tariffs, code) ? p.tariffs[code]!.tariff : null;
    }
    return null;
  };
  const byName = (a: OverviewProvider, b: OverviewProvider) => a.name.localeCompare(b.name, "nl") || a.agbCode.localeCompare(b.agbCode);
  const compare = (a: OverviewProvider, b: OverviewProvider): number => {
    if (sort.key === "naam") return byName(a, b);
    if (sort.key === "agb") return a.agbCode.localeCompare(b.agbCode);
    const va = value(a);
    const vb = value(b);
    return va === null || vb === null ? 0 : new D(va).comparedTo(new D(vb));
  };
  const direction = sort.descending ? -1 : 1;
  const missing = (p: OverviewProvider) => (sort.key !== "naam" && sort.key !== "agb" && value(p) === null ? 1 : 0);
  // Providers without the figure go last, whichever the direction; ties by name.
  return [...providers].sort((a, b) => missing(a) - missing(b) || direction * compare(a, b) || byName(a, b));
}

/**
 * The overview as a workbook: "Per aanbieder" (one row per provider, a tariff column per
 * prestatie and the yearly amount) and "Regels" (every line, target groups included). Amounts and
 * percentages are numbers with a Dutch-displayed format, so they can be summed in Excel.
 */
export async function overviewXlsx(overview: Overview): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const note = overview.withSubmissions
    ? "Op basis van de inschrijvingen en de registergegevens."
    : "Voorlopig: alleen op basis van de registergegevens (de inschrijvingen zijn nog niet geopend).";
  const perProvider = workbook.addWorksheet("Per aanbieder");
  perProvider.addRow([`${overview.kader.title}, versie ${overview.kader.version}`]).font = { bold: true };
  perProvider.addRow([note]);
  perProvider.addRow([]);
  const header = ["AGB-code", "Aanbieder", "Basis", ...overview.prestaties.map((p) => `Tarief ${p.code}`), "Jaarbedrag"];
  perProvider.addRow(header).font = { bold: true };
  for (const p of overview.providers) {
    perProvider.addRow([
      p.agbCode,
      p.name,
      BASIS_WORD[p.basis],
      ...overview.prestaties.map((pr) => (Object.prototype.hasOwnProperty.call(p.tariffs, pr.code) ? Number(p.tariffs[pr.code]!.tariff) : null)),
      p.yearly === null ? null : Number(p.yearly),
    ]);
  }
  perProvider.addRow(["Totaal", null, null, ...overview.prestaties.map(() => null), Number(overview.total)]).font = { bold: true };
  perProvider.getColumn(1).numFmt = "@";
  perProvider.getColumn(1).width = 12;
  perProvider.getColumn(2).width = 36;
  perProvider.getColumn(3).width = 12;
  for (let i = 0; i <= overview.prestaties.length; i++) {
    const column = perProvider.getColumn(4 + i);
    column.numFmt = '"€" #,##0.00';
    column.width = 14;
  }

  const lines = workbook.addWorksheet("Regels");
  lines.addRow(["AGB-code", "Aanbieder", "Prestatie", "Doelgroep", "Percentage", "Tarief", "Volume", "Bedrag"]).font = { bold: true };
  for (const p of overview.providers) {
    for (const l of p.lines) {
      lines.addRow([
        p.agbCode,
        p.name,
        l.prestatie,
        l.targetGroup ?? "",
        // As a fraction, displayed as a percentage by the cell format.
        new D(l.percent).div(100).toNumber(),
        Number(l.tariff),
        l.volume === null ? null : Number(l.volume),
        l.volume === null ? null : new D(l.tariff).times(l.volume).toNumber(),
      ]);
    }
  }
  lines.getColumn(1).numFmt = "@";
  lines.getColumn(5).numFmt = "0.00%";
  lines.getColumn(6).numFmt = '"€" #,##0.00';
  lines.getColumn(8).numFmt = '"€" #,##0.00';
  [12, 36, 10, 18, 12, 12, 10, 16].forEach((w, i) => (lines.getColumn(i + 1).width = w));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
