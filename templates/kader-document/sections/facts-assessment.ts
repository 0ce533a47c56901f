// "Feiten en beoordeling": what each fact in a condition means, who establishes it and whether
// evidence is asked (the kader's `facts`), and how the plans of the modules are assessed.
import { heading, paragraph, table } from "../../layout";
import { describeAssessment, describeFactSource, describeFactType } from "../describe-kader";
import type { KaderDocumentViewModel } from "../view-model";

export function renderFactsAssessmentSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  const { kader } = vm;
  heading(doc, title, 1);
  const facts = kader.facts ?? [];
  if (facts.length === 0) {
    paragraph(doc, "Dit kader legt de betekenis van de feiten in zijn voorwaarden niet apart vast; de voorwaarden noemen ze bij hun naam.");
  } else {
    paragraph(doc, "De voorwaarden van de opslagen lezen deze feiten. Per feit: wat het betekent, welke waarde het heeft en wie het vaststelt.", { keepWithNext: 40 });
    table(
      doc,
      [
        { header: "Feit", width: 28 },
        { header: "Vraag", width: 30 },
        { header: "Waarde", width: 14 },
        { header: "Wie stelt het vast", width: 28 },
      ],
      facts.map((f) => [f.ref ? `${f.label} (${f.ref})` : f.label, f.question ?? "—", describeFactType(f), describeFactSource(f)]),
    );
  }
  heading(doc, "Beoordeling van de plannen", 2);
  paragraph(doc, describeAssessment(kader));
}
