/** Feiten (spec 1, "Facts and assessment"): the facts conditions may name, who establishes them and what evidence they need. */
import { Fragment } from "react";
import { Group, IntentButton, SelectField, TextField } from "./fields";
import { EVIDENCE_LABEL, FACT_SOURCE_LABEL, FACT_TYPE_LABEL, type EditorModel, type FactModel } from "./model";
import { IdentityCells, ItemRow, RowTable } from "./row-table";
import { EditorSection } from "./section-frame";

const FACT_TYPE_OPTIONS = Object.entries(FACT_TYPE_LABEL).map(([v, l]) => [v, l] as const);
const FACT_SOURCE_OPTIONS = Object.entries(FACT_SOURCE_LABEL).map(([v, l]) => [v, l] as const);
const EVIDENCE_OPTIONS = [["", "(niet opgegeven)"] as const, ...Object.entries(EVIDENCE_LABEL).map(([v, l]) => [v, l] as const)];

export function FactsSection({ model }: { model: EditorModel }) {
  const facts = model.facts;
  return (
    <EditorSection
      section="facts"
      title="Feiten"
      hint={
        <>
          De feiten die de voorwaarden van de opslagen gebruiken: wat elk feit betekent, wie het vaststelt en welk bewijs erbij hoort. Legt u feiten vast, dan kan
          een voorwaarde alleen een vastgelegd feit noemen en kiest u het feit uit een lijst. Zonder feitenlijst is elk feit toegestaan.
        </>
      }
      misfit={model.extra?.facts !== undefined && "De feiten in dit concept hebben"}
    >
      {facts === null ? (
        <p>
          Geen feitenlijst. <IntentButton intent="add:facts">Feit toevoegen</IntentButton>
        </p>
      ) : (
        <Group path="facts" legend="Vastgelegde feiten" hint="Mogelijkheden: alleen bij een keuze, kommagescheiden (bevat een mogelijkheid een komma, scheid dan met puntkomma's).">
          <input type="hidden" name="$facts" value="1" />
          {facts.length === 0 ? <p className="muted">Nog geen feiten: een voorwaarde kan dan geen enkel feit noemen.</p> : <FactRows facts={facts} />}
          <div className="actions">
            <IntentButton intent="add:facts">Feit toevoegen</IntentButton>
            <IntentButton intent="remove:facts" variant="danger">
              Feitenlijst verwijderen
            </IntentButton>
          </div>
        </Group>
      )}
    </EditorSection>
  );
}

function FactRows({ facts }: { facts: FactModel[] }) {
  return (
    <RowTable columns={["Kenmerk", "Naam", "Soort", "Mogelijkheden", "Bron", "Bewijs"]}>
      {facts.map((f, j) => {
        const q = `facts[${j}]`;
        const n = `Feit ${j + 1}`;
        // Two table rows per fact: the question and the reference are long texts.
        return (
          <Fragment key={j}>
            <ItemRow path={q} what={`${n.toLowerCase()}${f.id ? `: ${f.id}` : ""}`} className="ke-fact">
              <IdentityCells path={q} name={n} item={f} idPlaceholder="bijv. planIngediend" />
              <td className="ke-cell-type">
                <SelectField
                  name={`${q}.type`}
                  label={`${n}: soort`}
                  hideLabel
                  value={f.type}
                  prompt="Kies…"
                  options={FACT_TYPE_OPTIONS}
                  origs={f.orig}
                  origKey="type"
                />
              </td>
              <td>
                <TextField
                  name={`${q}.options`}
                  label={`${n}: mogelijkheden`}
                  hideLabel
                  value={f.options}
                  origs={f.orig}
                  origKey="options"
                  placeholder={f.type === "choice" ? "bijv. HKZ, ISO 9001" : "(alleen bij keuze)"}
                />
              </td>
              <td className="ke-cell-type">
                <SelectField
                  name={`${q}.source`}
                  label={`${n}: bron`}
                  hideLabel
                  value={f.source}
                  prompt="Kies…"
                  options={FACT_SOURCE_OPTIONS}
                  origs={f.orig}
                  origKey="source"
                />
              </td>
              <td className="ke-cell-type">
                <SelectField name={`${q}.evidence`} label={`${n}: bewijs`} hideLabel value={f.evidence} options={EVIDENCE_OPTIONS} origs={f.orig} origKey="evidence" />
              </td>
            </ItemRow>
            <tr className="ke-fact-more">
              <td colSpan={7}>
                <div className="ke-grid ke-grid--wide">
                  <TextField
                    name={`${q}.question`}
                    label={
                      <>
                        <span className="sr-only">{n}: </span>Vraag aan de aanbieder (optioneel)
                      </>
                    }
                    value={f.question}
                    origs={f.orig}
                    origKey="question"
                    className="ke-span-2"
                  />
                  <TextField
                    name={`${q}.ref`}
                    label={
                      <>
                        <span className="sr-only">{n}: </span>Verwijzing (optioneel)
                      </>
                    }
                    value={f.ref}
                    origs={f.orig}
                    origKey="ref"
                  />
                </div>
              </td>
            </tr>
          </Fragment>
        );
      })}
    </RowTable>
  );
}
