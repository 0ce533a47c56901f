import type { ReactNode } from "react";

type FrameProps = {
  /** Unique on the page: ids for the accessible name and description derive from it. */
  id: string;
  title: string;
  /** Every figure of the chart in words, for screen readers. */
  description: string;
  width: number;
  height: number;
  fontSize?: number;
  className?: string;
  /** The drawing: SVG elements, hidden from assistive technology (the description says it all). */
  children: ReactNode;
  /** The same figures as a table (ChartTable), after the drawing. */
  table?: ReactNode;
};

/**
 * The frame every inline-SVG chart shares: no library, no client script, rendered on the
 * server. A figure whose caption is the title, an SVG image named by the title and described
 * by a text with every figure, and the figures as a table under a disclosure for everyone.
 */
export function ChartFrame({ id, title, description, width, height, fontSize = 13, className = "budget-chart", children, table }: FrameProps) {
  const titleId = `${id}-titel`;
  const descId = `${id}-beschrijving`;
  return (
    <figure className={className} aria-labelledby={titleId}>
      <figcaption id={titleId} className="budget-chart__title">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        style={{ maxWidth: `${width}px`, display: "block" }}
      >
        <title>{title}</title>
        <desc id={descId}>{description}</desc>
        <g aria-hidden="true" fontSize={fontSize} fill="#1b1f24" fontFamily="DejaVu Sans, system-ui, sans-serif">
          {children}
        </g>
      </svg>
      {table ?? null}
    </figure>
  );
}

/** A chart's figures as a table under "Cijfers bij deze grafiek"; `note` follows the table. */
export function ChartTable({ title, head, children, note }: { title: string; head: ReactNode; children: ReactNode; note?: ReactNode }) {
  return (
    <details className="budget-chart__table">
      <summary>Cijfers bij deze grafiek</summary>
      <table className="data">
        <caption className="sr-only">{title}</caption>
        <thead>{head}</thead>
        <tbody>{children}</tbody>
      </table>
      {note ?? null}
    </details>
  );
}
