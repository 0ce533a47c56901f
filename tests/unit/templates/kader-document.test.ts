import { describe, expect, it } from "vitest";
import { renderKaderDocument, shortHash } from "../../../templates/kader-document";
import { DEMO_HASH, FIXED_CREATION_DATE, demoViewModel, pdfInfo, pdfPages, pdfText, richKader } from "./helpers";

const options = { creationDate: FIXED_CREATION_DATE, compress: false };

/** Collapse runs of spaces and line breaks, so assertions do not depend on where a line wraps. */
const flat = (text: string) => text.replace(/\s+/g, " ");

const demoPdf = await renderKaderDocument(demoViewModel(), options);

describe("kader document for the demo kader", () => {
  const pdf = demoPdf;
  const text = flat(pdfText(pdf));
  const lines = pdfText(pdf).split("\n");

  it("opens with the title, zorgkantoor, year and version", () => {
    expect(text).toContain("Inkoopkader V&V 2026 (voorbeeld)");
    expect(text).toContain("Zorgkantoor Demo · 2026 · versie 2");
    expect(text).toContain("Regio's Demo Noord, Demo Zuid");
    expect(text).toContain("NZa-maximumtarieven 2026, tarieftabel versie 1 (Illustratieve cijfers)");
  });

  it("shows the full content hash and its short form in the footer of every page", () => {
    expect(text).toContain(DEMO_HASH);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain(`inhoudshash ${shortHash(DEMO_HASH)}`);
      expect(page).toContain(`pagina ${i + 1} van ${pages.length}`);
    });
  });

  it("formats dates as dd-mm-jjjj uu:mm in Amsterdam time, summer and winter", () => {
    expect(text).toContain("Gepubliceerd 22-11-2026 14:05");
    expect(text).toContain("Inschrijving open 01-12-2026 09:00");
    expect(text).toContain("Inschrijving sluit 15-01-2027 17:00");
    expect(text).toContain("Vragen stellen tot 30-06-2026 12:00");
    expect(text).toContain("Gepubliceerd op 29-11-2026 10:30");
  });

  it("states the base rate and the non-negotiable components at 100 %", () => {
    expect(text).toContain("1. Basistarief");
    expect(text).toContain("Standaard basistarief: 94 % van het onderhandelbare deel");
    expect(text).toContain("NHC (normatieve huisvestingscomponent): 100 %");
    expect(text).toContain("NIC (normatieve inventariscomponent): 100 %");
  });

  it("lists every surcharge with its label, reference and height, and the condition in words", () => {
    expect(text).toContain("2. Opslagen");
    for (const label of ["Standaard opslag bij ingediend plan", "Module complexe zorg V&V"]) expect(text).toContain(label);
    for (const ref of ["Inkoopkader par. 4.2", "Inkoopkader bijlage A"]) expect(text).toContain(ref);
    expect(text).toContain("Opslag 2 %");
    expect(text).toContain("Voorwaarde: de opslag geldt als de aanbieder voldoet aan: • planIngediend is ja");
    expect(text).toContain("Vorig jaar valt onder de vorig-jaarregel (plafond)");
  });

  it("describes the module: target groups, criteria, threshold, basis and the staffel", () => {
    expect(text).toContain("3. Modules");
    expect(text).toContain("Jonge mensen met dementie");
    expect(text).toContain("Mensen met Parkinson");
    expect(lines).toContain("Criterium Weging Schaal Minimumscore");
    expect(lines).toContain("Visie en doelgroepanalyse 1 0, 2, 4, 6, 8, 10 –");
    expect(lines).toContain("Plan van aanpak 1 0, 2, 4, 6, 8, 10 4");
    expect(text).toContain("ten hoogste 40 punten");
    expect(text).toContain("Drempel ten minste 20 punten; daaronder is de opslag 0 %");
    expect(text).toContain("Absolute grondslag: de punten van de aanbieder zelf bepalen de opslag");
    const staffel = lines.slice(lines.indexOf("Staffel"), lines.indexOf("Staffel") + 6);
    expect(staffel).toEqual(["Staffel", "Punten Opslag", "minder dan 20 punten 0 %", "vanaf 20 punten 2 %", "vanaf 28 punten 4 %", "vanaf 34 punten 6 %"]);
  });

  it("explains the previous-year cap and over which surcharges it runs", () => {
    expect(text).toContain("5. Vorig jaar");
    expect(text).toContain("Het reguliere percentage is het basistarief plus „Standaard opslag bij ingediend plan”.");
    expect(text).toContain("regulier = min(regulier, max(q, basistarief))");
    expect(text).toContain("De overige opslagen („Module complexe zorg V&V”) vallen niet onder deze regel");
  });

  it("gives the computation in six numbered steps and the rounding rule", () => {
    expect(text).toContain("6. Berekening");
    const steps = ["Maximumtarief en onderhandelbaar deel.", "Basistarief.", "Opslagen.", "Vorig jaar.", "Begrenzing.", "Tarief."];
    steps.forEach((step, i) => expect(text).toContain(`${i + 1}. ${step}`));
    expect(text).toContain("V = M − N");
    expect(text).toContain("tarief = N + V × p / 100, één keer afgerond, aan het eind, op 2 decimalen");
    expect(text).toContain("maar nooit meer dan 100 %");
    expect(text).toContain("(€ 0,005 wordt € 0,01)");
  });

  it("includes every nota van inlichtingen with number, date and body", () => {
    expect(text).toContain("7. Nota's van inlichtingen");
    expect(text).toContain("Nota van inlichtingen 1: Vragen over de standaard opslag");
    expect(text).toContain("Antwoord: Nee. Alleen een plan dat voor de sluitingstermijn is ingediend, telt mee voor de standaard opslag van 2 %.");
    expect(text).toContain("Nota van inlichtingen 2: Wijziging van de staffel");
    expect(text.indexOf("Nota van inlichtingen 1:")).toBeLessThan(text.indexOf("Nota van inlichtingen 2:"));
  });

  it("carries the metadata: title, author, subject, A4, tagged, Dutch", () => {
    const info = pdfInfo(pdf);
    expect(info.Title).toBe("Inkoopkader V&V 2026 (voorbeeld)");
    expect(info.Author).toBe("Zorginkoop");
    expect(info.Subject).toBe("Inkoopkader 2026 van Zorgkantoor Demo, versie 2, gepubliceerd 22-11-2026 14:05");
    expect(info.Tagged).toBe("yes");
    expect(info["Page size"]).toContain("595.28 x 841.89");
    expect(info.CreationDate).toBe("2026-01-01T00:00:00Z");
    expect(pdf.toString("latin1")).toContain("/Lang (nl-NL)");
  });

  it("embeds DejaVu and no standard font", () => {
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSansMono\b/);
    expect(raw).not.toContain("/Helvetica");
  });
});

