/** Algemeen: title, year, rounding, limits and the non-negotiable components; the kader's own extras. */
import { ExtrasBlock } from "./extras";
import { Group, SelectField, TextField } from "./fields";
import { STANDARD_COMPONENTS, type EditorModel } from "./model";
import { EditorSection } from "./section-frame";

export function GeneralSection({ model }: { model: EditorModel }) {
  const misfit = (key: string) => model.extra?.[key] !== undefined;
  return (
    <EditorSection section="general" title="Algemeen">
      <div className="ke-grid">
        <TextField name="title" label="Titel" value={model.title} origs={model.orig} origKey="title" className="ke-span-2" />
        <TextField name="year" label="Jaar" kind="integer" value={model.year} origs={model.orig} origKey="year" />
      </div>
      {misfit("rounding") ? null : (
        <Group path="rounding" legend="Afronding van het eindtarief">
          <div className="ke-grid">
            <TextField
              name="rounding.decimals"
              label="Aantal decimalen"
              kind="integer"
              hint="Leeg: 2 (centen)."
              value={model.rounding.decimals}
              origs={model.rounding.orig}
              origKey="decimals"
            />
            <SelectField
              name="rounding.mode"
              label="Wijze van afronden"
              value={model.rounding.mode}
              options={[
                ["", "Standaard: half naar boven"],
                ["half-up", "Half naar boven (half-up)"],
              ]}
              hint="Precies op de helft: weg van nul."
              origs={model.rounding.orig}
              origKey="mode"
            />
          </div>
          <ExtrasBlock path="rounding" extra={model.rounding.extra} />
        </Group>
      )}
      <div className="ke-grid">
        <TextField
          name="percentDecimals"
          label="Decimalen van berekende percentages"
          kind="integer"
          hint="Leeg: 4. Punten omgezet naar procenten worden hierop afgerond."
          value={model.percentDecimals}
          origs={model.orig}
          origKey="percentDecimals"
        />
        <TextField
          name="maxPercent"
          label="Maximumpercentage (%)"
          kind="decimal"
          hint="Leeg: 100. Een tarief komt nooit boven het NZa-maximum."
          value={model.maxPercent}
          origs={model.orig}
          origKey="maxPercent"
        />
      </div>
      {misfit("nonNegotiable") ? null : <NonNegotiable chosen={model.nonNegotiable} />}
      <ExtrasBlock path="" extra={model.extra} />
    </EditorSection>
  );
}

const COMPONENT_LABEL: Record<string, string> = {
  NHC: "NHC: normatieve huisvestingscomponent",
  NIC: "NIC: normatieve inventariscomponent",
};

function NonNegotiable({ chosen }: { chosen: string[] }) {
  const all = [...chosen, ...STANDARD_COMPONENTS.filter((c) => !chosen.includes(c))];
  return (
    <Group path="nonNegotiable" legend="Niet-onderhandelbare componenten" hint="Deze delen van het NZa-maximum worden altijd voor 100 % betaald; het basistarief en de opslagen gelden voor de rest.">
      {all.map((c) => (
        <label key={c} className="checkbox">
          <input type="checkbox" name="nonNegotiable" value={c} defaultChecked={chosen.includes(c)} /> {COMPONENT_LABEL[c] ?? c}
        </label>
      ))}
    </Group>
  );
}
