import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Field, FieldError } from "~/components/field";
import { ScoreSelects } from "~/components/score-selects";
import { BudgetChart } from "~/components/budget-chart";
import { AppErrorBoundary } from "~/components/error-boundary";
import { TraceList } from "~/components/trace-list";
import { formatEuro, formatNumber, formatPercent } from "~/lib/format";
import { getDb } from "~/services/db.server";
import { requireKaderEditor } from "~/services/kaders/access.server";
import type { CeilingDifference } from "~/services/kaders/budget.server";
import type { FactRow, KaderFact } from "~/services/kaders/inputs-builder.server";
import { buildPreviewPage, type SlotView } from "~/services/kaders/preview.server";
import { buildPreviewBreakeven } from "~/services/kaders/breakeven.server";
import { BreakevenSection } from "./breakeven-section";
import styles from "./voorbeeld.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Voorbeeld en budgetimpact${data ? ` — ${data.title}` : ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const row = requireKaderEditor(request, user, params.slug ?? "");
  const query = new URL(request.url).searchParams;
  const page = buildPreviewPage(getDb(), row, query);
  const breakeven = page.state === "ok" ? buildPreviewBreakeven(getDb(), row, query) : null;
  return { slug: row.slug, title: row.title, year: row.year, page, breakeven };
}

export const ErrorBoundary = AppErrorBoundary;

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type OkPage = Extract<Data["page"], { state: "ok" }>;
type Errors = Record<string, string | undefined>;
type FactTypes = OkPage["factTypes"];

