/** Beoordeling (spec 1, "Facts and assessment"): how many assessors score the points modules, and how they decide. */
import { ExtrasBlock } from "./extras";
import { SelectField, TextField } from "./fields";
import type { EditorModel } from "./model";
import { EditorSection } from "./section-frame";

export function AssessmentSection({ model }: { model: EditorModel }) {
  const a = model.assessment;
  return (
    <EditorSection
      section="assessment"
      title="Beoordeling"
      hint="Hoe de puntenmodules worden beoordeeld. Laat u beide velden leeg, dan gelden twee beoordelaars die tot consensus komen."
      misfit={model.extra?.assessment !== undefined && "De beoordeling in dit concept heeft"}
    >
      {a ? <input type="hidden" name="assessment.$on" value="1" /> : null}
      <div className="ke-grid">
        <TextField
          name="assessment.assessors"
          label="Aantal beoordelaars"
          kind="integer"
          hint="Een heel getal, minstens 1. Leeg: 2."
          value={a?.assessors ?? ""}
          origs={a?.orig}
          origKey="assessors"
        />
        <SelectField
          name="assessment.decides"
          label="Beslisregel"
          value={a?.decides ?? ""}
          options={[
            ["", "Standaard: consensus"],
            ["consensus", "Consensus"],
            ["mean", "Gemiddelde"],
          ]}
          origs={a?.orig}
          origKey="decides"
        />
      </div>
      <dl className="ke-explain">
        <dt>
          <strong>Consensus</strong>
        </dt>
        <dd>De beoordelaars komen samen tot één score per criterium, met een motivering.</dd>
        <dt>
          <strong>Gemiddelde</strong>
        </dt>
        <dd>
          Elke beoordelaar scoort zelf; de score per criterium is het gemiddelde van hun scores, afgerond op de dichtstbijzijnde waarde van de schaal (precies in
          het midden: naar boven).
        </dd>
      </dl>
      <ExtrasBlock path="assessment" extra={a?.extra} />
    </EditorSection>
  );
}
