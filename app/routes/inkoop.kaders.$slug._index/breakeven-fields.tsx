// The publish form's reële-tarieventoets part (issue 13): the assumptions the test runs with
// at publication and the justification a failing test requires.
import { Link } from "@remix-run/react";
import { Field } from "~/components/field";
import { BREAKEVEN_JUSTIFICATION, BREAKEVEN_PARAM } from "~/services/kaders/breakeven-fields";

type Props = {
  slug: string;
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
  /** The assumptions to start from (the preview's, when it linked here). */
  defaults: { costIndexation: string; volumeChange: string; opslagen: string; threshold: string };
};

export function BreakevenPublishFields({ slug, errors, values, defaults }: Props) {
  const j = BREAKEVEN_JUSTIFICATION;
  const opslagenId = `veld-${BREAKEVEN_PARAM.opslagen}`;
  return (
    <fieldset className="stacked">
      <legend>Reële-tarieventoets</legend>
      <p className="hint">
        Bij publicatie toetst de rekenkern het basistarief op de ingelezen jaarrekeningen, met deze uitgangspunten; de uitkomst wordt met de versie gepubliceerd.
        Bekijk de toets eerst in het <Link to={`/inkoop/kaders/${slug}/voorbeeld`}>voorbeeld</Link>.
      </p>
      <Field name={BREAKEVEN_PARAM.costIndexation} label="Kostenindexatie (%)" inputMode="decimal" className="short" defaultValue={values[BREAKEVEN_PARAM.costIndexation] ?? defaults.costIndexation} error={errors[BREAKEVEN_PARAM.costIndexation]} />
      <Field name={BREAKEVEN_PARAM.volumeChange} label="Volumewijziging (%)" inputMode="decimal" className="short" defaultValue={values[BREAKEVEN_PARAM.volumeChange] ?? defaults.volumeChange} error={errors[BREAKEVEN_PARAM.volumeChange]} />
      <div className={`field${errors[BREAKEVEN_PARAM.opslagen] ? " field--error" : ""}`}>
        <label htmlFor={opslagenId}>Opslagen die meetellen</label>
        <select id={opslagenId} name={BREAKEVEN_PARAM.opslagen} defaultValue={values[BREAKEVEN_PARAM.opslagen] ?? defaults.opslagen}>
          <option value="none">geen opslagen (alleen het basistarief)</option>
          <option value="fixed">de vaste opslagen waarvan de voorwaarde geldt</option>
          <option value="expected">alle opslagen, met de verwachte punten</option>
        </select>
        {errors[BREAKEVEN_PARAM.opslagen] ? <p className="field-error">{errors[BREAKEVEN_PARAM.opslagen]}</p> : null}
      </div>
      <Field name={BREAKEVEN_PARAM.threshold} label="Drempel (% van de omzet)" inputMode="decimal" className="short" defaultValue={values[BREAKEVEN_PARAM.threshold] ?? defaults.threshold} error={errors[BREAKEVEN_PARAM.threshold]} />
      <div className={`field${errors[j] ? " field--error" : ""}`}>
        <label htmlFor={`veld-${j}`}>Motivering als de toets niet slaagt</label>
        <p className="hint" id={`veld-${j}-hint`}>
          Verplicht als aanbieders met minder dan de drempel van de omzet break-even halen: waarom publiceert u dit basistarief toch? Deze motivering wordt met de
          versie gepubliceerd.
        </p>
        <textarea
          id={`veld-${j}`}
          name={j}
          defaultValue={values[j]}
          aria-invalid={errors[j] ? true : undefined}
          aria-describedby={`veld-${j}-hint${errors[j] ? ` veld-${j}-fout` : ""}`}
        />
        {errors[j] ? (
          <p className="field-error" id={`veld-${j}-fout`}>
            {errors[j]}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
