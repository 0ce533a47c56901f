// The annual accounts parser on its own (issue 13): the documented headers and their Dutch
// spellings, the template, and the year helper the demo seed uses.
import { describe, expect, it } from "vitest";
import { accountsYearsInFile, ANNUAL_ACCOUNTS_HEADERS, annualAccountsTemplateCsv, parseAnnualAccounts } from "~/services/imports/annual-accounts.server";
import { toXlsx } from "~/services/imports/table-write.server";
import { csvFile, errorsOf, rowsOf, xlsxFile } from "./helpers";

const KNOWN = { year: 2024, knownAgbCodes: new Set(["73730001", "73730002"]) };

describe("annual accounts parser", () => {
  it("documents exactly the headers of the issue, in order", () => {
    expect(ANNUAL_ACCOUNTS_HEADERS).toEqual(["agb", "jaar", "wlzOmzet", "totaleOmzet", "personeelskosten", "overigeBedrijfskosten", "financieleBaten", "financieleLasten", "tariefpercentage"]);
  });

  it("accepts the written-out Dutch headers as well", async () => {
    const csv = csvFile("AGB-code;Boekjaar;Wlz-omzet;Totale omzet;Personeelskosten;Overige bedrijfskosten;Financiële baten;Financiële lasten;Tariefpercentage (%)\n73730001;2024;10;12;5;4;1;2;96,5\n");
    expect(rowsOf(await parseAnnualAccounts(csv, KNOWN))).toEqual([
      { agbCode: "73730001", year: 2024, wlzRevenue: "10", totalRevenue: "12", personnelCosts: "5", otherOperatingCosts: "4", financingIncome: "1", financingCosts: "2", tariffPercent: "96.5" },
    ]);
  });

  it("offers a template CSV that imports cleanly, also as .xlsx", async () => {
    const template = annualAccountsTemplateCsv(2024);
    const rows = rowsOf(await parseAnnualAccounts(csvFile(template), KNOWN));
    expect(rows.map((r) => [r.agbCode, r.wlzRevenue, r.tariffPercent])).toEqual([
      ["73730001", "12500000", "96.5"],
      ["73730002", "4200000", "95"],
    ]);
    const lines = template.trimEnd().split("\r\n").map((line) => line.split(";"));
    const bytes = await toXlsx(lines[0] ?? [], lines.slice(1));
    expect(rowsOf(await parseAnnualAccounts({ name: "sjabloon.xlsx", bytes }, KNOWN))).toEqual(rows);
  });

  it("says which AGB code lost its leading zero in Excel, and refuses a percentage of 0", async () => {
    const file = await xlsxFile([[...ANNUAL_ACCOUNTS_HEADERS], [1234567, 2024, 10, 10, 5, 5, 0, 0, 0]]);
    expect(errorsOf(await parseAnnualAccounts(file, KNOWN)).map((e) => [e.row, e.column, e.message.slice(0, 40)])).toEqual([
      [2, "agb", "AGB-code 1234567 staat in Excel als geta"],
      [2, "tariefpercentage", "tariefpercentage moet groter dan 0 zijn "],
    ]);
  });

  it("reads the years a file names, for a caller that takes the year from the file", async () => {
    const csv = csvFile(`${ANNUAL_ACCOUNTS_HEADERS.join(";")}\n73730001;2024;1;1;0;0;0;0;90\n73730002;2023;1;1;0;0;0;0;90\n73730002;twee;1;1;0;0;0;0;90\n`);
    expect(await accountsYearsInFile(csv)).toEqual([2023, 2024]);
    expect(await accountsYearsInFile(csvFile("iets;anders\n1;2\n"))).toEqual([]);
  });
});
