/** Basistarief: the default percentage and the deviating ones per sector and per prestatie. */
import { ExtrasBlock } from "./extras";
import { TextField, useEditor } from "./fields";
import type { EditorModel, RecordRow } from "./model";
import { ListGroup, RemoveCell } from "./row-table";
import { EditorSection } from "./section-frame";

export function BaseRateSection({ model }: { model: EditorModel }) {
  const b = model.baseRate;
  return (
    <EditorSection
      section="baseRate"
      title="Basistarief"
      hint={
        <>
          Percentage van het onderhandelbare deel van het NZa-maximum (het maximum min de niet-onderhandelbare componenten). Een tarief per prestatie gaat voor op
          een tarief per sector, en dat weer op het standaardtarief.
        </>
      }
      misfit={model.extra?.baseRate !== undefined && "Het basistarief in dit concept heeft"}
    >
      <TextField name="baseRate.default" label="Standaard basistarief (%)" kind="decimal" hint="Bijvoorbeeld 94 of 94,5." value={b.default} origs={b.orig} origKey="default" className="ke-narrow" />
      {b.extra?.bySector === undefined ? <RecordTable kind="bySector" rows={b.bySector} /> : null}
      {b.extra?.byPrestatie === undefined ? <RecordTable kind="byPrestatie" rows={b.byPrestatie} /> : null}
      <ExtrasBlock path="baseRate" extra={b.extra} />
    </EditorSection>
  );
}

/** A record (code → percentage) as rows of key and value; the key may be a code the tariff table does not know. */
function RecordTable({ kind, rows }: { kind: "bySector" | "byPrestatie"; rows: RecordRow[] }) {
  const { tariffs } = useEditor();
  const what = kind === "bySector" ? "sector" : "prestatie";
  return (
    <ListGroup
      path={`baseRate.${kind}`}
      legend={kind === "bySector" ? "Afwijkend basistarief per sector" : "Afwijkend basistarief per prestatie"}
      columns={[kind === "bySector" ? "Sector" : "Prestatie", "Basistarief (%)"]}
      empty="Geen."
      addLabel={kind === "bySector" ? "Sector toevoegen" : "Prestatie toevoegen"}
      items={rows}
    >
      {(row, r, q) => (
        <tr>
          <td>
            <TextField name={`${q}.$key`} label={`Regel ${r + 1}: ${what}`} hideLabel value={row.key} list={tariffs ? (kind === "bySector" ? "ke-sectoren" : "ke-prestaties") : undefined} />
          </td>
          <td>
            <TextField name={`${q}.$value`} label={`Regel ${r + 1}: basistarief (%)`} hideLabel kind="decimal" value={row.value} origs={row.orig} origKey="value" />
          </td>
          <RemoveCell intent={`remove:${q}`} srLabel={`(${what} ${row.key || `regel ${r + 1}`})`} />
        </tr>
      )}
    </ListGroup>
  );
}
