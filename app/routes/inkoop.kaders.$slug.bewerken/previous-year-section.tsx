/** Tarief vorig jaar: the cap/floor rule and the surcharges it covers (by index, so a renamed surcharge stays covered). */
import { ExtrasBlock } from "./extras";
import { Group, SelectField } from "./fields";
import type { EditorModel, SurchargeModel } from "./model";
import { EditorSection } from "./section-frame";

export function PreviousYearSection({ model }: { model: EditorModel }) {
  const py = model.previousYear;
  const named = model.surcharges.map((s, i) => ({ s, i })).filter((x): x is { s: Exclude<SurchargeModel, { kind: "raw" }>; i: number } => x.s.kind !== "raw");
  const ids = new Set(named.map((x) => x.s.id));
  const unknown = (py?.over ?? []).filter((id) => !ids.has(id));
  return (
    <EditorSection
      section="previousYear"
      title="Tarief vorig jaar"
      hint={
        <>
          Het ‘reguliere’ percentage is het basistarief plus de opslagen die u hieronder aanvinkt. Plafond: dat percentage gaat niet boven het percentage van vorig
          jaar, tenzij het basistarief hoger is. Bodem: het gaat niet onder het percentage van vorig jaar. De andere opslagen komen er daarna bij.
        </>
      }
      misfit={model.extra?.previousYear !== undefined && "De regel in dit concept heeft"}
    >
      <SelectField
        name="previousYear.mode"
        label="Regel"
        value={py?.mode ?? ""}
        options={[
          ["", "Geen regel"],
          ["cap", "Plafond (cap): niet boven vorig jaar"],
          ["floor", "Bodem (floor): niet onder vorig jaar"],
          ...(py?.mode === "$missing" ? ([["$missing", "(ontbreekt in het bestand)"]] as const) : []),
        ]}
        origs={py?.orig}
        origKey="mode"
        className="ke-narrow"
      />
      {py?.extra?.over !== undefined ? null : (
        <Group path="previousYear.over" legend="Opslagen die onder de regel vallen">
          {named.length === 0 && unknown.length === 0 ? <p className="muted">Nog geen opslagen.</p> : null}
          {named.map(({ s, i }) => (
            <label key={i} className="checkbox">
              <input type="checkbox" name="previousYear.over" value={`@${i}`} defaultChecked={s.id !== "" && (py?.over ?? []).includes(s.id)} /> Opslag {i + 1}
              {s.label ? `: ${s.label}` : ""} <span className="muted">({s.id || "zonder kenmerk"})</span>
            </label>
          ))}
          {unknown.map((id) => (
            <label key={`=${id}`} className="checkbox">
              <input type="checkbox" name="previousYear.over" value={`=${id}`} defaultChecked /> {id} <span className="muted">(er is geen opslag met dit kenmerk)</span>
            </label>
          ))}
        </Group>
      )}
      <ExtrasBlock path="previousYear" extra={py?.extra} />
    </EditorSection>
  );
}
