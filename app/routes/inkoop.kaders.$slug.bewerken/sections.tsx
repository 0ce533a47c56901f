/**
 * The kader editor form: its sections in order. Plain HTML: every add/remove/move is a submit
 * button with an intent, handled on the server, so the editor works without JavaScript.
 * Each section lives in its own file; the shared frame, row tables and read-only extras too.
 */
import { AssessmentSection } from "./assessment-section";
import { BaseRateSection } from "./base-rate-section";
import { FactsSection } from "./facts-section";
import { useEditor } from "./fields";
import { GeneralSection } from "./general-section";
import type { EditorModel } from "./model";
import { PreviousYearSection } from "./previous-year-section";
import { SurchargesSection } from "./surcharges-section";

/** The whole form body (without the <form>): rendered by the route, and by tests on its own. */
export function EditorBody({ model }: { model: EditorModel }) {
  const { tariffs } = useEditor();
  return (
    <>
      {tariffs ? (
        <>
          <datalist id="ke-sectoren">
            {tariffs.sectors.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <datalist id="ke-prestaties">
            {tariffs.prestaties.map((t) => (
              <option key={t.code} value={t.code}>
                {t.label}
              </option>
            ))}
          </datalist>
        </>
      ) : null}
      <GeneralSection model={model} />
      <BaseRateSection model={model} />
      <PreviousYearSection model={model} />
      <FactsSection model={model} />
      <SurchargesSection model={model} />
      <AssessmentSection model={model} />
    </>
  );
}
