/**
 * The sections of the kader editor form. Plain HTML: every add/remove/move is a submit button
 * with an intent, handled on the server, so the editor works without JavaScript.
 */
import { Fragment, type ReactNode } from "react";
import { extraId, SECTION_IDS } from "./anchors";
import { Group, IntentButton, IssueList, RowIssues, SelectField, TextField, useEditor, useIssues } from "./fields";
import {
  childPath,
  EVIDENCE_LABEL,
  FACT_SOURCE_LABEL,
  FACT_TYPE_LABEL,
  fieldId,
  groupId,
  OPERATORS,
  rowBase,
  rowPath,
  STANDARD_COMPONENTS,
  type AppliesToModel,
  type ConditionRow,
  type EditorModel,
  type Extras,
  type FactModel,
  type FixedModel,
  type PointsModel,
  type RecordRow,
  type SurchargeModel,
  type WhenModel,
  splitList,
} from "./model";

const pretty = (json: string) => JSON.stringify(JSON.parse(json) as unknown, null, 2);

// ---------------------------------------------------------------------------
// What the form cannot show: kept, shown read-only, removable.

export function ExtrasBlock({ path, extra }: { path: string; extra: Extras | undefined }) {
  const keys = Object.keys(extra ?? {});
  if (!extra || keys.length === 0) return null;
  return (
    <div className="ke-extras">
      <input type="hidden" name={path === "" ? "$extra" : `${path}.$extra`} value={JSON.stringify(extra)} />
      <p>
        <strong>Niet in dit formulier te bewerken</strong> (uit een geüpload bestand). Het blijft ongewijzigd bewaard tot u het verwijdert; wijzigen kan via een
        kaderbestand.
      </p>
      <ul>
        {keys.map((key) => (
          <ExtraItem key={key} path={path} name={key} value={extra[key]} />
        ))}
      </ul>
    </div>
  );
}


/** The header of an editor row table: its columns and the (visually hidden) actions column. */
function RowTableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
        <th scope="col">
          <span className="sr-only">Acties</span>
        </th>
      </tr>
    </thead>
  );
}
function ExtraItem({ path, name, value }: { path: string; name: string; value: unknown }) {
  const id = extraId(path, name);
  const issues = useIssues(id);
  return (
    <li id={id} tabIndex={-1} aria-describedby={issues.length > 0 ? `${id}-fout` : undefined}>
      <code>{name}</code>
      <pre className="ke-raw">{JSON.stringify(value, null, 2)}</pre>
      <IssueList id={`${id}-fout`} issues={issues} />
      <IntentButton intent={`remove:${childPath(path, name)}`} variant="danger" srLabel={`(onderdeel ${name})`}>
        Verwijderen
      </IntentButton>
    </li>
  );
}

// ---------------------------------------------------------------------------
// Algemeen

