import { ChartFrame, ChartTable } from "./chart-frame";
import { formatEuro } from "~/lib/format";

export type ChartSeries = { key: string; label: string; color: string };
export type ChartGroup = { label: string; values: Record<string, string> };

type Props = {
  /** Unique on the page: ids for the accessible name and description derive from it. */
  id: string;
  title: string;
  series: ChartSeries[];
  groups: ChartGroup[];
  /** A reference line, e.g. the contracteerruimte. */
  reference?: { label: string; value: string } | null;
  /** Show the chart's figures as a table under a disclosure (the text alternative for everyone). */
  table?: boolean;
};

const WIDTH = 680;
const LABEL = 200;
const VALUE = 125;
const BAR = 20;
const GAP = 4;
const GROUP_GAP = 14;
const LEGEND = 30;

const shorten = (text: string, max = 22) => (text.length > max ? text.slice(0, max - 1) + "…" : text);

/**
 * A horizontal bar chart as inline SVG (see docs/decisions/0004-budget-chart.md): no
 * library, no client script, rendered on the server. The bars only draw amounts that the
 * caller got from the engine; the geometry is the only arithmetic here. Screen readers get
 * the title and a description listing every figure, and everyone can open the same
 * figures as a table.
 */
export function BudgetChart({ id, title, series, groups, reference = null, table = true }: Props) {
  const values = groups.flatMap((g) => series.map((s) => Number(g.values[s.key] ?? 0)));
  const max = Math.max(0, ...values, reference ? Number(reference.value) : 0);
  const area = WIDTH - LABEL - VALUE;
  const x = (v: string | undefined) => (max > 0 ? (Number(v ?? 0) / max) * area : 0);
  const groupHeight = series.length * (BAR + GAP) - GAP;
  const top = LEGEND + (reference ? 26 : 6);
  const height = top + groups.length * (groupHeight + GROUP_GAP);
  const description = [
    ...groups.map((g) => `${g.label}: ${series.map((s) => `${s.label} ${formatEuro(g.values[s.key] ?? "0")}`).join(", ")}.`),
    ...(reference ? [`${reference.label}: ${formatEuro(reference.value)}.`] : []),
  ].join(" ");
  const refX = reference ? LABEL + x(reference.value) : 0;

  const figures = (
    <ChartTable
      title={title}
      head={
        <>
          <tr>
            <th scope="col"></th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="num">
                {s.label}
              </th>
            ))}
          </tr>
        </>
      }
    >
      {groups.map((g, gi) => (
        <tr key={gi}>
          <th scope="row">{g.label}</th>
          {series.map((s) => (
            <td key={s.key} className="num">
              {formatEuro(g.values[s.key] ?? "0")}
            </td>
          ))}
        </tr>
      ))}
      {reference ? (
        <tr>
          <th scope="row">{reference.label}</th>
          <td className="num" colSpan={series.length}>
            {formatEuro(reference.value)}
          </td>
        </tr>
      ) : null}
    </ChartTable>
  );
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={height} table={table ? figures : null}>
      {series.map((s, i) => (
        <g key={s.key} transform={`translate(${LABEL + i * 160}, 4)`}>
          <rect width="14" height="14" fill={s.color} />
          <text x="20" y="12">
            {s.label}
          </text>
        </g>
      ))}
      {reference ? (
        <g>
          <line x1={refX} x2={refX} y1={top - 8} y2={height - 4} stroke="#a4161a" strokeWidth="2" strokeDasharray="6 4" />
          <text x={refX} y={top - 12} textAnchor={refX > WIDTH - 150 ? "end" : refX < LABEL + 150 ? "start" : "middle"} fill="#a4161a" fontWeight="600">
            {reference.label}: {formatEuro(reference.value)}
          </text>
        </g>
      ) : null}
      {groups.map((g, gi) => {
        const y0 = top + gi * (groupHeight + GROUP_GAP);
        return (
          <g key={gi}>
            <text x={LABEL - 10} y={y0 + groupHeight / 2 + 4} textAnchor="end" fontWeight="600">
              {shorten(g.label)}
            </text>
            {series.map((s, si) => {
              const y = y0 + si * (BAR + GAP);
              const w = x(g.values[s.key]);
              return (
                <g key={s.key}>
                  <rect x={LABEL} y={y} width={Math.max(w, 1)} height={BAR} fill={s.color} />
                  <text x={LABEL + w + 6} y={y + BAR / 2 + 4} stroke="#fff" strokeWidth="4" paintOrder="stroke">
                    {formatEuro(g.values[s.key] ?? "0")}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line x1={LABEL} x2={LABEL} y1={top - 4} y2={height - 4} stroke="#4d5661" strokeWidth="1" />
    </ChartFrame>
  );
}
