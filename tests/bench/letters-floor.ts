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

const PAGE_TYPE = Buffer.from("/Type /Page", "latin1");
const WORD = /[A-Za-z0-9_]/;

/**
 * The pages of a PDF: its "/Type /Page" entries (not "/Pages"). Searched in the bytes, not in a
 * string made of them: the letters' pages are counted on the main thread, where turning 120 kB a
 * letter into a string and scanning it competed with the workers.
 */
export function pageCount(pdf: Uint8Array): number {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(PAGE_TYPE); at !== -1; at = bytes.indexOf(PAGE_TYPE, at + PAGE_TYPE.length)) {
    const next = bytes[at + PAGE_TYPE.length];
    if (next === undefined || !WORD.test(String.fromCharCode(next))) count++;
  }
  return count;
}
