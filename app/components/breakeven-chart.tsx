import { ChartFrame, ChartTable } from "./chart-frame";
import { formatPercent } from "~/lib/format";

export type SharePoint = { percent: string; share: string; passes: boolean };

type Props = {
  /** Unique on the page: ids for the accessible name and description derive from it. */
  id: string;
  title: string;
  curve: readonly SharePoint[];
  /** The kader's own basistarief and its share. */
  own: { percent: string; share: string };
  threshold: string;
  breakEven: string | null;
};

const WIDTH = 680;
const HEIGHT = 320;
const LEFT = 56;
const RIGHT = 20;
const TOP = 30;
const BOTTOM = 44;

const pct = (v: string, decimals = 2) => formatPercent(v, { decimals });

/**
 * The share of the sector's turnover that breaks even against the basistarief, as inline SVG
 * (as the budget chart: docs/decisions/0004-budget-chart.md; no library, no client script).
 * The points are the engine's (the outcome's curve); only the geometry is computed here. The
 * share only rises with the basistarief, so the curve is drawn as steps. Screen readers get a
 * description; everyone can open the same figures as a table.
 */
export function BreakevenChart({ id, title, curve, own, threshold, breakEven }: Props) {
  const points = [...curve].sort((a, b) => Number(a.percent) - Number(b.percent));
  const lo = Math.min(Number(points[0]?.percent ?? own.percent), Number(own.percent));
  const hi = Math.max(Number(points.at(-1)?.percent ?? own.percent), Number(own.percent));
  const span = hi - lo || 1;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (p: string | number) => LEFT + ((Number(p) - lo) / span) * plotW;
  const y = (s: string | number) => TOP + plotH - (Number(s) / 100) * plotH;
  let path = "";
  points.forEach((p, i) => {
    path += i === 0 ? `M${x(p.percent).toFixed(1)},${y(p.share).toFixed(1)}` : `H${x(p.percent).toFixed(1)}V${y(p.share).toFixed(1)}`;
  });
  const ticks: number[] = [];
  const stepX = span > 12 ? 5 : span > 4 ? 1 : 0.5;
  for (let t = Math.ceil(lo / stepX) * stepX; t <= hi + 1e-9; t += stepX) ticks.push(Number(t.toFixed(2)));
  const description = [
    `Aandeel in de omzet van de aanbieders die minstens break-even draaien, tegen het basistarief van ${pct(String(lo))} tot ${pct(String(hi))}.`,
    `Bij het basistarief van het kader (${pct(own.percent)}) is het aandeel ${pct(own.share)}; de drempel is ${pct(threshold, 0)}.`,
    breakEven === null ? "Ook bij het hoogste basistarief wordt de drempel niet gehaald." : `Vanaf ${pct(breakEven)} wordt de drempel gehaald.`,
  ].join(" ");

  const figures = (
    <ChartTable
      title={title}
      head={
        <>
          <tr>
            <th scope="col">Basistarief</th>
            <th scope="col" className="num">
              Aandeel in de omzet
            </th>
            <th scope="col">Drempel gehaald</th>
          </tr>
        </>
      }
    >
      {points.map((p) => (
        <tr key={p.percent}>
          <th scope="row">
            {pct(p.percent)}
            {p.percent === breakEven ? " (break-even)" : ""}
          </th>
          <td className="num">{pct(p.share)}</td>
          <td>{p.passes ? "ja" : "nee"}</td>
        </tr>
      ))}
      <tr>
        <th scope="row">{pct(own.percent)} (kader)</th>
        <td className="num">{pct(own.share)}</td>
        <td>{Number(own.share) >= Number(threshold) ? "ja" : "nee"}</td>
      </tr>
    </ChartTable>
  );
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={HEIGHT} fontSize={12} table={figures}>
      {[0, 25, 50, 75, 100].map((s) => (
        <g key={s}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(s)} y2={y(s)} stroke="#d0d5db" strokeWidth="1" />
          <text x={LEFT - 6} y={y(s) + 4} textAnchor="end">
            {s} %
          </text>
        </g>
      ))}
      {ticks.map((t) => (
        <text key={t} x={x(t)} y={HEIGHT - BOTTOM + 16} textAnchor="middle">
          {formatPercent(String(t), { decimals: stepX < 1 ? 1 : 0 })}
        </text>
      ))}
      <text x={LEFT + plotW / 2} y={HEIGHT - 6} textAnchor="middle">
        Basistarief (% van het NZa-maximum)
      </text>
      <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(threshold)} y2={y(threshold)} stroke="#a4161a" strokeWidth="2" strokeDasharray="6 4" />
      <text x={WIDTH - RIGHT} y={y(threshold) - 6} textAnchor="end" fill="#a4161a" fontWeight="600" stroke="#fff" strokeWidth="4" paintOrder="stroke">
        Drempel {pct(threshold, 0)}
      </text>
      <path d={path} fill="none" stroke="#1d5fa8" strokeWidth="2.5" />
      <line x1={x(own.percent)} x2={x(own.percent)} y1={TOP} y2={TOP + plotH} stroke="#4d5661" strokeWidth="2" />
      <circle cx={x(own.percent)} cy={y(own.share)} r="5" fill="#4d5661" />
      <text
        x={x(own.percent) + (x(own.percent) > WIDTH - 200 ? -6 : 6)}
        y={TOP + 12}
        textAnchor={x(own.percent) > WIDTH - 200 ? "end" : "start"}
        fontWeight="600"
        stroke="#fff"
        strokeWidth="4"
        paintOrder="stroke"
      >
        Kader: {formatPercent(own.percent)} → {pct(own.share)}
      </text>
      {breakEven !== null ? (
        <g>
          <line x1={x(breakEven)} x2={x(breakEven)} y1={TOP + 18} y2={TOP + plotH} stroke="#1a7f37" strokeWidth="2" strokeDasharray="3 3" />
          <text
            x={x(breakEven) + (x(breakEven) > WIDTH - 200 ? -6 : 6)}
            y={TOP + 30}
            textAnchor={x(breakEven) > WIDTH - 200 ? "end" : "start"}
            fill="#1a7f37"
            fontWeight="600"
            stroke="#fff"
            strokeWidth="4"
            paintOrder="stroke"
          >
            Break-even: {pct(breakEven)}
          </text>
        </g>
      ) : null}
      <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotH} stroke="#4d5661" strokeWidth="1" />
    </ChartFrame>
  );
}
