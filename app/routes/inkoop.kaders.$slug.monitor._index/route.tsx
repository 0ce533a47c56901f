import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatEuro, formatPercent } from "~/lib/format";
import { BASIS_WORD } from "~/lib/computation-basis";
import { parseOverviewSort, sortProviders, type OverviewSort } from "~/services/tender/overview.server";
import { requireOverview } from "./access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Tariefoverzicht ${data?.overview.kader.title ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { overview } = requireOverview(request, params.slug ?? "");
  const sortParam = new URL(request.url).searchParams.get("sorteer");
  const sort = parseOverviewSort(sortParam, overview);
  if (!sort) throw new Response(`Onbekende sortering "${sortParam}": kies naam, agb, jaarbedrag of tarief-<prestatie>.`, { status: 400 });
  return { overview: { ...overview, providers: sortProviders(overview.providers, sort) }, sort };
}

const keyOf = (sort: OverviewSort) => (sort.descending ? "-" : "") + sort.key;

/** A column header that sorts by it (ascending first; a second click reverses), with aria-sort. */
function SortHeader({ label, sortKey, sort, numeric }: { label: string; sortKey: OverviewSort["key"]; sort: OverviewSort; numeric?: boolean }) {
  const active = sort.key === sortKey;
  const next = active && !sort.descending ? `-${sortKey}` : sortKey;
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
      <Link to={`?sorteer=${encodeURIComponent(next)}`} preventScrollReset>
        {label}
        {active ? (sort.descending ? " ▼" : " ▲") : ""}
        <span className="sr-only">{active ? (sort.descending ? " (aflopend gesorteerd)" : " (oplopend gesorteerd)") : " (sorteren)"}</span>
      </Link>
    </th>
  );
}

export default function MonitorOverview() {
  const { overview: o, sort } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${o.kader.slug}`}>← {o.kader.title}</Link>
      </p>
      <h1>Tariefoverzicht</h1>
      <p>
        {o.kader.title} · versie {o.kader.version} · kenmerk <span className="mono">{o.kader.slug}</span>
      </p>
      {o.withSubmissions ? (
        <p className="alert" data-testid="overzicht-basis">
          Tarieven op basis van de inschrijvingen en de registergegevens, zoals elke aanbieder ze in zijn monitor ziet. Na een scoringsronde staat elke aanbieder
          die de ronde bevat erin zoals de ronde zijn tarieven vaststelde, met de vastgestelde scores (kolom „Basis”: scoringsronde).
        </p>
      ) : (
        <p className="alert alert--warn" data-testid="overzicht-basis">
          Voorlopig: alleen op basis van de registergegevens. De inschrijvingen zijn nog niet geopend, dus verklaringen en plannen van aanbieders tellen hier nog niet mee.
        </p>
      )}
      <p>
        <a className="button button--secondary" href={`/inkoop/kaders/${o.kader.slug}/monitor.xlsx`}>
          Download als Excel (.xlsx)
        </a>
      </p>
      {o.providers.length === 0 ? (
        <p className="muted">Er zijn geen aanbieders in de regio&apos;s van dit kader.</p>
      ) : (
        // A column per prestatie makes the table wider than the page: it scrolls in its own box,
        // which can take keyboard focus to be scrolled without a mouse.
        <div role="region" aria-labelledby="tariefoverzicht-titel" tabIndex={0} style={{ overflowX: "auto", maxWidth: "100%", position: "relative" }}>
          <table className="data" data-testid="tariefoverzicht">
            <caption id="tariefoverzicht-titel">
              {o.providers.length} aanbieders; verwacht tarief per prestatie (percentage van het NZa-maximum) en jaarbedrag. Totaal {formatEuro(o.total)}.
            </caption>
            <thead>
              <tr>
                <SortHeader label="Aanbieder" sortKey="naam" sort={sort} />
                <SortHeader label="AGB-code" sortKey="agb" sort={sort} />
                <th scope="col">Basis</th>
                {o.prestaties.map((p) => (
                  <SortHeader key={p.code} label={p.code} sortKey={`tarief-${p.code}`} sort={sort} numeric />
                ))}
                <SortHeader label="Jaarbedrag" sortKey="jaarbedrag" sort={sort} numeric />
              </tr>
            </thead>
            <tbody>
              {o.providers.map((p) => (
                <tr key={p.providerId} data-agb={p.agbCode}>
                  <td>
                    <Link to={`/inkoop/kaders/${o.kader.slug}/monitor/${p.agbCode}`}>{p.name}</Link>
                  </td>
                  <td className="mono" style={{ whiteSpace: "nowrap" }}>
                    {p.agbCode}
                  </td>
                  <td>{BASIS_WORD[p.basis]}</td>
                  {o.prestaties.map((pr) => {
                    const cell = Object.prototype.hasOwnProperty.call(p.tariffs, pr.code) ? p.tariffs[pr.code]! : null;
                    return (
                      <td key={pr.code} className="num" data-prestatie={pr.code}>
                        {cell ? (
                          <>
                            {formatEuro(cell.tariff)}
                            <br />
                            <span className="muted">{formatPercent(cell.percent, { decimals: 2 })}</span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                    );
                  })}
                  <td className="num" data-testid="jaarbedrag">
                    {p.yearly === null ? "—" : formatEuro(p.yearly, { decimals: 2 })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">Gesorteerd op {describeSort(keyOf(sort), o.prestaties)}.</p>
    </>
  );
}

function describeSort(key: string, prestaties: { code: string; label: string }[]): string {
  const descending = key.startsWith("-");
  const k = descending ? key.slice(1) : key;
  const what = k === "naam" ? "naam" : k === "agb" ? "AGB-code" : k === "jaarbedrag" ? "jaarbedrag" : `tarief ${prestaties.find((p) => `tarief-${p.code}` === k)?.code ?? ""}`;
  return `${what}, ${descending ? "aflopend" : "oplopend"}`;
}
