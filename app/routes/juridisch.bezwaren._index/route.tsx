import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { formatDate, formatDateTime } from "~/lib/dates";
import { OBJECTION_STATE_LABEL } from "~/lib/objections";
import { getDb } from "~/services/db.server";
import { staffObjectionsByYear } from "~/services/objections/objections.server";

export const meta: MetaFunction = () => [{ title: "Bezwaren — Zorginkoop" }];

/** Per year and kader of the jurist's own zorgkantoor: every objection, both kinds. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "jurist");
  return data({ years: staffObjectionsByYear(getDb(), user) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function StaffObjections() {
  const { years } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/juridisch">← Juridisch</Link>
      </p>
      <h1>Bezwaren</h1>
      <p>
        Per jaar en per kader de bezwaren van zorgaanbieders: tegen het basistarief (de jaarlijkse bezwaarmogelijkheid, zes weken vanaf de publicatie van
        het basistarief) en tegen een gunningsbesluit (binnen de opschortende termijn). Open een bezwaar om het in behandeling te nemen en gemotiveerd
        te beslissen.
      </p>
      {years.length === 0 ? <p>Uw zorgkantoor heeft nog geen gepubliceerde kaders.</p> : null}
      {years.map((y) => (
        <section key={y.year} aria-labelledby={`h-jaar-${y.year}`}>
          <h2 id={`h-jaar-${y.year}`}>{y.year}</h2>
          {y.kaders.map((k) => (
            <section key={k.kader.slug} aria-labelledby={`h-kader-${k.kader.slug}`} className="panel">
              <h3 id={`h-kader-${k.kader.slug}`}>
                {k.kader.title} <span className="mono">({k.kader.slug})</span>
              </h3>
              <p>
                {k.period
                  ? `Termijn voor bezwaar tegen het basistarief: ${formatDateTime(k.period.startsAt)} tot en met ${formatDate(k.period.lastDay)}${k.period.open ? " (open)" : " (verstreken)"}.`
                  : "Nog geen gepubliceerd basistarief."}
              </p>
              {k.objections.length === 0 ? (
                <p>Geen bezwaren.</p>
              ) : (
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Nummer</th>
                      <th scope="col">Aanbieder</th>
                      <th scope="col">Soort</th>
                      <th scope="col">Ingediend</th>
                      <th scope="col">Stand</th>
                    </tr>
                  </thead>
                  <tbody>
                    {k.objections.map((o) => (
                      <tr key={o.id}>
                        <td>
                          <Link to={`/juridisch/bezwaren/${o.id}`}>Bezwaar {o.id}</Link>
                        </td>
                        <td>{o.providerName}</td>
                        <td>{o.kindLabel}</td>
                        <td>{formatDateTime(o.filedAt)}</td>
                        <td>{OBJECTION_STATE_LABEL[o.state]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ))}
        </section>
      ))}
    </>
  );
}
