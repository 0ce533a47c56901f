import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { Field, FieldError } from "~/components/field";
import { ScoreSelects } from "~/components/score-selects";
import { TraceList } from "~/components/trace-list";
import { WaterfallChart } from "~/components/waterfall-chart";
import { formatDateTime, formatEuro, formatNumber, formatPercent } from "~/lib/format";
import type { MonitorPage, WhatIfView } from "~/services/monitor/monitor.server";
import type { MonitorPrestatie, MonitorView } from "~/services/monitor/view-model";
import type { WhatIfShape, WhatIfSlot } from "~/services/monitor/what-if";

type Errors = Record<string, string | undefined>;

const SOURCE: Record<string, string> = { aanbieder: "verklaring aanbieder", zorgkantoor: "vastgesteld door het zorgkantoor", register: "register" };
const ESTABLISHED: Record<string, string> = { established: "vastgesteld", corrected: "gecorrigeerd", checked: "gecontroleerd" };
const fieldId = (param: string) => `veld-${param.replace(/[^a-zA-Z0-9-]/g, "-")}`;

function signedEuro(v: string) {
  if (/^-?0(\.0+)?$/.test(v)) return "geen verschil";
  return v.startsWith("-") ? `− ${formatEuro(v.slice(1), { decimals: 2 })}` : `+ ${formatEuro(v, { decimals: 2 })}`;
}

