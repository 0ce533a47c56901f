import { FieldError } from "~/components/field";
import { formatNumber } from "~/lib/format";

/** A criterion as a score field: its parameter name, label, weight, knock-out and scale. */
export type ScoreCriterion = { id: string; param: string; label: string; weight: string; minScore?: string; scale: readonly string[] };

/**
 * One select per criterion, on the criterion's scale, with an empty first choice (`emptyLabel`),
 * the weight and minimum score in the label, and the Dutch error under each: the what-if of the
 * tariff monitor and the inkoper's preview ask for scores the same way.
 */
export function ScoreSelects({
  criteria,
  values,
  errors,
  emptyLabel,
  idOf,
}: {
  criteria: readonly ScoreCriterion[];
  values: Readonly<Record<string, string>>;
  errors: Readonly<Record<string, string | undefined>>;
  emptyLabel: string;
  idOf: (param: string) => string;
}) {
  return (
    <div className="score-grid">
      {criteria.map((c) => {
        const id = idOf(c.param);
        const error = errors[c.param];
        return (
          <div key={c.id} className={`field${error ? " field--error" : ""}`}>
            <label htmlFor={id}>
              {c.label}
              {c.weight !== "1" ? ` (×${formatNumber(c.weight)})` : ""}
              {c.minScore !== undefined ? `, min. ${formatNumber(c.minScore)}` : ""}
            </label>
            <select id={id} name={c.param} defaultValue={values[c.param] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-fout` : undefined}>
              <option value="">{emptyLabel}</option>
              {c.scale.map((v) => (
                <option key={v} value={v}>
                  {formatNumber(v)}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-fout`} message={error} />
          </div>
        );
      })}
    </div>
  );
}
