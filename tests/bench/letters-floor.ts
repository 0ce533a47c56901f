// The letters bench's floor: a bare pdfkit document of `pages` pages, each a block of plain text
// in the letters' body font, with the same fonts registered the same way (registerFonts) and, as
// the letters, without pdfkit's default Helvetica.
import PDFDocument from "pdfkit";
import { FONT, registerFonts } from "../../templates/layout/fonts";
import { MARGINS, PAGE, TYPE } from "../../templates/layout/page";

const FLOOR_TEXT =
  "Per prestatie het percentage van het NZa-maximumtarief en het tarief. Daaronder per regel de opbouw, stap voor stap, met de verwijzing naar het inkoopkader. ".repeat(12);

export function floorDocument(pages: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // No default font, as the letters (templates/layout/render.ts): otherwise pdfkit loads
    // Helvetica's metrics, a font the letters never use, and the floor would not be "the same fonts".
    const doc = new PDFDocument({ font: null as unknown as string, size: PAGE.size, margins: { ...MARGINS }, autoFirstPage: false, compress: true });
    registerFonts(doc);
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    for (let i = 0; i < pages; i++) {
      doc.addPage();
      doc.font(FONT.regular).fontSize(TYPE.body).text(FLOOR_TEXT);
    }
    doc.end();
  });
}

export function pageCount(pdf: Uint8Array): number {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}
