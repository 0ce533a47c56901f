import { ChartFrame, ChartTable } from "./chart-frame";
import { formatNumber } from "~/lib/format";

type Props = {
  /** Unique on the page: ids for the accessible name and description derive from it. */
  id: string;
  title: string;
  /** One bar per points value (highest first), with the number of providers that scored it. */
  rows: { points: string; count: number }[];
};

const WIDTH = 560;
const LABEL = 120;
const VALUE = 60;
const BAR = 18;
const GAP = 6;

const providers = (n: number) => `${n} ${n === 1 ? "aanbieder" : "aanbieders"}`;

/**
 * The score distribution of one module and target group as inline SVG, in the style of
 * budget-chart.tsx: no library, no script, rendered on the server. Screen readers get the title
 * and a description with every figure; everyone can open the same figures as a table.
 */
export function ScoreDistributionChart({ id, title, rows }: Props) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const area = WIDTH - LABEL - VALUE;
  const height = Math.max(1, rows.length) * (BAR + GAP) + 4;
  const description = rows.map((r) => `${formatNumber(r.points)} punten: ${providers(r.count)}.`).join(" ");
  const figures = (
    <ChartTable
      title={title}
      head={
        <>
          <tr>
            <th scope="col">Punten</th>
            <th scope="col" className="num">
              Aanbieders
            </th>
          </tr>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.points}>
          <th scope="row">{formatNumber(r.points)}</th>
          <td className="num">{r.count}</td>
        </tr>
      ))}
    </ChartTable>
  );
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={height} table={figures}>
      {rows.map((r, i) => {
        const y = 2 + i * (BAR + GAP);
        const w = (r.count / max) * area;
        return (
          <g key={r.points}>
            <text x={LABEL - 10} y={y + BAR / 2 + 4} textAnchor="end">
              {formatNumber(r.points)} punten
            </text>
            <rect x={LABEL} y={y} width={Math.max(w, 1)} height={BAR} fill="#1d5fa8" />
            <text x={LABEL + w + 6} y={y + BAR / 2 + 4}>
              {r.count}
            </text>
          </g>
        );
      })}
      <line x1={LABEL} x2={LABEL} y1={0} y2={height} stroke="#4d5661" strokeWidth="1" />
    </ChartFrame>
  );
}