/** The monitor's content, the same for the provider and for the inkoper; `pdfHref` links its PDF. */
export function TariffMonitor({ page, pdfHref, own }: { page: MonitorPage; pdfHref: string; own: boolean }) {
  const { view } = page;
  return (
    <>
      <section className="panel" aria-labelledby="h-fase">
        <h2 id="h-fase">{view.phase.title}</h2>
        <p>{view.phase.text}</p>
        {view.submission ? (
          <p>
            Inschrijving versie {view.submission.version}, ontvangen {formatDateTime(view.submission.receivedAt)}.
          </p>
        ) : null}
        <p>{view.scoresNote}</p>
        <p className="muted">
          Kaderversie {view.kader.version}; inschrijven tot {formatDateTime(view.kader.closesAt)}. Alle bedragen rekent de rekenkern uit het gepubliceerde kader, de
          tarieftabel en {own ? "uw" : "de"} gegevens; er wordt niets opgeslagen.
        </p>
        <p>
          <a className="button button--secondary" href={pdfHref} download>
            Monitor als PDF
          </a>
        </p>
      </section>

      {view.open.length > 0 ? (
        <section aria-labelledby="h-open">
          <h2 id="h-open">Wat nog openstaat</h2>
          <ul>
            {view.open.map((item, i) => (
              <li key={i}>
                {item.text}
                {item.action ? (
                  <>
                    {" "}
                    <Link to={item.action.href}>{item.action.label}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Summary view={view} own={own} />

      <h2 id="h-opbouw">Opbouw per prestatie</h2>
      {view.prestaties.map((p) => (
        <PrestatieSection key={p.code} p={p} />
      ))}

      <Facts view={view} own={own} />

      <WhatIfSection page={page} own={own} />
    </>
  );
}

function Summary({ view, own }: { view: MonitorView; own: boolean }) {
  if (view.prestaties.length === 0)
    return (
      <div className="alert alert--warn" role="status">
        Er zijn geen prestaties om te berekenen: de tarieftabel van het kader heeft geen prestaties voor {own ? "uw" : "de"} sector(en) en het register heeft geen volumes.
      </div>
    );
  return (
    <section aria-labelledby="h-tarieven">
      <h2 id="h-tarieven">Tarieven en jaarbedrag</h2>
      <table className="data">
        <caption className="sr-only">Tarief per prestatie en het jaarbedrag</caption>
        <thead>
          <tr>
            <th scope="col">Prestatie</th>
            <th scope="col" className="num">
              Percentage
            </th>
            <th scope="col" className="num">
              Tarief
            </th>
            <th scope="col" className="num">
              Volume {view.kader.year}
            </th>
            <th scope="col" className="num">
              Jaarbedrag
            </th>
          </tr>
        </thead>
        <tbody>
          {view.prestaties.map((p) => (
            <tr key={p.code}>
              <th scope="row">
                <a href={`#prestatie-${p.code}`}>{p.code}</a>
                {p.label ? <span className="muted line-label"> {p.label}</span> : null}
              </th>
              <td className="num">{formatPercent(p.regular.percent)}</td>
              <td className="num" data-tarief={p.code}>
                {formatEuro(p.regular.tariff)}
                {p.unit ? <span className="muted"> per {p.unit}</span> : null}
              </td>
              <td className="num">{p.volume !== null ? formatNumber(p.volume) : "—"}</td>
              <td className="num">{p.yearlyAmount !== null ? formatEuro(p.yearlyAmount) : "—"}</td>
            </tr>
          ))}
        </tbody>
        {view.yearly.volumes ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Jaarbedrag {view.kader.year} (tarief × volume uit het register)
              </th>
              <td className="num" data-jaarbedrag="">
                <strong>{formatEuro(view.yearly.total)}</strong>
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      {view.yearly.volumes ? (
        <p className="muted">
          Het jaarbedrag telt de reguliere tarieven maal de volumes uit het register voor {view.kader.year}, exact opgeteld en één keer afgerond; de bedragen per prestatie zijn
          elk afgerond en kunnen daardoor een cent afwijken.
        </p>
      ) : (
        <p>
          <strong>Geen jaarbedrag:</strong> er staan {own ? "voor u " : ""}geen volumes in het register voor {view.kader.year}. De tarieven per eenheid gelden wel.
        </p>
      )}
    </section>
  );
}

function PrestatieSection({ p }: { p: MonitorPrestatie }) {
  const title = `${p.code}${p.label ? ` — ${p.label}` : ""}`;
  return (
    <section className="panel monitor-prestatie" id={`prestatie-${p.code}`} aria-labelledby={`h-prestatie-${p.code}`}>
      <h3 id={`h-prestatie-${p.code}`}>{title}</h3>
      <p>
        Tarief: <strong>{formatEuro(p.regular.tariff)}</strong>
        {p.unit ? ` per ${p.unit}` : ""} ({formatPercent(p.regular.percent)} van het onderhandelbare deel, plus het niet-onderhandelbare deel).
      </p>
      <h4>Zo komt het tarief tot stand</h4>
      <ol className="trace">
        {p.regular.trace.map((s, i) => (
          <li key={i}>
            {s.text}
            {s.ref ? <span className="muted"> — {s.ref}</span> : null}
          </li>
        ))}
      </ol>
      <WaterfallChart id={`waterval-${p.code}`} title={`Opbouw van het tarief ${p.code}`} maximum={p.regular.waterfall.maximum} bars={p.regular.waterfall.bars} />
      {p.targetGroups.length > 0 ? (
        <>
          <h4>Doelgroepen</h4>
          <table className="data">
            <caption className="sr-only">Doelgroeptarieven voor {p.code}</caption>
            <thead>
              <tr>
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
              {p.targetGroups.flatMap((l) => [
                <tr key={l.targetGroup!}>
                  <th scope="row">{l.targetGroupLabel}</th>
                  <td className="num">{formatPercent(l.percent)}</td>
                  <td className="num">{formatEuro(l.tariff)}</td>
                </tr>,
                <tr key={`${l.targetGroup}/trace`}>
                  <td colSpan={3} className="trace-cell">
                    <TraceList steps={l.trace} summary={`Berekening ${p.code}, ${l.targetGroupLabel}`} />
                  </td>
                </tr>,
              ])}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function Facts({ view, own }: { view: MonitorView; own: boolean }) {
  if (view.facts.length === 0 && view.previousYearPercent === null) return null;
  return (
    <section aria-labelledby="h-feiten">
      <h2 id="h-feiten">Gegevens waarmee gerekend is</h2>
      <p>
        Percentage vorig jaar (register): {view.previousYearPercent !== null ? formatPercent(view.previousYearPercent) : "niet bekend"}.
      </p>
      {view.facts.length > 0 ? (
        <table className="data">
          <caption>Feiten uit het kader</caption>
          <thead>
            <tr>
              <th scope="col">Feit</th>
              <th scope="col">Bron</th>
              <th scope="col">{own ? "Uw verklaring" : "Verklaring"}</th>
              <th scope="col">Zorgkantoor</th>
              <th scope="col">Telt mee als</th>
            </tr>
          </thead>
          <tbody>
            {view.facts.map((f) => (
              <tr key={f.id}>
                <th scope="row">
                  {f.label}
                  {f.ref ? <span className="muted"> — {f.ref}</span> : null}
                </th>
                <td>{SOURCE[f.source] ?? f.source}</td>
                <td>{f.source === "aanbieder" ? (f.declared ?? "nog niet verklaard") : "—"}</td>
                <td>
                  {f.established ? (
                    <>
                      {ESTABLISHED[f.established.kind] ?? f.established.kind}: {f.established.value}
                      {f.established.note ? <span className="muted"> ({f.established.note})</span> : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{f.used ?? "ontbreekt"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------
// Wat-als

function WhatIfSection({ page, own }: { page: MonitorPage; own: boolean }) {
  const { shape, form, whatIf } = page;
  const location = useLocation();
  const busy = useNavigation().state !== "idle";
  const errors: Errors = whatIf.state === "invalid" ? whatIf.errors : {};
  const count = Object.keys(errors).length;
  if (shape.facts.length === 0 && shape.slots.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="h-watals">
      <h2 id="h-watals">Wat als</h2>
      <p>
        Verander {own ? "uw" : "de"} verklaringen of de scores die {own ? "u verwacht" : "de aanbieder zou kunnen krijgen"}, en zie wat het tarief en het jaarbedrag dan
        worden. Er wordt niets opgeslagen of ingediend; de link van deze pagina bevat de invoer, dus u kunt hem delen.
      </p>
      <Form method="get" key={location.search} preventScrollReset noValidate aria-label="Wat als">
        <input type="hidden" name="wat-als" value="1" />
        {count > 0 ? (
          <div className="alert alert--error" role="alert">
            {count === 1 ? "Eén veld is niet goed ingevuld" : `${count} velden zijn niet goed ingevuld`}; er is niets berekend. Zie de meldingen hieronder.
            {errors._form ? <p>{errors._form}</p> : null}
          </div>
        ) : null}
        <WhatIfFields shape={shape} values={form.values} errors={errors} own={own} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Bereken wat-als
          </button>{" "}
          <Link to={location.pathname} preventScrollReset>
            Terug naar de huidige stand
          </Link>
        </div>
      </Form>
      <div aria-live="polite">
        <WhatIfResult whatIf={whatIf} />
      </div>
    </section>
  );
}

function WhatIfFields({ shape, values, errors, own }: { shape: WhatIfShape; values: Record<string, string>; errors: Errors; own: boolean }) {
  return (
    <>
      {shape.facts.length > 0 ? (
        <fieldset className="field">
          <legend>{own ? "Uw verklaringen" : "Verklaringen"}</legend>
          {shape.facts.map((f) => {
            const id = fieldId(f.param);
            const error = errors[f.param];
            const describedBy = error ? `${id}-fout` : undefined;
            return (
              <div key={f.id} className={`field${error ? " field--error" : ""}`}>
                <label htmlFor={id}>{f.label}</label>
                {f.question ? <p className="hint">{f.question}</p> : null}
                {f.type === "boolean" || f.type === "choice" ? (
                  <select id={id} name={f.param} defaultValue={values[f.param] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
                    <option value="">niet verklaard</option>
                    {(f.type === "boolean" ? ["ja", "nee"] : f.options).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    type="text"
                    name={f.param}
                    inputMode={f.type === "number" ? "decimal" : undefined}
                    className={f.type === "number" ? "short" : undefined}
                    defaultValue={values[f.param] ?? ""}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy}
                  />
                )}
                <FieldError id={`${id}-fout`} message={error} />
              </div>
            );
          })}
        </fieldset>
      ) : null}
      {shape.slots.map((slot) => (
        <SlotFieldset key={`${slot.module}/${slot.targetGroup ?? ""}`} slot={slot} values={values} errors={errors} />
      ))}
    </>
  );
}

function SlotFieldset({ slot, values, errors }: { slot: WhatIfSlot; values: Record<string, string>; errors: Errors }) {
  const fb = slot.fieldBestParam;
  const fbId = fb ? fieldId(fb) : "";
  return (
    <fieldset className="field">
      <legend>
        Verwachte scores: {slot.moduleLabel}
        {slot.targetGroupLabel ? ` — ${slot.targetGroupLabel}` : ""}
      </legend>
      <p className="hint">
        Geldt voor {slot.prestaties.join(", ")}. Kies een score per criterium, of bij alle criteria “geen plan”. Na de scoringsronde staan hier uw vastgestelde scores.
      </p>
      <ScoreSelects criteria={slot.criteria} values={values} errors={errors} emptyLabel="geen plan" idOf={fieldId} />
      {fb ? (
        <Field
          id={fbId}
          name={fb}
          label="Aangenomen beste score van het veld (punten)"
          hint="Deze module rekent relatief: uw punten tellen ten opzichte van de beste van alle aanbieders. Die beste wordt bekendgemaakt met de scoringsronde; daarna rekent de wat-als daarmee als u dit veld leeg laat. Daarvoor vult u hier een aanname in; leeg rekenen we alsof u zelf de beste bent. Er worden nooit gegevens van andere aanbieders gebruikt."
          error={errors[fb]}
          type="text"
          className="short"
          inputMode="decimal"
          defaultValue={values[fb] ?? ""}
        />
      ) : null}
    </fieldset>
  );
}

function WhatIfResult({ whatIf }: { whatIf: WhatIfView }) {
  if (whatIf.state === "none") return <p className="muted">Kies hierboven en klik op “Bereken wat-als”.</p>;
  if (whatIf.state === "invalid") return <p className="muted">Verbeter eerst de invoer; dan rekent de rekenkern de wat-als uit.</p>;
  return (
    <>
      <h3 id="h-watals-uitkomst">Uitkomst van de wat-als</h3>
      {whatIf.relativeWithoutBest.length > 0 ? (
        <p className="alert alert--warn" role="status">
          Zonder aangenomen beste van het veld rekent de wat-als voor {whatIf.relativeWithoutBest.join(", ")} alsof u de beste bent. De echte beste van het veld wordt
          gepubliceerd met de scoringsrun.
        </p>
      ) : null}
      {whatIf.yearly ? (
        <p>
          Jaarbedrag: nu {formatEuro(whatIf.yearly.current)}, met deze wat-als <strong data-watals-jaarbedrag="">{formatEuro(whatIf.yearly.whatIf)}</strong> (
          {signedEuro(whatIf.yearly.difference)}). Het jaarbedrag telt de reguliere tarieven: het register kent geen volumes per doelgroep, dus doelgroeptarieven
          veranderen het niet.
        </p>
      ) : (
        <p>Zonder volumes in het register is er geen jaarbedrag; de tarieven per eenheid staan hieronder.</p>
      )}
      <table className="data">
        <caption>Tarieven nu en met de wat-als</caption>
        <thead>
          <tr>
            <th scope="col">Prestatie</th>
            <th scope="col">Regel</th>
            <th scope="col" className="num">
              Nu
            </th>
            <th scope="col" className="num">
              Wat-als
            </th>
            <th scope="col" className="num">
              Verschil
            </th>
          </tr>
        </thead>
        <tbody>
          {whatIf.prestaties.flatMap((p) =>
            p.lines.flatMap((l) => [
              <tr key={`${l.prestatie}/${l.targetGroup ?? ""}`}>
                <th scope="row">{p.code}</th>
                <td>
                  {l.targetGroupLabel ?? "regulier"}
                  {!l.current.sameLine ? <span className="muted"> (nieuw; vergeleken met het reguliere tarief)</span> : null}
                </td>
                <td className="num">
                  {formatEuro(l.current.tariff)} <span className="muted">({formatPercent(l.current.percent)})</span>
                </td>
                <td className="num" data-watals-tarief={`${l.prestatie}/${l.targetGroup ?? ""}`}>
                  {formatEuro(l.tariff)} <span className="muted">({formatPercent(l.percent)})</span>
                </td>
                <td className="num">{signedEuro(l.difference)}</td>
              </tr>,
              <tr key={`${l.prestatie}/${l.targetGroup ?? ""}/trace`}>
                <td colSpan={5} className="trace-cell">
                  <TraceList steps={l.trace} summary={`Berekening wat-als ${p.code}${l.targetGroupLabel ? `, ${l.targetGroupLabel}` : ""}`} />
                </td>
              </tr>,
            ]),
          )}
        </tbody>
      </table>
    </>
  );
}
