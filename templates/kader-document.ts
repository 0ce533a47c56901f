// The kader document: the published inkoopkader as a readable Dutch PDF for
// providers and lawyers. `renderKaderDocument(viewModel)` → PDF bytes. Each
// part is a section renderer `(doc, viewModel, title) => void`; the view model
// is built by one mapper (in app/) from the stored version and its notas.
import { formatDocumentDateTime, renderToBuffer } from "./layout";
import { renderBaseRateSection } from "./kader-document/sections/base-rate";
import { renderBreakevenSection } from "./kader-document/sections/breakeven";
import { renderComputationSection } from "./kader-document/sections/computation";
import { renderFactsAssessmentSection } from "./kader-document/sections/facts-assessment";
import { renderModulesSection } from "./kader-document/sections/modules";
import { renderNotasSection } from "./kader-document/sections/notas";
import { renderPreviousYearSection } from "./kader-document/sections/previous-year";
import { renderSurchargesSection } from "./kader-document/sections/surcharges";
import { renderTitleSection } from "./kader-document/sections/title";
import { renderVersionsSection } from "./kader-document/sections/versions";
import { shortHash, type KaderDocumentViewModel } from "./kader-document/view-model";

export type { KaderDocumentViewModel, KaderVersionEntry, NotaVanInlichtingen } from "./kader-document/view-model";
export { notaHeading, shortHash } from "./kader-document/view-model";
export { describeCondition, describeConditionLines, describeComparison, describeValue, type ConditionLine } from "./kader-document/describe-condition";

export type KaderDocumentOptions = {
  /** Fixed in tests; defaults to now. */
  creationDate?: Date;
  /** Default true; tests turn it off. */
  compress?: boolean;
};

type Section = { title: string; render: (doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string) => void };

/** The numbered sections, in order. */
export const KADER_DOCUMENT_SECTIONS: readonly Section[] = [
  { title: "Basistarief", render: renderBaseRateSection },
  { title: "Opslagen", render: renderSurchargesSection },
  { title: "Modules", render: renderModulesSection },
  { title: "Feiten en beoordeling", render: renderFactsAssessmentSection },
  { title: "Vorig jaar", render: renderPreviousYearSection },
  { title: "Berekening", render: renderComputationSection },
  { title: "Nota's van inlichtingen", render: renderNotasSection },
  { title: "Versiegeschiedenis", render: renderVersionsSection },
  { title: "Reële-tarieventoets", render: renderBreakevenSection },
];

export function buildKaderDocument(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel): void {
  renderTitleSection(doc, vm);
  KADER_DOCUMENT_SECTIONS.forEach((section, i) => section.render(doc, vm, `${i + 1}. ${section.title}`));
}

/** The kader document as PDF bytes. */
export function renderKaderDocument(vm: KaderDocumentViewModel, options: KaderDocumentOptions = {}): Promise<Buffer> {
  return renderToBuffer((doc) => buildKaderDocument(doc, vm), {
    title: vm.kader.title,
    subject: `Inkoopkader ${vm.kader.year} van ${vm.zorgkantoor}, versie ${vm.version}, gepubliceerd ${formatDocumentDateTime(vm.publishedAt)}`,
    keywords: ["inkoopkader", "Wlz", vm.kader.id, `versie ${vm.version}`, vm.contentHash],
    header: `${vm.kader.title} · ${vm.zorgkantoor} · versie ${vm.version}`,
    footer: `Versie ${vm.version} · inhoudshash ${shortHash(vm.contentHash)}`,
    ...(options.creationDate ? { creationDate: options.creationDate } : {}),
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
}