describe("kader document output", () => {
  it("is byte for byte the same for the same input, creation date and compression", async () => {
    const again = await renderKaderDocument(demoViewModel(), options);
    expect(again.equals(demoPdf)).toBe(true);
    // Only the creation date (and the file ID made from it) differs between otherwise equal renders.
    const later = await renderKaderDocument(demoViewModel(), { ...options, creationDate: new Date("2026-01-02T00:00:00Z") });
    expect(later.equals(demoPdf)).toBe(false);
    expect(later.length).toBe(demoPdf.length);
  });

  it("is compressed by default and still reads the same", async () => {
    const compressed = await renderKaderDocument(demoViewModel(), { creationDate: FIXED_CREATION_DATE });
    expect(compressed.length).toBeLessThan(demoPdf.length * 0.6);
    expect(pdfText(compressed)).toBe(pdfText(demoPdf));
  });
});

const richPdf = await renderKaderDocument(demoViewModel({ kader: richKader(), notas: [] }), options);

describe("kader document for a kader that uses every part of the format", () => {
  const pdf = richPdf;
  const text = flat(pdfText(pdf));
  const lines = pdfText(pdf).split("\n");

  it("shows base rates per sector and per prestatie", () => {
    expect(lines).toContain("GGZ 95 %");
    expect(lines).toContain("GHZ 94,5 %");
    expect(lines).toContain("10VV 96 %");
    expect(text).toContain("Voor een prestatie geldt het basistarief van die prestatie; is dat er niet, dan dat van haar sector");
  });

  it("renders a nested condition as nested bullets in words", () => {
    expect(text).toContain(
      "• alle van: – planIngediend is ja – een van: ◦ regio is een van: Noord, Oost ◦ clienten is groter dan 40 – niet: ◦ sanctie is niet nee " +
        "– wachttijd is ten hoogste 6,5 – verzuim is kleiner dan 8",
    );
    expect(text).toContain("Geldt voor prestaties 4VV en 5VV, voor zover in sector V&V");
    expect(text).toContain("kernelement1 is ten minste 3");
  });

  it("explains a relative basis and a linear scale with its formula", () => {
    expect(text).toContain("Relatieve grondslag:");
    expect(text).toContain("relatieve score = punten / beste punten × 100, afgerond op 4 decimalen");
    expect(text).toContain("Onder relatieve score 50: 0 %.");
    expect(text).toContain("opslag = 0 + (relatieve score − 50) × (3 − 0) / (100 − 50) procent, afgerond op 4 decimalen.");
    expect(text).toContain("Boven relatieve score 100: 3 %.");
    expect(text).toContain("ten hoogste 17,5 punten");
    expect(text).toContain("Drempel geen");
  });

  it("explains a previous-year floor", () => {
    expect(text).toContain("Bodem: heeft de aanbieder een percentage van vorig jaar (q), dan wordt het reguliere percentage ten minste q: regulier = max(regulier, q).");
  });

  it("says so when there is no nota van inlichtingen", () => {
    expect(text).toContain("Bij dit kader zijn geen nota's van inlichtingen gepubliceerd.");
  });
});

describe("kader document without optional parts", () => {
  it("says that there are no surcharges, modules, previous-year rule or non-negotiable components", async () => {
    const kader = { ...richKader(), surcharges: [], previousYear: undefined, nonNegotiable: [] };
    const pdf = await renderKaderDocument(demoViewModel({ kader, tariffTable: { year: 2027, version: 3, note: null } }), options);
    const text = flat(pdfText(pdf));
    expect(text).toContain("Dit kader kent geen opslagen: het tarief is het basistarief.");
    expect(text).toContain("Dit kader kent geen modules met punten.");
    expect(text).toContain("Dit kader kent geen regel voor het percentage van vorig jaar");
    expect(text).toContain("Dit kader kent geen niet-onderhandelbare componenten");
    expect(text).toContain("Dit kader kent geen vorig-jaarregel: het reguliere percentage (b plus de opslagen) blijft zoals het is.");
    expect(text).toContain("NZa-maximumtarieven 2027, tarieftabel versie 3 Kenmerk");
    expect(text).not.toContain("Let op:");
  });
});
