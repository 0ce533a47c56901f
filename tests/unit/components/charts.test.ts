// The four inline-SVG charts share one accessible frame (chart-frame.tsx): a figure captioned by
// its title, an SVG image named by the title and described by a text with every figure, and the
// same figures as a table under a disclosure. These tests render each chart on the server and
// check that structure and that the table and the description carry the chart's own figures.
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BreakevenChart } from "~/components/breakeven-chart";
import { BudgetChart } from "~/components/budget-chart";
import { ScoreDistributionChart } from "~/components/score-distribution-chart";
import { WaterfallChart } from "~/components/waterfall-chart";

/** The markup's structure, read with patterns: the project has no DOM library and needs none. */
function frameOf(element: ReactElement, id: string, title: string) {
  const html = renderToStaticMarkup(element);
  expect(html).toMatch(new RegExp(`^<figure class="[\\w-]+" aria-labelledby="${id}-titel"><figcaption id="${id}-titel" class="budget-chart__title">${title}</figcaption>`));
  expect(html).toContain(`<svg viewBox=`);
  expect(html).toMatch(new RegExp(`role="img" aria-labelledby="${id}-titel ${id}-beschrijving"`));
  expect(html).toContain(`<title>${title}</title>`);
  expect(html).toMatch(/<\/desc><g aria-hidden="true"/);
  const text = (s: string) => s.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&");
  const description = text(new RegExp(`<desc id="${id}-beschrijving">(.*?)</desc>`).exec(html)?.[1] ?? "");
  const tableHtml = /<details class="budget-chart__table"><summary>Cijfers bij deze grafiek<\/summary><table class="data">(.*?)<\/table>/.exec(html)?.[1] ?? null;
  if (tableHtml) expect(tableHtml).toContain(`<caption class="sr-only">${title}</caption>`);
  const body = tableHtml ? (/<tbody>(.*)<\/tbody>/.exec(tableHtml)?.[1] ?? "") : "";
  const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => text(m[1] ?? ""));
  return { html, description, table: tableHtml, rows };
}

describe("charts share one accessible frame", () => {
  it("score distribution: a bar and a table row per points value", () => {
    const rows = [
      { points: "24", count: 3 },
      { points: "18", count: 1 },
    ];
    const f = frameOf(createElement(ScoreDistributionChart, { id: "sd", title: "Verdeling", rows }), "sd", "Verdeling");
    expect(f.description).toBe("24 punten: 3 aanbieders. 18 punten: 1 aanbieder.");
    expect(f.rows).toEqual(["243", "181"]);
  });

  it("budget: the table only when asked, with the reference line", () => {
    const props = {
      id: "b",
      title: "Budget",
      series: [{ key: "a", label: "Verwacht", color: "#000" }],
      groups: [{ label: "4VV", values: { a: "1234.5" } }],
      reference: { label: "Contracteerruimte", value: "2000" },
    };
    const withTable = frameOf(createElement(BudgetChart, props), "b", "Budget");
    expect(withTable.description).toContain("4VV: Verwacht € 1.234,50.");
    expect(withTable.description).toContain("Contracteerruimte: € 2.000,00.");
    expect(withTable.rows).toEqual(["4VV€ 1.234,50", "Contracteerruimte€ 2.000,00"]);
    const without = frameOf(createElement(BudgetChart, { ...props, table: false }), "b", "Budget");
    expect(without.table).toBeNull();
  });

  it("waterfall: every step in the description and the table, with the note under the table", () => {
    const bars = [
      { label: "Basistarief", kind: "start" as const, from: "0", to: "94", amount: "94", percent: "94" },
      { label: "Opslag", kind: "up" as const, from: "94", to: "96", amount: "2", percent: "2" },
      { label: "Tarief", kind: "total" as const, from: "0", to: "96", amount: "96", percent: null },
    ];
    const f = frameOf(createElement(WaterfallChart, { id: "w", title: "Opbouw", maximum: "100", bars }), "w", "Opbouw");
    expect(f.description).toBe("Maximumtarief NZa € 100,00. Basistarief (94 %): € 94,00. Opslag (2 %): + € 2,00. Tarief: € 96,00.");
    expect(f.rows.length).toBe(4);
    expect(f.html).toContain("het tarief is pas aan het eind één keer afgerond");
    expect(f.html.indexOf("afgerond")).toBeGreaterThan(f.html.indexOf("</table>"));
  });

  it("break-even: the curve as rows and the kader's own point", () => {
    const curve = [
      { percent: "90", share: "40", passes: false },
      { percent: "95", share: "80", passes: true },
    ];
    const f = frameOf(createElement(BreakevenChart, { id: "be", title: "Toets", curve, own: { percent: "94", share: "70" }, threshold: "75", breakEven: "95" }), "be", "Toets");
    expect(f.description).toContain("Vanaf 95,00 % wordt de drempel gehaald.");
    expect(f.rows.length).toBe(3);
    expect(f.rows[1]).toContain("(break-even)");
  });
});
