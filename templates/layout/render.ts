// One way to make a PDF: `renderToBuffer(build, options)` opens an A4,
// tagged, Dutch-language document with the fonts registered, runs `build`
// (the section renderers), draws the running header and footer on every page
// and resolves with the bytes. With a fixed `creationDate` and `compress:
// false` the same input gives the same bytes (tests rely on this).
import PDFDocument from "pdfkit";
import { registerFonts } from "./fonts";
import { MARGINS, PAGE } from "./page";
import { drawRunning } from "./running";
import { beginStructure, endStructure } from "./structure";
import { writeInBlocks } from "./writer";

export type RenderOptions = {
  /** Document title: PDF metadata, window title and the running header. */
  title: string;
  subject?: string;
  keywords?: readonly string[];
  /** Running header text; defaults to the title. */
  header?: string;
  /** Footer text at the bottom left of every page (e.g. the short content hash). */
  footer?: string;
  /** Fixed in tests so the output is reproducible; defaults to now. */
  creationDate?: Date;
  /** Deflate page content (default true); tests turn it off to read the content. */
  compress?: boolean;
};

export const AUTHOR = "Zorginkoop";

/**
 * Every cell and paragraph sets its colour and then the text colour again (see `drawInline`):
 * twice per cell, two operators each, on a page where nearly everything is in the text colour.
 * A colour that is already the page's current fill colour is not set again. Safe because nothing
 * sets a fill colour inside a saved graphics state (q … Q) on these documents; a colour given with
 * an opacity, or any other page, always goes through.
 */
function skipRepeatedFillColours(doc: PDFKit.PDFDocument): void {
  const fill = doc.fillColor.bind(doc);
  let page: unknown = null;
  let current: unknown = null;
  doc.fillColor = ((color: PDFKit.Mixins.ColorValue, opacity?: number) => {
    if (opacity === undefined && typeof color === "string" && doc.page === page && color === current) return doc;
    fill(color, opacity);
    page = doc.page;
    current = opacity === undefined && typeof color === "string" ? color : null;
    return doc;
  }) as typeof doc.fillColor;
}

export function renderToBuffer(build: (doc: PDFKit.PDFDocument) => void, options: RenderOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      // No default font: pdfkit otherwise loads Helvetica's metrics (about 0.4 ms a document)
      // for a font these documents never use; registerFonts selects DejaVu Sans before anything is drawn.
      font: null as unknown as string,
      size: PAGE.size,
      margins: { ...MARGINS },
      autoFirstPage: false,
      bufferPages: true,
      compress: options.compress ?? true,
      pdfVersion: "1.7",
      tagged: true,
      lang: "nl-NL",
      displayTitle: true,
      info: {
        Title: options.title,
        Author: AUTHOR,
        Creator: AUTHOR,
        ...(options.subject ? { Subject: options.subject } : {}),
        ...(options.keywords && options.keywords.length > 0 ? { Keywords: options.keywords.join(", ") } : {}),
        CreationDate: options.creationDate ?? new Date(),
      },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      writeInBlocks(doc);
      skipRepeatedFillColours(doc);
      registerFonts(doc);
      doc.addPage();
      beginStructure(doc);
      build(doc);
      endStructure(doc);
      drawRunning(doc, { header: options.header ?? options.title, ...(options.footer ? { footer: options.footer } : {}) });
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