export default function Voorbeeld() {
  const { slug, title, year, page, breakeven } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${slug}`}>← {title}</Link>
      </p>
      <h1>Voorbeeld en budgetimpact</h1>
      <p className="preview-lead">
        Kader {title}, jaar {year}. De rekenkern rekent met het concept zoals het nu bewaard is; er wordt niets opgeslagen. De link van deze pagina bevat uw invoer, dus u
        kunt hem delen.
      </p>
      {page.state === "noTariffTable" ? (
        <div className="alert alert--warn" role="status">
          Er is nog geen tarieftabel gekozen voor dit kader, dus er valt niets te berekenen. Kies een tarieftabel bij de{" "}
          <Link to={`/inkoop/kaders/${slug}`}>instellingen van het kader</Link>.
        </div>
      ) : page.state === "invalid" ? (
        <div className="alert alert--error" role="alert">
          <p>
            Het concept bevat {page.issues.length === 1 ? "een fout" : `${page.issues.length} fouten`}; het voorbeeld rekent alleen met een geldig kader.{" "}
            <Link to={`/inkoop/kaders/${slug}/bewerken`}>Naar de editor</Link>
          </p>
          <ul>
            {page.issues.slice(0, 10).map((i, n) => (
              <li key={n}>
                <strong>{i.where}</strong>: {i.message}
              </li>
            ))}
          </ul>
          {page.issues.length > 10 ? <p>… en nog {page.issues.length - 10}.</p> : null}
        </div>
      ) : (
        <Form method="get" key={location.search} preventScrollReset noValidate aria-label="Voorbeeld en budgetimpact">
          <input type="hidden" name={page.names.submitted} value="1" />
          <WhatIfSection page={page} />
          <BudgetSection page={page} slug={slug} year={year} search={location.search} />
          {breakeven ? <BreakevenSection data={breakeven} /> : null}
        </Form>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------
// Wat-als

function WhatIfSection({ page }: { page: OkPage }) {
  const { form, whatIf, names: PARAM } = page;
  const errors: Errors = !whatIf.ok && "errors" in whatIf ? whatIf.errors : {};
  const busy = useNavigation().state !== "idle";
  const extraRow: FactRow = { key: "", type: "ontbreekt", text: "" };
  return (
    <section className="panel" aria-labelledby="h-watals">
      <h2 id="h-watals">Wat als: één voorbeeldaanbieder</h2>
      <div className="preview-grid">
        <div>
          <ErrorSummary errors={errors} />
          <fieldset className={`field${errors[PARAM.prestatie] ? " field--error" : ""}`}>
            <legend>Prestaties</legend>
            <div className="choices">
              {page.tariffs.map((t) => (
                <label key={t.code} className="checkbox" title={t.label ?? undefined}>
                  <input type="checkbox" name={PARAM.prestatie} value={t.code} defaultChecked={form.prestaties.includes(t.code)} /> {t.code}
                </label>
              ))}
            </div>
            <FieldError id="fout-p" message={errors[PARAM.prestatie]} />
          </fieldset>

          <FactRows legend="Feiten van de aanbieder" rows={[...form.facts, extraRow]} facts={page.facts} names={{ key: PARAM.factKey, type: PARAM.factType, text: PARAM.factText }} factTypes={page.factTypes} errors={errors} extraKeys />

          <div className={`field${errors[PARAM.previousYear] ? " field--error" : ""}`}>
            <label htmlFor="veld-vj">Percentage vorig jaar</label>
            <p className="hint" id="veld-vj-hint">
              {page.previousYear
                ? `Het kader heeft een vorigjaarregel (${page.previousYear.mode === "cap" ? "plafond" : "bodem"}). Leeg: geen percentage bekend.`
                : "Dit kader heeft geen vorigjaarregel: het percentage heeft geen effect."}
            </p>
            <input
              id="veld-vj"
              type="text"
              className="short"
              inputMode="decimal"
              name={PARAM.previousYear}
              defaultValue={form.previousYear}
              aria-invalid={errors[PARAM.previousYear] ? true : undefined}
              aria-describedby={`veld-vj-hint${errors[PARAM.previousYear] ? " fout-vj" : ""}`}
            />
            <FieldError id="fout-vj" message={errors[PARAM.previousYear]} />
          </div>

          {page.slots.map((slot) => (
            <ScoreFieldset key={`${slot.module}/${slot.targetGroup ?? ""}`} slot={slot} scores={form.scores} fieldBest={form.fieldBest} errors={errors} example />
          ))}

          <button type="submit" className="button" disabled={busy}>
            Bereken voorbeeld
          </button>
        </div>

        <div aria-live="polite">
          <WhatIfResult page={page} />
        </div>
      </div>
    </section>
  );
}

function WhatIfResult({ page }: { page: OkPage }) {
  const { whatIf } = page;
  if (!whatIf.ok) {
    if ("errors" in whatIf) return <p className="muted">Verbeter eerst de invoer; dan rekent de rekenkern het voorbeeld uit.</p>;
    return (
      <div className="alert alert--error" role="alert">
        <p>De rekenkern weigert deze invoer:</p>
        <ul>
          {whatIf.issues.map((i, n) => (
            <li key={n}>
              <strong>{i.where}</strong>: {i.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <>
      <table className="data result-table">
        <caption>Tarief per prestatie voor de voorbeeldaanbieder</caption>
        <thead>
          <tr>
            <th scope="col">Prestatie</th>
            <th scope="col">Doelgroep</th>
            <th scope="col" className="num">
              Percentage
            </th>
            <th scope="col" className="num">
              Tarief
            </th>
          </tr>
        </thead>
        <tbody>
          {whatIf.lines.flatMap((l) => [
            <tr key={`${l.prestatie}/${l.targetGroup ?? ""}`} className="line-row">
              <th scope="row">
                {l.prestatie}
                {l.label ? <span className="muted line-label">{l.label}</span> : null}
              </th>
              <td>{l.targetGroupLabel ?? "regulier"}</td>
              <td className="num">{formatPercent(l.percent)}</td>
              <td className="num">
                {formatEuro(l.tariff)}
                {l.unit ? <span className="muted"> per {l.unit}</span> : null}
              </td>
            </tr>,
            <tr key={`${l.prestatie}/${l.targetGroup ?? ""}/trace`}>
              <td colSpan={4} className="trace-cell">
                <TraceList steps={l.trace} summary={`Berekening ${l.prestatie}${l.targetGroupLabel ? `, ${l.targetGroupLabel}` : ""}`} />
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
      {whatIf.modules.length > 0 ? (
        <table className="data">
          <caption>Scores op de modules</caption>
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col" className="num">
                Punten
              </th>
              <th scope="col" className="num">
                Invoer
              </th>
              <th scope="col" className="num">
                Opslag
              </th>
            </tr>
          </thead>
          <tbody>
            {whatIf.modules.map((m) => (
              <tr key={`${m.module}/${m.targetGroup ?? ""}`}>
                <th scope="row">
                  {m.moduleLabel}
                  {m.targetGroupLabel ? ` — ${m.targetGroupLabel}` : ""}
                  {m.knockout ? <span className="badge badge--warn"> knock-out ({m.knockout === "threshold" ? "drempel" : "minimumscore"})</span> : null}
                  {m.basis === "relative" ? (
                    <span className="muted">
                      {" "}
                      · relatief, {m.fieldBestGiven ? "beste van het veld opgegeven" : "voorbeeld is de beste van het veld"}
                    </span>
                  ) : null}
                </th>
                <td className="num">{formatNumber(m.points)}</td>
                <td className="num">{m.basis === "relative" ? `${formatNumber(m.input)} (relatief)` : formatNumber(m.input)}</td>
                <td className="num">{formatPercent(m.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------------------
// Budgetimpact

function BudgetSection({ page, slug, year, search }: { page: OkPage; slug: string; year: number; search: string }) {
  const { form, budget, names: PARAM } = page;
  const errors: Errors = !budget.ok && "errors" in budget ? budget.errors : {};
  const busy = useNavigation().state !== "idle";
  const hasGroups = page.budgetSlots.some((s) => s.targetGroup !== null);
  return (
    <section className="panel" aria-labelledby="h-budget">
      <h2 id="h-budget">Budgetimpact voor de aanbieders in het register</h2>
      <p className="preview-lead">
        De verwachte kosten voor de aanbieders die in het register staan voor de regio&apos;s van dit kader, met hun volumes voor {year}: tegen het basistarief
        (het kader zonder opslagen) en met de opslagen onder de aannames hieronder (tarief × volume). Aanbieders zonder volumes worden weggelaten.
        {hasGroups ? (
          <>
            {" "}
            <strong>Doelgroepen tellen mee onder een aanname:</strong> het register kent geen volumes per doelgroep, dus u geeft per doelgroep aan welk deel van het
            volume van de prestaties waarvoor de module geldt bij die doelgroep hoort (bij elke aanbieder gelijk, standaard 10 %). Dat deel krijgt het tarief van de
            doelgroepregel, de rest het reguliere tarief.
          </>
        ) : null}
      </p>
      <div className="preview-grid">
        <div>
          <h3>Aannames</h3>
          <ErrorSummary errors={errors} />
          {page.facts.length > 0 ? (
            <FactRows
              legend="Feiten die voor elke aanbieder gelden"
              rows={form.budgetFacts}
              facts={page.facts}
              names={{ key: PARAM.budgetFactKey, type: PARAM.budgetFactType, text: PARAM.budgetFactText }}
              factTypes={page.factTypes}
              errors={errors}
              extraKeys={false}
            />
          ) : null}
          {page.budgetSlots.map((slot) => (
            <ScoreFieldset
              key={`${slot.module}/${slot.targetGroup ?? ""}`}
              slot={slot}
              scores={form.budgetScores}
              fieldBest={form.budgetFieldBest}
              shares={form.budgetShares}
              errors={errors}
              example={false}
            />
          ))}
          {page.facts.length === 0 && page.budgetSlots.length === 0 ? (
            <p className="muted">Dit kader heeft geen voorwaarden en geen modules: er zijn geen aannames nodig.</p>
          ) : (
            <button type="submit" className="button" disabled={busy}>
              Bereken budget
            </button>
          )}
        </div>
        <div aria-live="polite">
          <BudgetResult page={page} slug={slug} year={year} search={search} />
        </div>
      </div>
    </section>
  );
}

function BudgetResult({ page, slug, year, search }: { page: OkPage; slug: string; year: number; search: string }) {
  const { budget } = page;
  if (!budget.ok) {
    if ("errors" in budget) return <p className="muted">Verbeter eerst de aannames; dan rekent de rekenkern het budget uit.</p>;
    return (
      <div className="alert alert--error" role="alert">
        <p>De rekenkern weigert de invoer uit het register:</p>
        <ul>
          {budget.issues.map((i, n) => (
            <li key={n}>
              <strong>{i.where}</strong>: {i.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const impact = budget.impact;
  const { ceiling } = impact;
  const noVolumes = impact.leftOut.filter((p) => p.reason === "noVolumes");
  const unknownOnly = impact.leftOut.filter((p) => p.reason !== "noVolumes");
  return (
    <>
      <h3>Uitgangspunten</h3>
      <ul className="assumptions">
        {impact.assumptions.map((a, i) => (
          <li key={i}>{a}</li>
        ))}
        <li>
          Basistarief: het kader zonder opslagen
          {page.previousYear
            ? page.previousYear.mode === "cap"
              ? "; de vorigjaarregel (plafond) telt dan geen opslagen en heeft geen effect"
              : "; de vorigjaarregel (bodem) blijft gelden en kan een aanbieder tot het percentage van vorig jaar optillen"
            : ""}
          .
        </li>
        <li>Percentage vorig jaar en volumes: per aanbieder uit het register voor {year}.</li>
      </ul>

      {impact.providers.length === 0 ? (
        <div className="alert alert--warn" role="status">
          Er staan geen aanbieders met volumes voor {year} in het register voor de regio&apos;s van dit kader. Importeer het register met volumes, of kies de
          regio&apos;s bij de instellingen van het kader.
        </div>
      ) : (
        <>
          <table className="data totals">
            <caption>Verwachte totalen ({impact.providers.length} aanbieders)</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col" className="num">
                  Verwacht totaal
                </th>
                <th scope="col" className="num">
                  Verschil met contracteerruimte
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Contracteerruimte</th>
                <td className="num">{ceiling ? formatEuro(ceiling) : "niet ingesteld"}</td>
                <td className="num">—</td>
              </tr>
              <tr>
                <th scope="row">Basistarief</th>
                <td className="num">
                  <strong>{formatEuro(impact.base.total)}</strong>
                </td>
                <td className="num">
                  <Difference difference={impact.base.difference} />
                </td>
              </tr>
              <tr>
                <th scope="row">Met opslagen</th>
                <td className="num">
                  <strong>{formatEuro(impact.withSurcharges.total)}</strong>
                </td>
                <td className="num">
                  <Difference difference={impact.withSurcharges.difference} />
                </td>
              </tr>
            </tbody>
          </table>
          {ceiling === null ? (
            <p className="muted">
              Er is nog geen contracteerruimte ingesteld; stel die in bij de <Link to={`/inkoop/kaders/${slug}`}>instellingen van het kader</Link>.
            </p>
          ) : null}

          <BudgetChart
            id="grafiek-totaal"
            title="Verwacht totaal tegenover de contracteerruimte"
            series={SERIES}
            groups={[{ label: "Alle aanbieders", values: { base: impact.base.total, surcharges: impact.withSurcharges.total } }]}
            reference={ceiling ? { label: "Contracteerruimte", value: ceiling } : null}
          />

          <table className="data result-table">
            <caption>Per aanbieder</caption>
            <thead>
              <tr>
                <th scope="col">Aanbieder</th>
                <th scope="col" className="num">
                  Vorig jaar
                </th>
                <th scope="col" className="num">
                  Basistarief
                </th>
                <th scope="col" className="num">
                  Met opslagen
                </th>
              </tr>
            </thead>
            <tbody>
              {impact.providers.flatMap((p) => [
                <tr key={p.id} className="line-row">
                  <th scope="row">
                    {p.name} <span className="muted agb">AGB {p.id}</span>
                  </th>
                  <td className="num">{p.previousYearPercent ? formatPercent(p.previousYearPercent) : "—"}</td>
                  <td className="num">{formatEuro(p.baseTotal)}</td>
                  <td className="num">{formatEuro(p.total)}</td>
                </tr>,
                <tr key={`${p.id}/regels`}>
                  <td colSpan={4} className="trace-cell">
                    <details className="provider-lines">
                      <summary>Tarieven en volumes van {p.name}</summary>
                      <table className="data">
                        <caption className="sr-only">Reguliere regels van {p.name}</caption>
                        <thead>
                          <tr>
                            <th scope="col">Prestatie</th>
                            <th scope="col" className="num">
                              Volume
                            </th>
                            <th scope="col" className="num">
                              Basistarief
                            </th>
                            <th scope="col" className="num">
                              Met opslagen
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {p.lines.flatMap((l) => [
                            <tr key={l.prestatie}>
                              <th scope="row">
                                {l.prestatie}
                                {l.label ? <span className="muted line-label">{l.label}</span> : null}
                              </th>
                              <td className="num">
                                {formatNumber(l.volume)}
                                {l.targetGroups.length > 0 ? <span className="muted"> (regulier {formatNumber(l.regularVolume)})</span> : null}
                              </td>
                              <td className="num">
                                {formatEuro(l.baseTariff)} <span className="muted">({formatPercent(l.basePercent)})</span>
                              </td>
                              <td className="num">
                                {formatEuro(l.tariff)} <span className="muted">({formatPercent(l.percent)})</span>
                              </td>
                            </tr>,
                            ...l.targetGroups.map((g) => (
                              <tr key={`${l.prestatie}/${g.targetGroup}`}>
                                <th scope="row">
                                  {l.prestatie} — doelgroep {g.label}
                                  <span className="muted line-label">{formatPercent(g.share)} van het volume</span>
                                </th>
                                <td className="num">{formatNumber(g.volume)}</td>
                                <td className="num">—</td>
                                <td className="num">
                                  {formatEuro(g.tariff)} <span className="muted">({formatPercent(g.percent)})</span>
                                </td>
                              </tr>
                            )),
                          ])}
                        </tbody>
                      </table>
                    </details>
                  </td>
                </tr>,
              ])}
            </tbody>
          </table>

          {impact.providers.length > 1 ? (
            <BudgetChart
              id="grafiek-aanbieders"
              title="Verwachte kosten per aanbieder"
              series={SERIES}
              groups={impact.providers.map((p) => ({ label: p.name, values: { base: p.baseTotal, surcharges: p.total } }))}
            />
          ) : null}
        </>
      )}

      {impact.leftOut.length > 0 ? (
        <>
          <h3>Niet meegeteld</h3>
          {noVolumes.length > 0 ? (
            <p>
              Zonder volumes voor {year} in het register ({noVolumes.length}): {noVolumes.map((p) => `${p.name} (AGB ${p.agbCode})`).join(", ")}.
            </p>
          ) : null}
          {unknownOnly.length > 0 ? (
            <ul>
              {unknownOnly.map((p) => (
                <li key={p.agbCode}>
                  {p.name} (AGB {p.agbCode}): alleen volumes voor prestaties die niet in de tarieftabel staan ({p.codes.join(", ")}).
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {impact.droppedVolumes.length > 0 ? (
        <>
          <h3>Volumes niet meegeteld</h3>
          <ul>
            {impact.droppedVolumes.map((p) => (
              <li key={p.agbCode}>
                {p.name} (AGB {p.agbCode}): volumes voor {p.codes.join(", ")} (niet in de tarieftabel).
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>Zelf narekenen</h3>
      <div className="download">
        <a className="button button--secondary" href={`/inkoop/kaders/${slug}/invoer.yaml${search}`} download>
          Invoer downloaden (invoer.yaml)
        </a>
        <a href={`/inkoop/kaders/${slug}/concept.yaml`} download>
          Kaderbestand van het concept ({slug}-concept.yaml)
        </a>
      </div>
      <p className="muted">
        De invoer is precies die van het scenario met opslagen: de aanbieders met hun volumes en percentage vorig jaar, en de aannames hierboven. Met het
        kaderbestand geeft <code>npm run -s score -- {slug}-concept.yaml invoer.yaml</code> hetzelfde budget, tot op de cent.
      </p>
    </>
  );
}

const SERIES = [
  { key: "base", label: "Basistarief", color: "#5f87b0" },
  { key: "surcharges", label: "Met opslagen", color: "#0b4f79" },
];

function Difference({ difference }: { difference: CeilingDifference | null }) {
  if (!difference) return <>—</>;
  const negative = difference.amount.startsWith("-");
  const amount = difference.amount.replace(/^-/, "");
  const percent = difference.percent?.replace(/^-/, "") ?? null;
  if (/^0(\.0+)?$/.test(amount)) return <>precies gelijk</>;
  return (
    <span className={negative ? "under" : "over"}>
      {formatEuro(amount)} {negative ? "onder" : "boven"}
      {percent !== null ? ` (${negative ? "−" : "+"}${formatPercent(percent, { decimals: 1 })})` : ""}
    </span>
  );
}

// ---------------------------------------------------------------------------
// Form pieces

function ErrorSummary({ errors }: { errors: Errors }) {
  const count = Object.keys(errors).length;
  if (count === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      {count === 1 ? "Eén veld is niet goed ingevuld" : `${count} velden zijn niet goed ingevuld`}; zie de meldingen hieronder.
      {errors._form ? <p>{errors._form}</p> : null}
    </div>
  );
}

const scalarText = (v: boolean | string) => (v === true ? "waar" : v === false ? "onwaar" : v.replace(".", ","));

function FactRows({
  legend,
  rows,
  facts,
  names,
  factTypes,
  errors,
  extraKeys,
}: {
  legend: string;
  rows: FactRow[];
  facts: KaderFact[];
  names: { key: string; type: string; text: string };
  factTypes: FactTypes;
  errors: Errors;
  extraKeys: boolean;
}) {
  const mentions = new Map(facts.map((f) => [f.name, f.values]));
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <p className="hint">Kies waar, onwaar, tekst of getal (vul die dan rechts in; een getal als 8,5 telt als getal), of ontbreekt: een voorwaarde met een ontbrekend feit is niet vervuld.</p>
      <div className="fact-rows">
        {rows.map((row, i) => {
          const id = `${names.key}-${i}`;
          const fromKader = mentions.has(row.key);
          const name = row.key || "nieuw feit";
          const keyError = errors[`${names.key}.${i}`];
          const typeError = errors[`${names.type}.${i}`];
          const textError = errors[`${names.text}.${i}`];
          return (
            <div key={i} className="fact-row">
              {fromKader || !extraKeys ? (
                <div className="fact-row__name">
                  <input type="hidden" name={names.key} value={row.key} />
                  <strong>{row.key}</strong>
                  {fromKader ? <span className="muted"> · voorwaarde: {mentions.get(row.key)!.map(scalarText).join(", ")}</span> : null}
                </div>
              ) : (
                <div className="fact-row__name">
                  <input
                    type="text"
                    id={id}
                    name={names.key}
                    defaultValue={row.key}
                    aria-label={`Naam van ${row.key ? `feit ${row.key}` : "een extra feit"}`}
                    placeholder="naam van een extra feit"
                    aria-invalid={keyError ? true : undefined}
                    aria-describedby={keyError ? `${id}-fout` : undefined}
                  />
                  <FieldError id={`${id}-fout`} message={keyError} />
                </div>
              )}
              <div>
                <select
                  name={names.type}
                  defaultValue={row.type}
                  aria-label={`Waarde van ${name}`}
                  aria-invalid={typeError ? true : undefined}
                  aria-describedby={typeError ? `${names.type}-${i}-fout` : undefined}
                >
                  {factTypes.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </select>
                <FieldError id={`${names.type}-${i}-fout`} message={typeError} />
              </div>
              <div>
                <input
                  type="text"
                  name={names.text}
                  defaultValue={row.text}
                  placeholder="tekst of getal"
                  aria-label={`Tekst of getal voor ${name} (bij de keuze tekst of getal)`}
                  aria-invalid={textError ? true : undefined}
                  aria-describedby={textError ? `${names.text}-${i}-fout` : undefined}
                />
                <FieldError id={`${names.text}-${i}-fout`} message={textError} />
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function ScoreFieldset({
  slot,
  scores,
  fieldBest,
  shares,
  errors,
  example,
}: {
  slot: SlotView;
  scores: Record<string, string>;
  fieldBest: Record<string, string>;
  shares?: Record<string, string>;
  errors: Errors;
  example: boolean;
}) {
  const fbName = slot.fieldBestParam ?? "";
  const fbId = `veld-${fbName.replaceAll("/", "-")}`;
  const shareName = slot.shareParam ?? "";
  const shareId = `veld-${shareName.replaceAll("/", "-")}`;
  return (
    <fieldset className="field">
      <legend>
        {slot.moduleLabel}
        {slot.targetGroupLabel ? ` — ${slot.targetGroupLabel}` : ""}
      </legend>
      <p className="hint">
        {example
          ? "Score per criterium; “geen beoordeling” bij alle criteria: geen opslag uit deze module."
          : "De score die elke aanbieder krijgt (standaard het midden van de schaal; bij een even aantal waarden de hogere van de twee middelste)."}
      </p>
      {slot.shareParam !== null ? (
        <div className={`field${errors[shareName] ? " field--error" : ""}`}>
          <label htmlFor={shareId}>Aandeel van deze doelgroep in het volume (%)</label>
          <p className="hint" id={`${shareId}-hint`}>
            Het deel van het volume van de prestaties waarvoor de module geldt dat bij deze doelgroep hoort, bij elke aanbieder gelijk. 0: de doelgroep telt niet mee.
          </p>
          <input
            id={shareId}
            type="text"
            className="short"
            inputMode="decimal"
            name={shareName}
            defaultValue={shares?.[shareName] ?? ""}
            aria-invalid={errors[shareName] ? true : undefined}
            aria-describedby={`${shareId}-hint${errors[shareName] ? ` ${shareId}-fout` : ""}`}
          />
          <FieldError id={`${shareId}-fout`} message={errors[shareName]} />
        </div>
      ) : null}
      <ScoreSelects criteria={slot.criteria} values={scores} errors={errors} emptyLabel="geen beoordeling" idOf={(param) => `veld-${param.replaceAll("/", "-")}`} />
      {slot.fieldBestParam !== null ? (
        <Field
          id={fbId}
          name={fbName}
          label="Beste score van het veld (punten)"
          hint={
            example
              ? "Relatieve basis: de punten tellen ten opzichte van de beste van het veld. Leeg: dan nemen we aan dat het voorbeeld zelf de beste is (de eigen punten). Een opgegeven beste lager dan de eigen punten telt niet: de beste is nooit lager dan het voorbeeld."
              : "Relatieve basis: alle aanbieders krijgen dezelfde score, dus zonder opgave is ieder de beste van het veld. Vul de verwachte beste score in voor een realistischer beeld."
          }
          error={errors[fbName]}
          type="text"
          className="short"
          inputMode="decimal"
          defaultValue={fieldBest[fbName] ?? ""}
        />
      ) : null}
    </fieldset>
  );
}
