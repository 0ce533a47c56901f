// The tariff monitor as a Dutch PDF: the same content as the page (the phase, what is still
// open, per prestatie the tariff's build-up as a table with the engine's sentences, and the
// yearly amount), to print or to discuss with the zorgkantoor. Every figure comes from the
// monitor's view model (app/services/monitor/view-model.ts), which has them from the engine.
import type { MonitorPrestatie, MonitorView } from "../app/services/monitor/view-model";
import { formatEuro, formatNumber, formatPercent } from "../scoring/format/nl";
import { formatDocumentDateTime } from "./layout";
import { bulletList, documentTitle, heading, keyValueList, note, paragraph, renderToBuffer, space, table, type Column } from "./layout";

export const MONITOR_TITLE = "Tariefmonitor";

export type MonitorPdfViewModel = {
  zorgkantoor: string;
  view: MonitorView;
  /** Whose eyes: the provider's own ("uw") or the zorgkantoor's. */
  own: boolean;
  generatedAt: Date;
};

export type MonitorPdfOptions = { creationDate?: Date; compress?: boolean };

const euro2 = (v: string) => formatEuro(v, { decimals: 2 });
const signed = (v: string) => (v.startsWith("-") ? `− ${euro2(v.slice(1))}` : `+ ${euro2(v)}`);

const STEPS: Column[] = [
  { header: "Stap", width: 0.44 },
  { header: "Percentage", width: 0.16, align: "right" },
  { header: "Bedrag", width: 0.2, align: "right" },
  { header: "Stand", width: 0.2, align: "right" },
];

const SUMMARY: Column[] = [
  { header: "Prestatie", width: 0.3 },
  { header: "Percentage", width: 0.15, align: "right" },
  { header: "Tarief", width: 0.18, align: "right" },
  { header: "Volume", width: 0.15, align: "right" },
  { header: "Jaarbedrag", width: 0.22, align: "right" },
];

function prestatieSection(doc: PDFKit.PDFDocument, p: MonitorPrestatie): void {
  heading(doc, `${p.code}${p.label ? ` — ${p.label}` : ""}`, 2);
  paragraph(doc, `Tarief ${formatEuro(p.regular.tariff)}${p.unit ? ` per ${p.unit}` : ""} (${formatPercent(p.regular.percent)} van het onderhandelbare deel, plus het niet-onderhandelbare deel).`);
  table(doc, STEPS, [
    ["Maximumtarief NZa", "—", euro2(p.regular.waterfall.maximum), "—"],
    ...p.regular.waterfall.bars.map((b) => [
      b.label,
      b.percent !== null ? formatPercent(b.percent) : "—",
      b.kind === "start" || b.kind === "total" ? euro2(b.amount) : signed(b.amount),
      euro2(b.to),
    ]),
  ]);
  heading(doc, "Berekening in woorden", 3);
  bulletList(doc, p.regular.trace.map((s) => (s.ref ? `${s.text} (${s.ref})` : s.text)));
  for (const l of p.targetGroups) {
    heading(doc, `Doelgroep ${l.targetGroupLabel}: ${formatEuro(l.tariff)} (${formatPercent(l.percent)})`, 3);
    bulletList(doc, l.trace.map((s) => (s.ref ? `${s.text} (${s.ref})` : s.text)));
  }
}