export function GeneralSection({ model }: { model: EditorModel }) {
  const misfit = (key: string) => model.extra?.[key] !== undefined;
  return (
    <section className="panel ke-section" id={SECTION_IDS.general} aria-labelledby="h-algemeen" tabIndex={-1}>
      <h2 id="h-algemeen">Algemeen</h2>
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
    </section>
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

// ---------------------------------------------------------------------------
// Basistarief

export function BaseRateSection({ model }: { model: EditorModel }) {
  const b = model.baseRate;
  const misfit = model.extra?.baseRate !== undefined;
  return (
    <section className="panel ke-section" id={SECTION_IDS.baseRate} aria-labelledby="h-basistarief" tabIndex={-1}>
      <h2 id="h-basistarief">Basistarief</h2>
      <p className="hint">
        Percentage van het onderhandelbare deel van het NZa-maximum (het maximum min de niet-onderhandelbare componenten). Een tarief per prestatie gaat voor op
        een tarief per sector, en dat weer op het standaardtarief.
      </p>
      {misfit ? (
        <p>Het basistarief in dit concept heeft een vorm die het formulier niet kan tonen; zie ‘Niet in dit formulier te bewerken’ bij Algemeen.</p>
      ) : (
        <>
          <TextField name="baseRate.default" label="Standaard basistarief (%)" kind="decimal" hint="Bijvoorbeeld 94 of 94,5." value={b.default} origs={b.orig} origKey="default" className="ke-narrow" />
          {b.extra?.bySector === undefined ? <RecordTable kind="bySector" rows={b.bySector} /> : null}
          {b.extra?.byPrestatie === undefined ? <RecordTable kind="byPrestatie" rows={b.byPrestatie} /> : null}
          <ExtrasBlock path="baseRate" extra={b.extra} />
        </>
      )}
    </section>
  );
}

function RecordTable({ kind, rows }: { kind: "bySector" | "byPrestatie"; rows: RecordRow[] }) {
  const { tariffs } = useEditor();
  const path = `baseRate.${kind}`;
  const what = kind === "bySector" ? "sector" : "prestatie";
  return (
    <Group path={path} legend={kind === "bySector" ? "Afwijkend basistarief per sector" : "Afwijkend basistarief per prestatie"}>
      {rows.length === 0 ? (
        <p className="muted">Geen.</p>
      ) : (
        <div className="ke-table-wrap">
          <table className="data ke-rows">
            <thead>
              <tr>
                <th scope="col">{kind === "bySector" ? "Sector" : "Prestatie"}</th>
                <th scope="col">Basistarief (%)</th>
                <th scope="col">
                  <span className="sr-only">Acties</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  <td>
                    <TextField
                      name={`${path}[${r}].$key`}
                      label={`Regel ${r + 1}: ${what}`}
                      hideLabel
                      value={row.key}
                      list={tariffs ? (kind === "bySector" ? "ke-sectoren" : "ke-prestaties") : undefined}
                    />
                  </td>
                  <td>
                    <TextField name={`${path}[${r}].$value`} label={`Regel ${r + 1}: basistarief (%)`} hideLabel kind="decimal" value={row.value} origs={row.orig} origKey="value" />
                  </td>
                  <td className="ke-cell-actions">
                    <IntentButton intent={`remove:${path}[${r}]`} variant="danger" srLabel={`(${what} ${row.key || `regel ${r + 1}`})`}>
                      Verwijderen
                    </IntentButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <IntentButton intent={`add:${path}`}>{kind === "bySector" ? "Sector toevoegen" : "Prestatie toevoegen"}</IntentButton>
    </Group>
  );
}

// ---------------------------------------------------------------------------
// Vorig jaar

export function PreviousYearSection({ model }: { model: EditorModel }) {
  const py = model.previousYear;
  const misfit = model.extra?.previousYear !== undefined;
  const named = model.surcharges.map((s, i) => ({ s, i })).filter((x): x is { s: Exclude<SurchargeModel, { kind: "raw" }>; i: number } => x.s.kind !== "raw");
  const ids = new Set(named.map((x) => x.s.id));
  const unknown = (py?.over ?? []).filter((id) => !ids.has(id));
  return (
    <section className="panel ke-section" id={SECTION_IDS.previousYear} aria-labelledby="h-vorig-jaar" tabIndex={-1}>
      <h2 id="h-vorig-jaar">Tarief vorig jaar</h2>
      <p className="hint">
        Het ‘reguliere’ percentage is het basistarief plus de opslagen die u hieronder aanvinkt. Plafond: dat percentage gaat niet boven het percentage van vorig
        jaar, tenzij het basistarief hoger is. Bodem: het gaat niet onder het percentage van vorig jaar. De andere opslagen komen er daarna bij.
      </p>
      {misfit ? (
        <p>De regel in dit concept heeft een vorm die het formulier niet kan tonen; zie ‘Niet in dit formulier te bewerken’ bij Algemeen.</p>
      ) : (
        <>
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
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Opslagen

export function SurchargesSection({ model }: { model: EditorModel }) {
  const misfit = model.extra?.surcharges !== undefined;
  return (
    <section className="panel ke-section" id={SECTION_IDS.surcharges} aria-labelledby="h-opslagen" tabIndex={-1}>
      <h2 id="h-opslagen">Opslagen</h2>
      <p className="hint">In de volgorde waarin ze in de berekening en de toelichting verschijnen. Een vaste opslag geldt als aan de voorwaarde is voldaan; een puntenmodule geeft een opslag naar de punten van de beoordeling.</p>
      {misfit ? (
        <p>De opslagen in dit concept hebben een vorm die het formulier niet kan tonen; zie ‘Niet in dit formulier te bewerken’ bij Algemeen.</p>
      ) : (
        <>
          {model.surcharges.length === 0 ? <p className="muted">Nog geen opslagen.</p> : null}
          {model.surcharges.map((s, i) => (
            <SurchargeBlock key={i} surcharge={s} index={i} count={model.surcharges.length} facts={declaredFacts(model)} />
          ))}
          <div className="actions">
            <IntentButton intent="add:surcharges:fixed">Vaste opslag toevoegen</IntentButton>
            <IntentButton intent="add:surcharges:points">Puntenmodule toevoegen</IntentButton>
          </div>
        </>
      )}
    </section>
  );
}

const KIND_LABEL = { fixed: "vaste opslag", points: "puntenmodule", raw: "alleen-lezen" } as const;

function SurchargeBlock({ surcharge: s, index: i, count, facts }: { surcharge: SurchargeModel; index: number; count: number; facts: FactModel[] | null }) {
  const p = `surcharges[${i}]`;
  const title = s.kind === "raw" ? "" : s.label || s.id;
  const name = `opslag ${i + 1}${title ? ` (${title})` : ""}`;
  return (
    <Group path={p} className="ke-surcharge" legend={`Opslag ${i + 1} · ${KIND_LABEL[s.kind]}${title ? `: ${title}` : ""}`}>
      <input type="hidden" name={`${p}.kind`} value={s.kind} />
      {s.kind === "raw" ? <RawSurcharge path={p} json={s.json} /> : s.kind === "fixed" ? <FixedFields path={p} s={s} facts={facts} /> : <PointsFields path={p} s={s} />}
      <div className="actions ke-surcharge-actions">
        {i > 0 ? (
          <IntentButton intent={`up:${p}`} srLabel={name}>
            Omhoog
          </IntentButton>
        ) : null}
        {i < count - 1 ? (
          <IntentButton intent={`down:${p}`} srLabel={name}>
            Omlaag
          </IntentButton>
        ) : null}
        <IntentButton intent={`remove:${p}`} variant="danger" srLabel={name}>
          Opslag verwijderen
        </IntentButton>
      </div>
    </Group>
  );
}

function RawSurcharge({ path, json }: { path: string; json: string }) {
  return (
    <>
      <input type="hidden" name={`${path}.$json`} value={json} />
      <p>Deze opslag kan het formulier niet tonen (geen object, of een onbekende soort). Ze blijft ongewijzigd bewaard; wijzigen kan via een kaderbestand.</p>
      <pre className="ke-raw">{pretty(json)}</pre>
    </>
  );
}

function CommonFields({ path, s, children }: { path: string; s: FixedModel | PointsModel; children: ReactNode }) {
  return (
    <div className="ke-grid">
      <TextField name={`${path}.id`} label="Kenmerk" hint="Uniek, bijv. standaard." value={s.id} origs={s.orig} origKey="id" />
      <TextField name={`${path}.label`} label="Naam" value={s.label} origs={s.orig} origKey="label" className="ke-span-2" />
      <TextField name={`${path}.ref`} label="Verwijzing (optioneel)" hint="Bijvoorbeeld Inkoopkader par. 4.2." value={s.ref} origs={s.orig} origKey="ref" />
      {children}
    </div>
  );
}

function FixedFields({ path, s, facts }: { path: string; s: FixedModel; facts: FactModel[] | null }) {
  return (
    <>
      <CommonFields path={path} s={s}>
        <TextField name={`${path}.percent`} label="Opslag (%)" kind="decimal" value={s.percent} origs={s.orig} origKey="percent" />
      </CommonFields>
      {s.extra?.appliesTo === undefined ? <AppliesTo path={`${path}.appliesTo`} model={s.appliesTo} /> : null}
      <ConditionBuilder path={`${path}.when`} when={s.when} facts={facts} />
      <ExtrasBlock path={path} extra={s.extra} />
    </>
  );
}

// ---------------------------------------------------------------------------
// appliesTo: pickers from the kader's tariff table, plus free codes.

function AppliesTo({ path, model }: { path: string; model: AppliesToModel | null }) {
  const { tariffs } = useEditor();
  return (
    <Group path={path} legend="Geldt voor" hint="Niets gekozen: alle sectoren of prestaties. Kiest u beide, dan moet een prestatie aan allebei voldoen.">
      <div className="ke-grid ke-grid--wide">
        {model?.extra?.sectors === undefined ? (
          <CodePicker path={`${path}.sectors`} legend="Sectoren" codes={model?.sectors ?? null} options={(tariffs?.sectors ?? []).map((c) => ({ code: c, label: "" }))} />
        ) : null}
        {model?.extra?.prestaties === undefined ? (
          <CodePicker
            path={`${path}.prestaties`}
            legend="Prestaties"
            codes={model?.prestaties ?? null}
            options={(tariffs?.prestaties ?? []).map((t) => ({ code: t.code, label: t.label }))}
          />
        ) : null}
      </div>
      <ExtrasBlock path={path} extra={model?.extra} />
    </Group>
  );
}

function CodePicker({ path, legend, codes, options }: { path: string; legend: string; codes: string[] | null; options: { code: string; label: string }[] }) {
  const { tariffs } = useEditor();
  const known = new Set(options.map((o) => o.code));
  const extra = (codes ?? []).filter((c) => !known.has(c));
  return (
    <Group path={path} legend={legend} className="ke-codes">
      {codes !== null && codes.length === 0 ? (
        <>
          <input type="hidden" name={`${path}.$mode`} value="empty" />
          <p className="alert alert--warn">
            Een lege lijst: deze opslag geldt voor geen enkele {legend === "Sectoren" ? "sector" : "prestatie"}.{" "}
            <IntentButton intent={`remove:${path}`}>Beperking opheffen</IntentButton>
          </p>
        </>
      ) : null}
      {options.length > 0 || extra.length > 0 ? (
        <div className="ke-checks">
          {[...options, ...extra.map((c) => ({ code: c, label: tariffs ? "niet in de tarieftabel" : "" }))].map((o) => (
            <label key={o.code} className="checkbox" title={o.label || undefined}>
              <input type="checkbox" name={`${path}.$codes`} value={o.code} defaultChecked={codes?.includes(o.code) ?? false} /> {o.code}
              {!known.has(o.code) && o.label ? <span className="muted"> ({o.label})</span> : null}
            </label>
          ))}
        </div>
      ) : null}
      <TextField
        name={`${path}.$other`}
        label={options.length > 0 ? "Andere codes" : "Codes"}
        hint={tariffs ? "Kommagescheiden." : "Kommagescheiden. Koppel een tarieftabel op de kaderpagina om uit een lijst te kiezen."}
        value=""
      />
    </Group>
  );
}

// ---------------------------------------------------------------------------
// Voorwaarde (when): rows of {fact, op, value}, combined with all/any, each optionally negated.

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
          <input type="hidden" name={`${path}.$json`} value={when.json} />
          <p>
            Deze voorwaarde is dieper genest dan de bouwer kan tonen (bijvoorbeeld ‘alle’ binnen ‘een van’). Ze blijft ongewijzigd bewaard; wijzigen kan via een
            kaderbestand.
          </p>
          <pre className="ke-raw">{pretty(when.json)}</pre>
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
      <div className="ke-table-wrap">
        <table className="data ke-rows">
          <thead>
            <tr>
              <th scope="col">Niet</th>
              <th scope="col">Feit</th>
              <th scope="col">Vergelijking</th>
              <th scope="col">Soort waarde</th>
              <th scope="col">
                Waarde <span className="muted">(bij ‘in’: kommagescheiden)</span>
              </th>
              <th scope="col">
                <span className="sr-only">Acties</span>
              </th>
            </tr>
          </thead>
          <tbody>
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
                        options={[...(row.fact === "" ? ([["", "Kies een feit…"]] as const) : []), ...facts.map((f) => [f.id, f.label || f.id] as const)]}
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
                      options={[...(row.op === "" ? ([["", "Kies…"]] as const) : []), ...OPERATORS.map((o) => [o, OP_LABEL[o]!] as const)]}
                    />
                  </td>
                  <ValueCells base={base} n={n} row={row} fact={facts?.find((f) => f.id === row.fact)} />
                  <td className="ke-cell-actions">
                    <IntentButton intent={`remove:${when.combine === "" ? path : own}`} variant="danger" srLabel={`(${n.toLowerCase()})`}>
                      Verwijderen
                    </IntentButton>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
              options={[...(row.value === "" ? ([["", "Kies…"]] as const) : []), ...options.map((o) => [o, o] as const)]}
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

// ---------------------------------------------------------------------------
// Feiten (spec 1, "Facts and assessment")

const FACT_TYPE_OPTIONS = Object.entries(FACT_TYPE_LABEL).map(([v, l]) => [v, l] as const);
const FACT_SOURCE_OPTIONS = Object.entries(FACT_SOURCE_LABEL).map(([v, l]) => [v, l] as const);
const EVIDENCE_OPTIONS = [["", "(niet opgegeven)"] as const, ...Object.entries(EVIDENCE_LABEL).map(([v, l]) => [v, l] as const)];

export function FactsSection({ model }: { model: EditorModel }) {
  const misfit = model.extra?.facts !== undefined;
  const facts = model.facts;
  return (
    <section className="panel ke-section" id={SECTION_IDS.facts} aria-labelledby="h-feiten" tabIndex={-1}>
      <h2 id="h-feiten">Feiten</h2>
      <p className="hint">
        De feiten die de voorwaarden van de opslagen gebruiken: wat elk feit betekent, wie het vaststelt en welk bewijs erbij hoort. Legt u feiten vast, dan kan
        een voorwaarde alleen een vastgelegd feit noemen en kiest u het feit uit een lijst. Zonder feitenlijst is elk feit toegestaan.
      </p>
      {misfit ? (
        <p>De feiten in dit concept hebben een vorm die het formulier niet kan tonen; zie ‘Niet in dit formulier te bewerken’ bij Algemeen.</p>
      ) : facts === null ? (
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
    </section>
  );
}

function FactRows({ facts }: { facts: FactModel[] }) {
  return (
    <div className="ke-table-wrap">
      <table className="data ke-rows">
        <RowTableHead columns={["Kenmerk", "Naam", "Soort", "Mogelijkheden", "Bron", "Bewijs"]} />
        <tbody>
          {facts.map((f, j) => {
            const q = `facts[${j}]`;
            const n = `Feit ${j + 1}`;
            // Two table rows per fact: the question and the reference are long texts.
            return (
              <Fragment key={j}>
                <tr id={groupId(q)} tabIndex={-1} className="ke-fact">
                  <td>
                    <TextField name={`${q}.id`} label={`${n}: kenmerk`} hideLabel value={f.id} origs={f.orig} origKey="id" placeholder="bijv. planIngediend" />
                    <RowIssues path={q} />
                  </td>
                  <td>
                    <TextField name={`${q}.label`} label={`${n}: naam`} hideLabel value={f.label} origs={f.orig} origKey="label" />
                    <ExtrasBlock path={q} extra={f.extra} />
                  </td>
                  <td className="ke-cell-type">
                    <SelectField
                      name={`${q}.type`}
                      label={`${n}: soort`}
                      hideLabel
                      value={f.type}
                      options={[...(f.type === "" ? ([["", "Kies…"]] as const) : []), ...FACT_TYPE_OPTIONS]}
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
                      options={[...(f.source === "" ? ([["", "Kies…"]] as const) : []), ...FACT_SOURCE_OPTIONS]}
                      origs={f.orig}
                      origKey="source"
                    />
                  </td>
                  <td className="ke-cell-type">
                    <SelectField name={`${q}.evidence`} label={`${n}: bewijs`} hideLabel value={f.evidence} options={EVIDENCE_OPTIONS} origs={f.orig} origKey="evidence" />
                  </td>
                  <td className="ke-cell-actions">
                    <IntentButton intent={`remove:${q}`} variant="danger" srLabel={`(${n.toLowerCase()}${f.id ? `: ${f.id}` : ""})`}>
                      Verwijderen
                    </IntentButton>
                  </td>
                </tr>
                <tr className="ke-fact-more">
                  <td colSpan={7}>
                    <div className="ke-grid ke-grid--wide">
                      <TextField
                        name={`${q}.question`}
                        label={<><span className="sr-only">{n}: </span>Vraag aan de aanbieder (optioneel)</>}
                        value={f.question}
                        origs={f.orig}
                        origKey="question"
                        className="ke-span-2"
                      />
                      <TextField
                        name={`${q}.ref`}
                        label={<><span className="sr-only">{n}: </span>Verwijzing (optioneel)</>}
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
        </tbody>
      </table>
    </div>
  );
}

// ---------------------------------------------------------------------------
// Beoordeling (spec 1, "Facts and assessment")

export function AssessmentSection({ model }: { model: EditorModel }) {
  const a = model.assessment;
  const misfit = model.extra?.assessment !== undefined;
  return (
    <section className="panel ke-section" id={SECTION_IDS.assessment} aria-labelledby="h-beoordeling" tabIndex={-1}>
      <h2 id="h-beoordeling">Beoordeling</h2>
      <p className="hint">Hoe de puntenmodules worden beoordeeld. Laat u beide velden leeg, dan gelden twee beoordelaars die tot consensus komen.</p>
      {misfit ? (
        <p>De beoordeling in dit concept heeft een vorm die het formulier niet kan tonen; zie ‘Niet in dit formulier te bewerken’ bij Algemeen.</p>
      ) : (
        <>
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
            <dt><strong>Consensus</strong></dt>
            <dd>De beoordelaars komen samen tot één score per criterium, met een motivering.</dd>
            <dt><strong>Gemiddelde</strong></dt>
            <dd>
              Elke beoordelaar scoort zelf; de score per criterium is het gemiddelde van hun scores, afgerond op de dichtstbijzijnde waarde van de schaal (precies
              in het midden: naar boven).
            </dd>
          </dl>
          <ExtrasBlock path="assessment" extra={a?.extra} />
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Puntenmodule

function PointsFields({ path, s }: { path: string; s: PointsModel }) {
  return (
    <>
      <CommonFields path={path} s={s}>
        <TextField
          name={`${path}.threshold`}
          label="Drempel (punten, optioneel)"
          kind="decimal"
          hint="Minder punten: geen opslag."
          value={s.threshold}
          origs={s.orig}
          origKey="threshold"
        />
      </CommonFields>
      {s.extra?.appliesTo === undefined ? <AppliesTo path={`${path}.appliesTo`} model={s.appliesTo} /> : null}
      {s.extra?.targetGroups === undefined ? <TargetGroups path={`${path}.targetGroups`} s={s} /> : null}
      {s.extra?.criteria === undefined ? <Criteria path={`${path}.criteria`} s={s} /> : null}
      {s.extra?.mapping === undefined ? <Mapping path={`${path}.mapping`} s={s} /> : null}
      <ExtrasBlock path={path} extra={s.extra} />
    </>
  );
}

function TargetGroups({ path, s }: { path: string; s: PointsModel }) {
  return (
    <Group path={path} legend="Doelgroepen (optioneel)" hint="Met doelgroepen krijgt elke doelgroep een eigen beoordeling en tariefregel. Kenmerken zijn uniek in het hele kader.">
      {s.targetGroups.length === 0 ? (
        <p className="muted">Geen doelgroepen: de module geldt voor de aanbieder als geheel.</p>
      ) : (
        <div className="ke-table-wrap">
          <table className="data ke-rows">
            <RowTableHead columns={["Kenmerk", "Naam"]} />
            <tbody>
              {s.targetGroups.map((g, j) => {
                const q = `${path}[${j}]`;
                const n = `Doelgroep ${j + 1}`;
                return (
                  <tr key={j} id={groupId(q)} tabIndex={-1}>
                    <td>
                      <TextField name={`${q}.id`} label={`${n}: kenmerk`} hideLabel value={g.id} origs={g.orig} origKey="id" />
                      <RowIssues path={q} />
                    </td>
                    <td>
                      <TextField name={`${q}.label`} label={`${n}: naam`} hideLabel value={g.label} origs={g.orig} origKey="label" />
                      <ExtrasBlock path={q} extra={g.extra} />
                    </td>
                    <td className="ke-cell-actions">
                      <IntentButton intent={`remove:${q}`} variant="danger" srLabel={`(${n.toLowerCase()})`}>
                        Verwijderen
                      </IntentButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <IntentButton intent={`add:${path}`}>Doelgroep toevoegen</IntentButton>
    </Group>
  );
}

function Criteria({ path, s }: { path: string; s: PointsModel }) {
  return (
    <Group
      path={path}
      legend="Criteria"
      hint="Punten = som van gewicht × score. Schaal: de toegestane scores, oplopend en kommagescheiden (met decimale komma's: puntkomma's). Een score onder de minimumscore is een knock-out: geen opslag."
    >
      {s.criteria.length === 0 ? <p className="muted">Nog geen criteria.</p> : null}
      {s.criteria.length > 0 ? (
        <div className="ke-table-wrap">
          <table className="data ke-rows">
            <RowTableHead columns={["Kenmerk", "Naam", "Gewicht", "Schaal", "Minimumscore"]} />
            <tbody>
              {s.criteria.map((c, j) => {
                const q = `${path}[${j}]`;
                const n = `Criterium ${j + 1}`;
                return (
                  <tr key={j} id={groupId(q)} tabIndex={-1}>
                    <td>
                      <TextField name={`${q}.id`} label={`${n}: kenmerk`} hideLabel value={c.id} origs={c.orig} origKey="id" />
                      <RowIssues path={q} />
                    </td>
                    <td className="ke-cell-wide">
                      <TextField name={`${q}.label`} label={`${n}: naam`} hideLabel value={c.label} origs={c.orig} origKey="label" />
                      <ExtrasBlock path={q} extra={c.extra} />
                    </td>
                    <td className="ke-cell-num">
                      <TextField name={`${q}.weight`} label={`${n}: gewicht`} hideLabel kind="decimal" value={c.weight} origs={c.orig} origKey="weight" placeholder="1" />
                    </td>
                    <td>
                      <TextField name={`${q}.scale`} label={`${n}: schaal`} hideLabel kind="decimal" value={c.scale} origs={c.orig} origKey="scale" />
                    </td>
                    <td className="ke-cell-num">
                      <TextField name={`${q}.minScore`} label={`${n}: minimumscore`} hideLabel kind="decimal" value={c.minScore} origs={c.orig} origKey="minScore" />
                    </td>
                    <td className="ke-cell-actions">
                      <IntentButton intent={`remove:${q}`} variant="danger" srLabel={`(${n.toLowerCase()})`}>
                        Verwijderen
                      </IntentButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <IntentButton intent={`add:${path}`}>Criterium toevoegen</IntentButton>
    </Group>
  );
}

function Mapping({ path, s }: { path: string; s: PointsModel }) {
  const m = s.mapping;
  return (
    <Group path={path} legend="Omzetting van punten naar opslag">
      {m === null ? (
        <p>
          Nog geen omzetting. <IntentButton intent={`switch:${path}.bands`}>Schijven gebruiken</IntentButton>{" "}
          <IntentButton intent={`switch:${path}.linear`}>Lineair gebruiken</IntentButton>
        </p>
      ) : (
        <>
          <SelectField
            name={`${path}.basis`}
            label="Basis"
            value={m.basis}
            options={[
              ...(m.basis === "" ? ([["", "Kies…"]] as const) : []),
              ["absolute", "Absoluut: de punten zelf"],
              ["relative", "Relatief: punten als % van de beste in het veld"],
            ]}
            origs={m.orig}
            origKey="basis"
            className="ke-narrow"
          />
          {m.bands !== null ? <input type="hidden" name={`${path}.$bands`} value="1" /> : null}
          {m.linear !== null ? <input type="hidden" name={`${path}.$linear`} value="1" /> : null}
          {m.bands !== null && m.extra?.bands === undefined ? <Bands path={`${path}.bands`} bands={m.bands} /> : null}
          {m.linear !== null && m.extra?.linear === undefined ? <Linear path={`${path}.linear`} m={m} /> : null}
          <div className="actions">
            {m.bands !== null && m.linear === null ? <IntentButton intent={`switch:${path}.linear`}>Lineair in plaats van schijven</IntentButton> : null}
            {m.linear !== null && m.bands === null ? <IntentButton intent={`switch:${path}.bands`}>Schijven in plaats van lineair</IntentButton> : null}
            {m.bands !== null && m.linear !== null ? (
              <>
                <IntentButton intent={`remove:${path}.bands`} variant="danger">
                  Schijven verwijderen
                </IntentButton>
                <IntentButton intent={`remove:${path}.linear`} variant="danger">
                  Lineair verwijderen
                </IntentButton>
              </>
            ) : null}
            {m.bands === null && m.linear === null ? (
              <>
                <IntentButton intent={`switch:${path}.bands`}>Schijven gebruiken</IntentButton>
                <IntentButton intent={`switch:${path}.linear`}>Lineair gebruiken</IntentButton>
              </>
            ) : null}
          </div>
          <ExtrasBlock path={path} extra={m.extra} />
        </>
      )}
    </Group>
  );
}

function Bands({ path, bands }: { path: string; bands: NonNullable<NonNullable<PointsModel["mapping"]>["bands"]> }) {
  return (
    <Group path={path} legend="Schijven (staffel)" hint="De opslag van de hoogste schijf waarvan ‘vanaf’ niet boven de punten ligt; onder de eerste schijf geen opslag. ‘Vanaf’ loopt op.">
      {bands.length > 0 ? (
        <div className="ke-table-wrap">
          <table className="data ke-rows">
            <RowTableHead columns={["Vanaf (punten)", "Opslag (%)"]} />
            <tbody>
              {bands.map((b, j) => {
                const q = `${path}[${j}]`;
                const n = `Schijf ${j + 1}`;
                return (
                  <tr key={j} id={groupId(q)} tabIndex={-1}>
                    <td className="ke-cell-num">
                      <TextField name={`${q}.from`} label={`${n}: vanaf (punten)`} hideLabel kind="decimal" value={b.from} origs={b.orig} origKey="from" />
                      <RowIssues path={q} />
                    </td>
                    <td className="ke-cell-num">
                      <TextField name={`${q}.percent`} label={`${n}: opslag (%)`} hideLabel kind="decimal" value={b.percent} origs={b.orig} origKey="percent" />
                      <ExtrasBlock path={q} extra={b.extra} />
                    </td>
                    <td className="ke-cell-actions">
                      <IntentButton intent={`remove:${q}`} variant="danger" srLabel={`(${n.toLowerCase()})`}>
                        Verwijderen
                      </IntentButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Nog geen schijven.</p>
      )}
      <IntentButton intent={`add:${path}`}>Schijf toevoegen</IntentButton>
    </Group>
  );
}

function Linear({ path, m }: { path: string; m: NonNullable<PointsModel["mapping"]> }) {
  const l = m.linear!;
  return (
    <Group path={path} legend="Lineair" hint="Onder ‘vanaf’ geen opslag; daartussen naar rato; vanaf ‘tot’ het eindpercentage.">
      <div className="ke-grid">
        <TextField name={`${path}.from`} label="Vanaf (punten)" kind="decimal" value={l.from} origs={l.orig} origKey="from" />
        <TextField name={`${path}.to`} label="Tot (punten)" kind="decimal" value={l.to} origs={l.orig} origKey="to" />
        <TextField name={`${path}.fromPercent`} label="Opslag bij ‘vanaf’ (%)" kind="decimal" value={l.fromPercent} origs={l.orig} origKey="fromPercent" />
        <TextField name={`${path}.toPercent`} label="Opslag bij ‘tot’ (%)" kind="decimal" value={l.toPercent} origs={l.orig} origKey="toPercent" />
      </div>
      <ExtrasBlock path={path} extra={l.extra} />
    </Group>
  );
}

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
