import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  FONT_FILES,
  TYPE,
  bottomOf,
  formatDocumentDate,
  formatDocumentDateTime,
  heading,
  keyValueList,
  paragraph,
  renderToBuffer,
  table,
  typeset,
} from "../../../templates/layout";
import { FIXED_CREATION_DATE, pdfInfo, pdfPages } from "./helpers";

const options = { title: "Proefdocument", creationDate: FIXED_CREATION_DATE, compress: false };

describe("renderToBuffer", () => {
  it("writes A4 with title, subject, keywords, author Zorginkoop, Dutch language and tags", async () => {
    const pdf = await renderToBuffer((doc) => paragraph(doc, "Hallo"), { ...options, subject: "Onderwerp", keywords: ["a", "b"] });
    const info = pdfInfo(pdf);
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expect(info).toMatchObject({ Title: "Proefdocument", Subject: "Onderwerp", Keywords: "a, b", Author: "Zorginkoop", Tagged: "yes", Pages: "1" });
    expect(info["Page size"]).toContain("(A4)");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (nl-NL)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toContain("/StructTreeRoot");
  });

  it("puts the header on every page but the first and the footer with 'pagina X van Y' on every page", async () => {
    const pdf = await renderToBuffer(
      (doc) => {
        for (let i = 1; i <= 120; i++) paragraph(doc, `Alinea ${i}`);
      },
      { ...options, header: "Kop van het document", footer: "Voettekst" },
    );
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page.includes("Kop van het document")).toBe(i > 0);
      expect(page).toContain("Voettekst");
      expect(page).toContain(`pagina ${i + 1} van ${pages.length}`);
    });
  });

  it("rejects when a section renderer throws", async () => {
    await expect(
      renderToBuffer(() => {
        throw new Error("kapot");
      }, options),
    ).rejects.toThrow("kapot");
  });

  it("gives the same bytes for the same build, creation date and compression", async () => {
    const build = (doc: PDFKit.PDFDocument) => {
      heading(doc, "Kop", 1);
      keyValueList(doc, [{ key: "Sleutel", value: [{ text: "waarde", font: "mono" }] }]);
      table(doc, [{ header: "A", width: 1 }, { header: "B", width: 1, align: "right" }], [["x", "1 %"]]);
    };
    const a = await renderToBuffer(build, options);
    const b = await renderToBuffer(build, options);
    expect(a.equals(b)).toBe(true);
  });
});

describe("page breaks", () => {
  it("never splits a table row and repeats the header on the next page", async () => {
    const rows = Array.from({ length: 70 }, (_, i) => [`begin ${i + 1}\nmidden\neind ${i + 1}`, `${i + 1} %`]);
    const pdf = await renderToBuffer((doc) => table(doc, [{ header: "Omschrijving", width: 3 }, { header: "Percentage", width: 1, align: "right" }], rows), options);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (let n = 1; n <= 70; n++) {
      const begin = pages.findIndex((p) => p.includes(`begin ${n}\n`));
      const end = pages.findIndex((p) => p.includes(`eind ${n} `) || p.includes(`eind ${n}\n`));
      expect(begin, `row ${n}`).toBeGreaterThanOrEqual(0);
      expect(end, `row ${n}`).toBe(begin);
    }
    for (const page of pages) expect(page).toContain("Omschrijving Percentage");
  });

  it("keeps a heading with the text after it", async () => {
    const pdf = await renderToBuffer((doc) => {
      doc.y = bottomOf(doc) - 50;
      heading(doc, "Kop die niet alleen mag staan", 2);
      paragraph(doc, "Tekst na de kop");
    }, options);
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain("Kop die niet alleen mag staan");
    expect(pages[1]).toContain("Tekst na de kop");
  });

  it("moves a short paragraph that does not fit to the next page whole", async () => {
    const pdf = await renderToBuffer((doc) => {
      doc.font("DejaVuSans").fontSize(TYPE.body);
      doc.y = bottomOf(doc) - 2.5 * (doc.currentLineHeight(true) + TYPE.lineGap);
      paragraph(doc, ["regel 1", "regel 2", "regel 3", "regel 4", "regel 5"].join("\n"));
    }, options);
    const pages = pdfPages(pdf);
    expect(pages[0]).not.toContain("regel 1");
    expect(pages[1]).toContain("regel 1\nregel 2\nregel 3\nregel 4\nregel 5");
  });

  it("does not leave a single line of a long paragraph at the top of the next page", async () => {
    const lines = Array.from({ length: 8 }, (_, i) => `regel ${i + 1}`);
    const pdf = await renderToBuffer((doc) => {
      doc.font("DejaVuSans").fontSize(TYPE.body);
      doc.y = bottomOf(doc) - 7.5 * (doc.currentLineHeight(true) + TYPE.lineGap);
      paragraph(doc, lines.join("\n"));
    }, options);
    const pages = pdfPages(pdf);
    expect(pages[0]).toContain("regel 6");
    expect(pages[0]).not.toContain("regel 7");
    expect(pages[1]).toContain("regel 7\nregel 8");
  });
});

describe("typography helpers", () => {
  it("keeps numbers with their unit on one line", () => {
    expect(typeset("94 % en € 1.234,56")).toBe("94\u00a0% en €\u00a01.234,56");
  });

  it("finds the DejaVu fonts by absolute path", () => {
    for (const file of Object.values(FONT_FILES)) {
      expect(path.isAbsolute(file)).toBe(true);
      expect(existsSync(file)).toBe(true);
    }
  });

  it("formats dates and times in Amsterdam time, also across the change to summer time", () => {
    expect(formatDocumentDateTime(new Date("2026-11-22T13:05:00Z"))).toBe("22-11-2026 14:05");
    expect(formatDocumentDateTime(new Date("2026-03-29T00:59:00Z"))).toBe("29-03-2026 01:59");
    expect(formatDocumentDateTime(new Date("2026-03-29T01:00:00Z"))).toBe("29-03-2026 03:00");
    expect(formatDocumentDateTime(new Date("2026-12-31T23:30:00Z"))).toBe("01-01-2027 00:30");
    expect(formatDocumentDate(new Date("2026-06-30T22:30:00Z"))).toBe("01-07-2026");
  });
});
