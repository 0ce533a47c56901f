// The preview's "Reële-tarieventoets" section (issue 13): the assumptions as GET fields of the
// page's form (works without script), the outcome in words, the break-even percentage, the chart
// and the per-provider table. Everything shown comes from the service's view model.
import { Link, useNavigation } from "@remix-run/react";
import { BreakevenChart } from "~/components/breakeven-chart";
import { TraceList } from "~/components/trace-list";
import { formatEuro, formatPercent } from "~/lib/format";
import type { PreviewBreakeven } from "~/services/kaders/breakeven.server";

type Props = { data: PreviewBreakeven };

const pct = (v: string, decimals = 2) => formatPercent(v, { decimals });
/** The assumptions as the kader page's query, so that its publish form starts from them. */
const publishQuery = (data: PreviewBreakeven) =>
  new URLSearchParams(Object.entries(data.names).map(([key, name]) => [name, data.form[key as keyof typeof data.form]])).toString();
const thresholdText = (v: string) => formatPercent(v, { decimals: /\.\d/.test(v) ? 2 : 0 });

export function BreakevenSection({ data }: Props) {
  const { form, names, view } = data;
  const errors: Record<string, string | undefined> = view.state === "assumptionErrors" ? view.errors : {};
  const busy = useNavigation().state !== "idle";
  const field = (key: keyof typeof names, label: string, hint: string) => {
    const name = names[key];
    const id = `veld-${name}`;
    return (
      <div className={`field${errors[name] ? " field--error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
        <input
          id={id}
          type="text"
          className="short"
          inputMode="decimal"
          name={name}
          defaultValue={form[key]}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={`${id}-hint${errors[name] ? ` fout-${name}` : ""}`}
        />
        {errors[name] ? (
          <p className="field-error" id={`fout-${name}`}>
            {errors[name]}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <section className="panel" aria-labelledby="h-rtt">
      <h2 id="h-rtt">Reële-tarieventoets</h2>
      <p className="preview-lead">
        Halen aanbieders met samen minstens de drempel van de Wlz-omzet in de sector bij dit basistarief ten minste een break-evenresultaat, financiering
        meegerekend? Per aanbieder: de Wlz-omzet tegen de tarieven van het kader (met de rekenkern uit de volumes in het register), de overige omzet, de kosten uit de
        jaarrekening (geïndexeerd) en het financieel resultaat. De methode staat in <code>docs/spec/breakeven.md</code>.
      </p>
      <div className="preview-grid">
        <div>
          <h3>Uitgangspunten</h3>
          {Object.keys(errors).length > 0 ? (
            <div className="alert alert--error" role="alert">
              {Object.keys(errors).length === 1 ? "Eén uitgangspunt is niet goed ingevuld" : `${Object.keys(errors).length} uitgangspunten zijn niet goed ingevuld`}; zie de
              meldingen hieronder.
            </div>
          ) : null}
          {field("costIndexation", "Kostenindexatie (%)", "Verwachte stijging van de kosten van het jaar van de jaarrekening tot het jaar van het kader.")}
          {field("volumeChange", "Volumewijziging (%)", "Verwachte wijziging van de productie; geldt voor omzet en kosten.")}
          <div className={`field${errors[names.opslagen] ? " field--error" : ""}`}>
            <label htmlFor={`veld-${names.opslagen}`}>Opslagen die meetellen</label>
            <select id={`veld-${names.opslagen}`} name={names.opslagen} defaultValue={form.opslagen} aria-invalid={errors[names.opslagen] ? true : undefined}>
              {data.opslagen.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {errors[names.opslagen] ? <p className="field-error">{errors[names.opslagen]}</p> : null}
          </div>
          {field("threshold", "Drempel (% van de omzet)", "Standaard 75 %, naar de uitspraak van het Hof Den Haag (ECLI:NL:GHDHA:2024:199).")}
          <button type="submit" className="button" disabled={busy}>
            Toets berekenen
          </button>
        </div>
        <div aria-live="polite">
          <BreakevenResult data={data} />
        </div>
      </div>
    </section>
  );
}

function BreakevenResult({ data }: Props) {
  const { view } = data;
  if (view.state === "assumptionErrors") return <p className="muted">Verbeter eerst de uitgangspunten; dan rekent de rekenkern de toets uit.</p>;
  if (view.state === "noAccounts")
    return (
      <div className="alert alert--warn" role="status">
        Er zijn nog geen jaarrekeningen ingelezen voor {view.kaderYear} of een eerder jaar, dus de toets kan niet worden berekend.{" "}
        <Link to="/inkoop/jaarrekeningen">Jaarrekeningen inlezen</Link>
      </div>
    );
  if (view.state === "noProviders")
    return (
      <div className="alert alert--warn" role="status">
        Geen enkele aanbieder in het register van de regio&apos;s van dit kader heeft zowel volumes als een ingelezen jaarrekening.{" "}
        <Link to="/inkoop/jaarrekeningen">Naar de jaarrekeningen</Link>
      </div>
    );
  if (view.state === "invalid")
    return (
      <div className="alert alert--error" role="alert">
        <p>De toets kan niet worden berekend:</p>
        <ul>
          {view.issues.slice(0, 10).map((i, n) => (
            <li key={n}>
              <strong>{i.where}</strong>: {i.message}
            </li>
          ))}
        </ul>
      </div>
    );
  const a = view.accounts;
  return (
    <>
      <div className={`alert ${view.passes ? "alert--ok" : "alert--error"}`} role="status" data-testid="rtt-uitkomst">
        <p>
          <strong>{view.passes ? "Geslaagd" : "Niet geslaagd"}:</strong> aanbieders met {pct(view.share)} van de omzet halen minstens break-even; drempel{" "}
          {thresholdText(view.threshold)}.
        </p>
        <p data-testid="rtt-break-even">
          {view.breakEven === null
            ? `Ook bij het hoogste basistarief (${pct(view.searchTo)}) wordt de drempel niet gehaald.`
            : `Het basistarief moet minstens ${pct(view.breakEven)} zijn (het kader: ${formatPercent(view.basistarief)}).`}
        </p>
      </div>
      <p>
        <Link to={`/inkoop/kaders/${data.slug}?${publishQuery(data)}#h-publish`}>Publiceren met deze uitgangspunten</Link>
      </p>
      <p className="muted">
        Drempel: <a href={view.ruling.url}>{view.ruling.ref}</a>. {view.ruling.text}
      </p>
      <p>
        Jaarrekeningen {a.year}
        {a.year !== a.kaderYear ? ` (de laatste vóór ${a.kaderYear}; voor ${a.kaderYear} zelf is niets ingelezen)` : ""}, versie {a.version}
        {a.illustrative ? ", illustratieve cijfers" : ""}. <Link to="/inkoop/jaarrekeningen">Jaarrekeningen</Link>
      </p>
      <BreakevenChart
        id="rtt-grafiek"
        title="Aandeel in de omzet dat minstens break-even draait, tegen het basistarief"
        curve={view.curve}
        own={{ percent: view.basistarief, share: view.share }}
        threshold={view.threshold}
        breakEven={view.breakEven}
      />
      <table className="data result-table">
        <caption>Per aanbieder bij {formatPercent(view.basistarief)}</caption>
        <thead>
          <tr>
            <th scope="col">Aanbieder</th>
            <th scope="col">Methode</th>
            <th scope="col" className="num">
              Wlz-omzet (jaarrekening)
            </th>
            <th scope="col" className="num">
              Resultaat
            </th>
            <th scope="col">Break-even</th>
          </tr>
        </thead>
        <tbody>
          {view.providers.map((p) => (
            <tr key={p.agbCode}>
              <th scope="row">
                {p.name} <span className="agb muted">AGB {p.agbCode}</span>
                <TraceList steps={p.trace.map((s) => ({ text: s.text, ref: null }))} />
              </th>
              <td>{p.method === "engine" ? "rekenkern (volumes)" : "geschaald uit de jaarrekening"}</td>
              <td className="num">{formatEuro(p.weight)}</td>
              <td className="num">{formatEuro(p.result)}</td>
              <td>{p.passes ? "ja" : "nee"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.withoutAccounts.length > 0 ? (
        <p>
          Zonder jaarrekening (niet meegeteld): {view.withoutAccounts.map((p) => `${p.name} (AGB ${p.agbCode})`).join(", ")}.{" "}
          <Link to="/inkoop/jaarrekeningen">Jaarrekeningen inlezen</Link>
        </p>
      ) : null}
      {view.withoutVolumes.length > 0 ? <p>Zonder volumes in het register (niet meegeteld): {view.withoutVolumes.map((p) => `${p.name} (AGB ${p.agbCode})`).join(", ")}.</p> : null}
    </>
  );
}
