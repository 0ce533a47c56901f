/**
 * Voorwaarde (when): rows of {fact, op, value}, combined with all/any, each optionally negated.
 * With declared facts the fact is chosen from a list and the value is entered as that fact's type.
 */
import { RawJson } from "./extras";
import { Group, IntentButton, IssueList, RowIssues, SelectField, TextField, useIssues } from "./fields";
import {
  FACT_TYPE_LABEL,
  fieldId,
  groupId,
  OPERATORS,
  rowBase,
  rowPath,
  splitList,
  type ConditionRow,
  type EditorModel,
  type FactModel,
  type WhenModel,
} from "./model";
import { RemoveCell, RowTable } from "./row-table";

const OP_LABEL: Record<string, string> = {
  "==": "is gelijk aan (==)",
  "!=": "is niet gelijk aan (!=)",
  "<": "is kleiner dan (<)",
  "<=": "is kleiner dan of gelijk aan (<=)",
  ">": "is groter dan (>)",
  ">=": "is groter dan of gelijk aan (>=)",
  in: "is een van (in)",
};

const TYPE_OPTIONS = [
  ["true", "waar (true)"],
  ["false", "onwaar (false)"],
  ["number", "getal"],
  ["text", "tekst"],
] as const;

/** The facts a condition may name: the kader's declared facts (with an id), or null when it declares none. */
export function declaredFacts(model: EditorModel): FactModel[] | null {
  if (!model.facts || model.extra?.facts !== undefined) return null;
  const seen = new Set<string>();
  return model.facts.filter((f) => f.id !== "" && !seen.has(f.id) && seen.add(f.id));
}

export function ConditionBuilder({ path, when, facts = null }: { path: string; when: WhenModel | null; facts?: FactModel[] | null }) {
  return (
    <Group
      path={path}
      legend="Voorwaarde"
      hint={
        facts
          ? "Zonder voorwaarde geldt de opslag voor elke aanbieder. Een regel vergelijkt een feit uit de feitenlijst van het kader met een waarde; ontbreekt het feit bij een aanbieder, dan geldt de regel niet. Kiest u een ander feit, bewaar dan eerst: daarna biedt het waardeveld de mogelijkheden van dat feit."
          : "Zonder voorwaarde geldt de opslag voor elke aanbieder. Een regel vergelijkt een feit van de aanbieder (bijvoorbeeld planIngediend) met een waarde; ontbreekt het feit, dan geldt de regel niet."
      }
    >
      {when === null ? (
        <p>
          Geen voorwaarde. <IntentButton intent={`add:${path}`}>Voorwaarde toevoegen</IntentButton>
        </p>
      ) : when.kind === "raw" ? (
        <>
          <RawJson path={path} json={when.json}>
            Deze voorwaarde is dieper genest dan de bouwer kan tonen (bijvoorbeeld ‘alle’ binnen ‘een van’). Ze blijft ongewijzigd bewaard; wijzigen kan via een
            kaderbestand.
          </RawJson>
          <IntentButton intent={`remove:${path}`} variant="danger">
            Voorwaarde verwijderen
          </IntentButton>
        </>
      ) : (
        <Rows path={path} when={when} facts={facts} />
      )}
      <p className="hint">
        Meer nesting (een groep binnen een groep) maakt u in een kaderbestand dat u uploadt; zo’n voorwaarde wordt hier alleen-lezen getoond en nooit platgeslagen.
      </p>
    </Group>
  );
}

const ROW_COLUMNS = [
  "Niet",
  "Feit",
  "Vergelijking",
  "Soort waarde",
  <>
    Waarde <span className="muted">(bij ‘in’: kommagescheiden)</span>
  </>,
];

function Rows({ path, when, facts }: { path: string; when: Extract<WhenModel, { kind: "builder" }>; facts: FactModel[] | null }) {
  const many = when.rows.length > 1 || when.combine !== "";
  return (
    <>
      {many ? (
        <SelectField
          name={`${path}.$combine`}
          label="Combineren"
          value={when.combine || "all"}
          options={[
            ["all", "Alle regels moeten gelden (en)"],
            ["any", "Minstens één regel moet gelden (of)"],
          ]}
          className="ke-narrow"
        />
      ) : (
        <input type="hidden" name={`${path}.$combine`} value="" />
      )}
      <RowTable columns={ROW_COLUMNS}>
        {when.rows.map((row, r) => {
          const own = rowPath(path, when.combine, r);
          const base = rowBase(path, when.combine, r, row.not);
          const n = `Regel ${r + 1}`;
          return (
            <tr key={r} id={when.combine === "" ? undefined : groupId(own)} tabIndex={when.combine === "" ? undefined : -1}>
              <td>
                <label className="checkbox">
                  <input type="checkbox" name={`${own}.$not`} value="1" defaultChecked={row.not} id={fieldId(`${own}.$not`)} />
                  <span>
                    niet<span className="sr-only"> ({n.toLowerCase()} omkeren)</span>
                  </span>
                </label>
              </td>
              <td>
                {facts ? (
                  <SelectField
                    name={`${base}.fact`}
                    label={`${n}: feit`}
                    hideLabel
                    value={row.fact}
                    prompt="Kies een feit…"
                    options={facts.map((f) => [f.id, f.label || f.id] as const)}
                  />
                ) : (
                  <TextField name={`${base}.fact`} label={`${n}: feit`} hideLabel value={row.fact} placeholder="bijv. planIngediend" />
                )}
                {when.combine === "" ? null : <RowIssues path={own} />}
              </td>
              <td>
                <SelectField
                  name={`${base}.op`}
                  label={`${n}: vergelijking`}
                  hideLabel
                  value={row.op}
                  prompt="Kies…"
                  options={OPERATORS.map((o) => [o, OP_LABEL[o]!] as const)}
                />
              </td>
              <ValueCells base={base} n={n} row={row} fact={facts?.find((f) => f.id === row.fact)} />
              <RemoveCell intent={`remove:${when.combine === "" ? path : own}`} srLabel={`(${n.toLowerCase()})`} />
            </tr>
          );
        })}
      </RowTable>
      <IntentButton intent={`add:${path}`}>Regel toevoegen</IntentButton>
    </>
  );
}

