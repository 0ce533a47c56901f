// The running header (document title, from page 2 on) and footer (a note such
// as the short content hash, and "pagina X van Y"), drawn once every page
// exists: pages are buffered, so the total is known.
import { FONT } from "./fonts";
import { COLOR, TYPE, contentWidth } from "./page";
import { artifact } from "./structure";
import { drawMarginLine, typeset } from "./text";

export type Running = {
  /** Shown at the top of every page but the first. */
  header: string;
  /** Shown at the bottom left of every page. */
  footer?: string;
};

const PAGE_NUMBER_WIDTH = 110;

export function drawRunning(doc: PDFKit.PDFDocument, running: Running): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const page = doc.page;
    const x = page.margins.left;
    const width = contentWidth(doc);
    // Text in the margins must not trigger pdfkit's automatic page break.
    const margins = { ...page.margins };
    page.margins = { ...margins, top: 0, bottom: 0 };
    artifact(
      doc,
      () => {
        doc.font(FONT.regular).fontSize(TYPE.small).fillColor(COLOR.muted);
        if (i > 0) {
          drawMarginLine(doc, typeset(running.header), FONT.regular, TYPE.small, x, 40, width, { ellipsis: true });
          doc.moveTo(x, 54).lineTo(x + width, 54).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
        }
        const footY = page.height - 46;
        doc.moveTo(x, footY - 8).lineTo(x + width, footY - 8).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
        if (running.footer) {
          drawMarginLine(doc, typeset(running.footer), FONT.regular, TYPE.small, x, footY, width - PAGE_NUMBER_WIDTH, { ellipsis: true });
        }
        drawMarginLine(doc, `pagina ${i + 1} van ${range.count}`, FONT.regular, TYPE.small, x + width - PAGE_NUMBER_WIDTH, footY, PAGE_NUMBER_WIDTH, { align: "right" });
        doc.fillColor(COLOR.text);
      },
      "Pagination",
    );
    page.margins = margins;
  }
}