export function buildMonitor(doc: PDFKit.PDFDocument, vm: MonitorPdfViewModel): void {
  const { view } = vm;
  documentTitle(doc, vm.zorgkantoor, `${MONITOR_TITLE} ${view.provider.name}`);
  keyValueList(
    doc,
    [
      { key: "Aanbieder", value: `${view.provider.name} (AGB ${view.provider.agbCode})` },
      { key: "Kader", value: `${view.kader.title} (${view.kader.slug}), versie ${view.kader.version}` },
      { key: "Jaar", value: String(view.kader.year) },
      { key: "Stand van", value: formatDocumentDateTime(vm.generatedAt) },
      ...(view.submission ? [{ key: "Inschrijving", value: `versie ${view.submission.version}, ontvangen ${formatDocumentDateTime(new Date(view.submission.receivedAt))}` }] : []),
    ],
    { keyWidth: 130 },
  );
  space(doc, 4);
  heading(doc, view.phase.title, 2);
  paragraph(doc, view.phase.text);
  paragraph(doc, view.scoresNote);

  if (view.open.length > 0) {
    heading(doc, "Wat nog openstaat", 2);
    bulletList(doc, view.open.map((o) => o.text));
  }

  heading(doc, "Tarieven en jaarbedrag", 2);
  if (view.prestaties.length === 0) paragraph(doc, "Er zijn geen prestaties om te berekenen.");
  else {
    table(doc, SUMMARY, [
      ...view.prestaties.map((p) => [
        `${p.code}${p.label ? ` ${p.label}` : ""}`,
        formatPercent(p.regular.percent),
        formatEuro(p.regular.tariff),
        p.volume !== null ? formatNumber(p.volume) : "—",
        p.yearlyAmount !== null ? formatEuro(p.yearlyAmount) : "—",
      ]),
      ...(view.yearly.volumes ? [[`Jaarbedrag ${view.kader.year}`, "", "", "", formatEuro(view.yearly.total)]] : []),
    ]);
    if (!view.yearly.volumes)
      paragraph(doc, `Geen jaarbedrag: er staan ${vm.own ? "voor u " : ""}geen volumes in het register voor ${view.kader.year}. De tarieven per eenheid gelden wel.`);
    else paragraph(doc, `Het jaarbedrag is tarief × volume uit het register voor ${view.kader.year}, exact opgeteld en één keer afgerond.`);
  }

  for (const p of view.prestaties) prestatieSection(doc, p);

  if (view.facts.length > 0 || view.previousYearPercent !== null) {
    heading(doc, "Gegevens waarmee gerekend is", 2);
    keyValueList(
      doc,
      [
        { key: "Percentage vorig jaar", value: view.previousYearPercent !== null ? formatPercent(view.previousYearPercent) : "niet bekend" },
        ...view.facts.map((f) => ({
          key: f.label,
          value: [
            f.source === "aanbieder" ? `verklaard: ${f.declared ?? "nog niet"}` : f.source === "register" ? "uit het register" : "door het zorgkantoor",
            f.established ? `; zorgkantoor: ${f.established.value}${f.established.note ? ` (${f.established.note})` : ""}` : "",
            `; telt mee als: ${f.used ?? "ontbreekt"}`,
          ].join(""),
        })),
      ],
      { keyWidth: 190 },
    );
  }
  space(doc, 6);
  note(doc, "Alle bedragen rekent de rekenkern uit het gepubliceerde kader, de tarieftabel en de gegevens hierboven. Bedragen per stap zijn afgerond op centen; het tarief is één keer, aan het eind, afgerond.");
}

export function renderMonitor(vm: MonitorPdfViewModel, options: MonitorPdfOptions = {}): Promise<Buffer> {
  const title = `${MONITOR_TITLE} ${vm.view.provider.name}`;
  return renderToBuffer((doc) => buildMonitor(doc, vm), {
    title,
    subject: `${MONITOR_TITLE} van ${vm.view.provider.name} (AGB ${vm.view.provider.agbCode}) onder ${vm.view.kader.title}, versie ${vm.view.kader.version}`,
    keywords: ["tariefmonitor", vm.view.kader.slug, vm.view.provider.agbCode],
    header: `${MONITOR_TITLE} · ${vm.view.kader.slug} · ${vm.view.provider.name}`,
    footer: `${vm.view.kader.slug} versie ${vm.view.kader.version} · AGB ${vm.view.provider.agbCode}`,
    ...(options.creationDate ? { creationDate: options.creationDate } : {}),
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
}
