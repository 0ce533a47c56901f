import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { formatDateTime } from "~/lib/dates";
import { loadLastHeadExport } from "~/services/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Juridisch — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "jurist");
  return { organisation: user.organisation?.name ?? "", headExport: loadLastHeadExport() };
}

const EXPORT_REASON = new Map([
  ["start", "bij het starten"],
  ["hourly", "elk uur"],
  ["kader.gesloten", "bij het sluiten van een kader"],
]);

export default function JuridischHome() {
  const { organisation, headExport } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Juridisch</h1>
      <p>Welkom, jurist van {organisation}.</p>
      <p>
        Wat u hier nu kunt doen: de audittrail raadplegen, met elke wijziging en elke geweigerde poging in woorden, filteren op kader, aanbieder, persoon,
        soort en periode, exporteren als CSV, en nagaan dat de keten van hashes klopt. De kaders van uw zorgkantoor leest u op hun kaderpagina, met alle
        versies en nota&apos;s van inlichtingen.
      </p>
      <p>
        Wat nog komt: gunningsbesluiten toetsen, met per besluit de consistentiecontroles, en bezwaren tegen een gunningsbesluit behandelen. Dat kan nog niet: de besluiten
        zelf worden nog gebouwd. Zodra dat er is, toetst u hier per besluit de motivering voordat de brief verstuurd kan worden.
      </p>
      <p>
        Bezwaren tegen het basistarief (de jaarlijkse bezwaarmogelijkheid per kader) behandelt u nu al: per jaar en per kader, in behandeling nemen en
        gemotiveerd beslissen (gegrond, deels gegrond of ongegrond). De aanbieder leest uw antwoord bij zijn bezwaar.
      </p>
      <p>
        <Link to="/juridisch/bezwaren">Naar de bezwaren</Link> · <Link to="/audit">Naar de audittrail</Link>
      </p>
      <HeadExportSection headExport={headExport} />
    </>
  );
}

/** The last export of the audit chain's head outside the database (kept apart from the text above). */
function HeadExportSection({ headExport }: { headExport: { at: string; seq: number; hash: string; reason: string } | null }) {
  return (
    <section aria-labelledby="keten-export">
      <h2 id="keten-export">Export van de auditketen</h2>
      <p>
        Het platform schrijft de laatste hash van de auditketen buiten de database weg: bij het starten, elk uur en bij het sluiten van elk kader.
        Een later herberekende keten sluit dan niet meer aan op die export; <span className="mono">npm run audit:verify</span> controleert dat.
      </p>
      {headExport ? (
        <dl>
          <dt>Laatste export</dt>
          <dd>
            {formatDateTime(headExport.at)} ({EXPORT_REASON.get(headExport.reason) ?? headExport.reason})
          </dd>
          <dt>Tot en met gebeurtenis</dt>
          <dd>{headExport.seq}</dd>
          <dt>Hash</dt>
          <dd className="mono">{headExport.hash}</dd>
        </dl>
      ) : (
        <p>Er is nog geen export gemaakt.</p>
      )}
    </section>
  );
}
