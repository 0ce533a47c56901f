import { ChartFrame, ChartTable } from "./chart-frame";
import { formatEuro, formatPercent } from "~/lib/format";

export type WaterfallBarView = {
  label: string;
  kind: "start" | "up" | "down" | "total";
  from: string;
  to: string;
  amount: string;
  percent: string | null;
};

type Props = {
  /** Unique on the page: ids for the accessible name and description derive from it. */
  id: string;
  title: string;
  /** The NZa maximum, drawn as a reference line. */
  maximum: string;
  bars: WaterfallBarView[];
  /** Show the chart's figures as a table under a disclosure (the text alternative for everyone). */
  table?: boolean;
};

const WIDTH = 680;
const LABEL = 290;
const VALUE = 100;
const BAR = 18;
const GAP = 8;
const TOP = 26;

const COLORS: Record<WaterfallBarView["kind"], string> = { start: "#6b7580", up: "#2f7d4f", down: "#a4161a", total: "#0b4f79" };
const shorten = (text: string, max = 38) => (text.length > max ? text.slice(0, max - 1) + "…" : text);
/** Euros to the cent for reading; the table cell's title holds the exact amount. */
const euro = (v: string) => formatEuro(v, { decimals: 2 });
const signed = (v: string) => (v.startsWith("-") ? `− ${euro(v.slice(1))}` : `+ ${euro(v)}`);

/**
 * A tariff's build-up as a horizontal waterfall in inline SVG, in the style of BudgetChart: no
 * library, no client script, rendered on the server. Each bar floats from where the previous
 * step left the tariff to where this step brings it; the last bar is the tariff itself, and a
 * dashed line marks the NZa maximum. The bars only draw amounts the caller got from the engine's
 * trace; the geometry is the only arithmetic here. Screen readers get the title and a
 * description with every figure, and everyone can open the same figures as a table.
 */
export function WaterfallChart({ id, title, maximum, bars, table = true }: Props) {
  const max = Math.max(Number(maximum), ...bars.map((b) => Math.max(Number(b.from), Number(b.to))), 0);
  const area = WIDTH - LABEL - VALUE;
  const x = (v: string) => (max > 0 ? (Number(v) / max) * area : 0);
  const height = TOP + bars.length * (BAR + GAP) + 4;
  const description = [
    `Maximumtarief NZa ${euro(maximum)}.`,
    ...bars.map(
      (b) =>
        `${b.label}${b.percent !== null ? ` (${formatPercent(b.percent)})` : ""}: ${
          b.kind === "start" || b.kind === "total" ? euro(b.amount) : signed(b.amount)
        }.`
    ),
  ].join(" ");
  const maxX = LABEL + x(maximum);

  const figures = (
    <ChartTable
      title={title}
      head={
        <>
          <tr>
            <th scope="col">Stap</th>
            <th scope="col" className="num">
              Percentage
            </th>
            <th scope="col" className="num">
              Bedrag
            </th>
            <th scope="col" className="num">
              Stand
            </th>
          </tr>
        </>
      }
      note={
        <p className="muted">
          Percentages zijn van het onderhandelbare deel; bedragen per stap zijn afgerond op centen, het tarief is pas aan het eind één keer afgerond.
        </p>
      }
    >
      <tr>
        <th scope="row">Maximumtarief NZa</th>
        <td className="num">—</td>
        <td className="num">{euro(maximum)}</td>
        <td className="num">—</td>
      </tr>
      {bars.map((b, i) => (
        <tr key={i}>
          <th scope="row">{b.label}</th>
          <td className="num">{b.percent !== null ? formatPercent(b.percent) : "—"}</td>
          <td className="num" title={formatEuro(b.amount)}>
            {b.kind === "start" || b.kind === "total" ? euro(b.amount) : signed(b.amount)}
          </td>
          <td className="num">{euro(b.to)}</td>
        </tr>
      ))}
    </ChartTable>
  );
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={height} className="waterfall-chart" table={table ? figures : null}>
      <line x1={maxX} x2={maxX} y1={TOP - 8} y2={height - 2} stroke="#4d5661" strokeWidth="1.5" strokeDasharray="6 4" />
      <text x={maxX} y={TOP - 12} textAnchor="end" fill="#4d5661">
        Maximum NZa {euro(maximum)}
      </text>
      {bars.map((b, i) => {
        const y = TOP + i * (BAR + GAP);
        const a = x(b.from);
        const z = x(b.to);
        const left = LABEL + Math.min(a, z);
        const w = Math.max(Math.abs(z - a), 1);
        const next = bars[i + 1];
        return (
          <g key={i}>
            <text x={LABEL - 10} y={y + BAR / 2 + 4} textAnchor="end" fontWeight={b.kind === "total" ? "700" : "400"}>
              {shorten(b.kind === "up" && b.percent !== null ? `${b.label} (${formatPercent(b.percent)})` : b.label)}
            </text>
            <rect x={left} y={y} width={w} height={BAR} fill={COLORS[b.kind]} />
            {next && next.kind !== "total" ? <line x1={LABEL + z} x2={LABEL + z} y1={y + BAR} y2={y + BAR + GAP} stroke="#4d5661" strokeWidth="1" /> : null}
            <text
              x={LABEL + Math.max(a, z) + 6}
              y={y + BAR / 2 + 4}
              stroke="#fff"
              strokeWidth="4"
              paintOrder="stroke"
              fontWeight={b.kind === "total" ? "700" : "400"}
            >
              {b.kind === "start" || b.kind === "total" ? euro(b.amount) : signed(b.amount)}
            </text>
          </g>
        );
      })}
      <line x1={LABEL} x2={LABEL} y1={TOP - 4} y2={height - 2} stroke="#4d5661" strokeWidth="1" />
    </ChartFrame>
  );
}
