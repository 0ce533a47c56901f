/** One trace step as the engine wrote it: its Dutch sentence and, where the kader gives one, its reference. */
export type TraceListItem = { text: string; ref: string | null };

/**
 * A line's trace as an ordered list of the engine's own Dutch sentences (never recomputed
 * here), folded in a disclosure so that a table of many lines stays readable.
 */
export function TraceList({ steps, summary = "Berekening", open = false }: { steps: readonly TraceListItem[]; summary?: string; open?: boolean }) {
  return (
    <details className="trace-list" open={open}>
      <summary>
        {summary} <span className="muted">({steps.length} stappen)</span>
      </summary>
      <ol className="trace">
        {steps.map((s, i) => (
          <li key={i}>
            {s.text}
            {s.ref ? <span className="muted"> — {s.ref}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
