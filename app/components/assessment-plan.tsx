// The parts of a plan's assessment page, shared by the beoordelaar's page and the inkoper's
// (chair) page: the plan text with its attachments, the scoring fields per criterion, the
// individual scores, the consensus form, and the final scores with how they came about.
import { Form } from "@remix-run/react";
import { formatDateTime, formatNumber } from "~/lib/format";
import { deviationField, MISSING_RULE, missingField, motivationField, scoreField } from "~/services/assessment/fields";
import type { FinalView, IndividualScores, PlanPage, PlanText, ScoreView } from "~/services/assessment/assessor.server";
import type { CriterionScale } from "~/services/assessment/plans.server";

type Errors = Record<string, string | undefined>;
type Values = Record<string, string> | null | undefined;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${formatNumber((bytes / 1024).toFixed(1))} kB`;
  return `${formatNumber((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

export function PlanTextPanel({ text, slug, providerId }: { text: PlanText; slug: string; providerId: number }) {
  return (
    <section className="panel assess-plan" aria-labelledby="h-plan">
      <h2 id="h-plan">Het plan</h2>
      {text.capacity !== null ? (
        <p>
          Aantal plaatsen: <strong>{formatNumber(text.capacity)}</strong>
        </p>
      ) : null}
      {text.context !== null ? (
        <>
          <h3>Context</h3>
          <blockquote>{text.context}</blockquote>
        </>
      ) : null}
      {text.expertise !== null ? (
        <>
          <h3>Expertise</h3>
          <blockquote>{text.expertise}</blockquote>
        </>
      ) : null}
      {text.answers.map((a) => (
        <section key={a.criterionId}>
          <h3>{a.label}</h3>
          <blockquote>{a.text || "(geen antwoord)"}</blockquote>
        </section>
      ))}
      <h3>Bijlagen</h3>
      {text.attachments.length === 0 ? (
        <p className="muted">Geen bijlagen.</p>
      ) : (
        <ul>
          {text.attachments.map((f) => (
            <li key={f.sha256}>
              <a href={`/inkoop/kaders/${slug}/inschrijvingen/${providerId}/bijlagen/${f.sha256}`} download>
                {f.name}
              </a>{" "}
              ({formatSize(f.size)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const scale = (c: CriterionScale) => c.scale.map((s) => formatNumber(s)).join(", ");

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** Score, motivation and "wat ontbrak" per criterion (and, for consensus, the deviation reason). */
export function CriterionFields({
  criteria,
  current,
  values,
  errors,
  disabled,
  consensus,
}: {
  criteria: CriterionScale[];
  current: ScoreView[];
  values: Values;
  errors: Errors;
  disabled?: boolean;
  consensus?: Map<string, string[]>;
}) {
  return (
    <>
      {criteria.map((c) => {
        const mine = current.find((s) => s.criterionId === c.id);
        const v = (name: string, fallback: string) => (values ? values[name] ?? "" : fallback);
        const prefix = consensus ? "consensus-" : "";
        const ids = {
          score: `${prefix}${scoreField(c.id)}`,
          mot: `${prefix}${motivationField(c.id)}`,
          miss: `${prefix}${missingField(c.id)}`,
          dev: `${prefix}${deviationField(c.id)}`,
        };
        const err = (name: string) => errors[name];
        const described = (name: string, id: string) => (err(name) ? `${id}-fout` : undefined);
        return (
          <fieldset className="criterion" key={c.id}>
            <legend>
              {c.label}{" "}
              <span className="muted">
                (gewicht {formatNumber(c.weight)}
                {c.minScore !== null ? `, minimaal ${formatNumber(c.minScore)}` : ""})
              </span>
            </legend>
            {consensus ? <p className="muted">Individuele scores: {(consensus.get(c.id) ?? []).map((s) => formatNumber(s)).join(", ") || "geen"}</p> : null}
            <div className={`field${err(scoreField(c.id)) ? " field--error" : ""}`}>
              <label htmlFor={ids.score}>Score (schaal {scale(c)})</label>
              <select
                id={ids.score}
                name={scoreField(c.id)}
                defaultValue={v(scoreField(c.id), mine?.score ?? "")}
                disabled={disabled}
                aria-invalid={err(scoreField(c.id)) ? true : undefined}
                aria-describedby={described(scoreField(c.id), ids.score)}
              >
                <option value="">— kies een score —</option>
                {c.scale.map((s) => (
                  <option key={s} value={s}>
                    {formatNumber(s)}
                  </option>
                ))}
              </select>
              <FieldError id={`${ids.score}-fout`} message={err(scoreField(c.id))} />
            </div>
            <div className={`field${err(motivationField(c.id)) ? " field--error" : ""}`}>
              <label htmlFor={ids.mot}>{consensus ? "Consensusmotivering" : "Motivering"}</label>
              <textarea
                id={ids.mot}
                name={motivationField(c.id)}
                defaultValue={v(motivationField(c.id), mine?.motivation ?? "")}
                disabled={disabled}
                aria-invalid={err(motivationField(c.id)) ? true : undefined}
                aria-describedby={described(motivationField(c.id), ids.mot)}
              />
              <FieldError id={`${ids.mot}-fout`} message={err(motivationField(c.id))} />
            </div>
            <div className={`field${err(missingField(c.id)) ? " field--error" : ""}`}>
              <label htmlFor={ids.miss}>Wat ontbrak voor de maximale score ({formatNumber(c.max)})</label>
              <textarea
                id={ids.miss}
                name={missingField(c.id)}
                defaultValue={v(missingField(c.id), mine?.missing ?? "")}
                disabled={disabled}
                aria-invalid={err(missingField(c.id)) ? true : undefined}
                aria-describedby={described(missingField(c.id), ids.miss)}
              />
              <FieldError id={`${ids.miss}-fout`} message={err(missingField(c.id))} />
            </div>
            {consensus ? (
              <div className={`field${err(deviationField(c.id)) ? " field--error" : ""}`}>
                <label htmlFor={ids.dev}>Reden van afwijking</label>
                <p className="hint" id={`${ids.dev}-hint`}>
                  Alleen nodig als de consensusscore van elke individuele score afwijkt.
                </p>
                <textarea
                  id={ids.dev}
                  name={deviationField(c.id)}
                  defaultValue={v(deviationField(c.id), "")}
                  aria-invalid={err(deviationField(c.id)) ? true : undefined}
                  aria-describedby={[`${ids.dev}-hint`, described(deviationField(c.id), ids.dev)].filter(Boolean).join(" ")}
                />
                <FieldError id={`${ids.dev}-fout`} message={err(deviationField(c.id))} />
              </div>
            ) : null}
          </fieldset>
        );
      })}
    </>
  );
}

export function MissingRule() {
  return <p className="hint">{MISSING_RULE}</p>;
}

export function IndividualScoresTable({ criteria, individual, id = "individuele-scores", caption = "Individuele scores" }: { criteria: CriterionScale[]; individual: IndividualScores[]; id?: string; caption?: string }) {
  if (individual.length === 0) return <p className="muted">Nog geen andere beoordelaar heeft zijn scores ingediend.</p>;
  return (
    <table className="data" id={id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Criterium</th>
          {individual.map((i) => (
            <th scope="col" key={i.assessor.id}>
              {i.assessor.name}
              <br />
              <span className="muted">ingediend {formatDateTime(i.submittedAt)}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {criteria.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.label}</th>
            {individual.map((i) => {
              const s = i.scores.find((x) => x.criterionId === c.id);
              return (
                <td key={i.assessor.id}>
                  <strong>{s?.score !== null && s?.score !== undefined ? formatNumber(s.score) : "—"}</strong>
                  <div className="pre-wrap">{s?.motivation}</div>
                  {s?.missing ? <div className="pre-wrap muted">Wat ontbrak: {s.missing}</div> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FinalScoresTable({ criteria, final, mean }: { criteria: CriterionScale[]; final: FinalView[]; mean: PlanPage["mean"] }) {
  if (final.length === 0) return null;
  return (
    <table className="data" id="eindscores">
      <caption>Eindscores</caption>
      <thead>
        <tr>
          <th scope="col">Criterium</th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col">Motivering</th>
          <th scope="col">Vastgesteld</th>
        </tr>
      </thead>
      <tbody>
        {final.map((f) => {
          const c = criteria.find((x) => x.id === f.criterionId);
          const m = mean?.find((x) => x.criterionId === f.criterionId);
          return (
            <tr key={f.criterionId}>
              <th scope="row">{c?.label ?? f.criterionId}</th>
              <td className="num">{formatNumber(f.score)}</td>
              <td>
                <div className="pre-wrap">{f.motivation}</div>
                {f.deviationReason ? <div className="pre-wrap">Reden van afwijking: {f.deviationReason}</div> : null}
                {m && !f.motivation.startsWith(m.trace.text) ? <div className="muted">{m.trace.text}</div> : null}
              </td>
              <td>
                {f.method === "consensus" ? "consensus" : "gemiddelde"}, {f.setBy}, {formatDateTime(f.setAt)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The consensus form: one score per criterion with the individual scores beside it. */
export function ConsensusForm({ page, values, errors }: { page: PlanPage; values: Values; errors: Errors }) {
  const given = new Map<string, string[]>();
  for (const c of page.plan.criteria)
    given.set(
      c.id,
      (page.individual ?? []).flatMap((i) => i.scores.filter((s) => s.criterionId === c.id && s.score !== null).map((s) => s.score!))
    );
  if (page.own?.submittedAt) {
    for (const s of page.own.scores) if (s.score !== null) given.get(s.criterionId)?.push(s.score);
  }
  const current: ScoreView[] = page.final.map((f) => ({
    criterionId: f.criterionId,
    score: f.score,
    motivation: f.motivation.split("\n\nWat ontbrak voor de maximale score: ")[0] ?? "",
    missing: f.motivation.split("\n\nWat ontbrak voor de maximale score: ")[1] ?? "",
  }));
  return (
    <section className="panel" aria-labelledby="h-consensus">
      <h2 id="h-consensus">{page.final.length > 0 ? "Consensus corrigeren" : "Consensus vaststellen"}</h2>
      <p>
        Alle beoordelaars hebben hun scores ingediend. Leg per criterium de score vast waarover u het eens bent, met de motivering van die consensus. Wijkt de
        consensusscore af van elke individuele score, geef dan de reden. De individuele scores blijven zichtbaar.
      </p>
      <MissingRule />
      <Form method="post" noValidate key={page.final.length}>
        <input type="hidden" name="intent" value="consensus" />
        <CriterionFields criteria={page.plan.criteria} current={current} values={values} errors={errors} consensus={given} />
        <button type="submit" className="button">
          Consensus vastleggen
        </button>
      </Form>
    </section>
  );
}