/** How a declared fact's value is entered, when the row's value fits the fact's type (else: the free fields). */
function typedEntry(row: ConditionRow, fact: FactModel | undefined): "boolean" | "number" | "text" | "choice" | null {
  if (!fact) return null;
  if (fact.type === "boolean") return row.type === "true" || row.type === "false" ? "boolean" : null;
  if (fact.type === "number") return row.type === "number" || (row.type === "text" && row.value === "") ? "number" : null;
  if (fact.type === "text") return row.type === "text" ? "text" : null;
  if (fact.type === "choice") return row.type === "text" && splitList(fact.options).length > 0 ? "choice" : null;
  return null;
}

function ValueCells({ base, n, row, fact }: { base: string; n: string; row: ConditionRow; fact: FactModel | undefined }) {
  const entry = typedEntry(row, fact);
  if (entry === null) {
    return (
      <>
        <td className="ke-cell-type">
          <SelectField name={`${base}.$type`} label={`${n}: soort waarde`} hideLabel value={row.type} options={TYPE_OPTIONS} />
        </td>
        <td>
          <TextField name={`${base}.value`} label={`${n}: waarde`} hideLabel value={row.value} placeholder={row.type === "true" || row.type === "false" ? "(niet nodig)" : undefined} />
        </td>
      </>
    );
  }
  const kind = <span className="muted">{FACT_TYPE_LABEL[entry]}</span>;
  if (entry === "boolean") {
    return (
      <>
        <td className="ke-cell-type">{kind}</td>
        <td>
          <SelectField
            name={`${base}.$type`}
            label={`${n}: waarde`}
            hideLabel
            value={row.type}
            options={[
              ["true", "ja"],
              ["false", "nee"],
            ]}
          />
          <input type="hidden" name={`${base}.value`} value="" />
          <ValueIssues name={`${base}.value`} />
        </td>
      </>
    );
  }
  if (entry === "choice") {
    const options = splitList(fact!.options);
    const chosen = row.op === "in" ? splitList(row.value) : [row.value];
    return (
      <>
        <td className="ke-cell-type">
          {kind}
          <input type="hidden" name={`${base}.$type`} value="text" />
        </td>
        <td>
          {row.op === "in" ? (
            <ChoiceChecks base={base} n={n} options={[...options, ...chosen.filter((c) => !options.includes(c))]} chosen={chosen} />
          ) : (
            <SelectField
              name={`${base}.value`}
              label={`${n}: waarde`}
              hideLabel
              value={row.value}
              prompt="Kies…"
              options={options.map((o) => [o, o] as const)}
            />
          )}
        </td>
      </>
    );
  }
  return (
    <>
      <td className="ke-cell-type">
        {kind}
        <input type="hidden" name={`${base}.$type`} value={entry === "number" ? "number" : "text"} />
      </td>
      <td>
        <TextField name={`${base}.value`} label={`${n}: waarde`} hideLabel kind={entry === "number" ? "decimal" : "text"} value={row.value} />
      </td>
    </>
  );
}

/** Where issues about a value go when its field is the ja/nee select (named `$type`). */
function ValueIssues({ name }: { name: string }) {
  const id = fieldId(name);
  const issues = useIssues(id);
  return (
    <div id={id} tabIndex={-1}>
      <IssueList id={`${id}-fout`} issues={issues} />
    </div>
  );
}

/** The options of a choice fact for `in`: one checkbox each (`$multi` says the value is their list). */
function ChoiceChecks({ base, n, options, chosen }: { base: string; n: string; options: string[]; chosen: string[] }) {
  const id = fieldId(`${base}.value`);
  const issues = useIssues(id);
  return (
    <fieldset id={id} tabIndex={-1} className={`ke-checks${issues.length > 0 ? " field--error" : ""}`} aria-describedby={issues.length > 0 ? `${id}-fout` : undefined}>
      <legend className="sr-only">{`${n}: waarden`}</legend>
      <input type="hidden" name={`${base}.$multi`} value="1" />
      {options.map((o) => (
        <label key={o} className="checkbox">
          <input type="checkbox" name={`${base}.value`} value={o} defaultChecked={chosen.includes(o)} /> {o}
        </label>
      ))}
      <IssueList id={`${id}-fout`} issues={issues} />
    </fieldset>
  );
}
