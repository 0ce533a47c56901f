import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { formatDateTime } from "~/lib/dates";
import { loadLastHeadExport } from "~/services/audit-log.server";
import { juristKaders } from "~/services/award/pages.server";
import { getDb } from "~/services/db.server";

export const meta: MetaFunction = () => [{ title: "Juridisch — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "jurist");
  const kaders = user.organisation?.kind === "zorgkantoor" ? juristKaders(getDb(), user.organisation.id) : [];
  return { organisation: user.organisation?.name ?? "", headExport: loadLastHeadExport(), kaders };
}

const EXPORT_REASON = new Map([
  ["start", "bij het starten"],
  ["hourly", "elk uur"],
  ["kader.gesloten", "bij het sluiten van een kader"],
]);

export default function JuridischHome() {
  const { organisation, headExport, kaders } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Juridisch</h1>
      <p>Welkom, jurist van {organisation}.</p>
      <p>
        Wat u hier kunt doen: gunningsbesluiten toetsen, per kader en per besluit, met de consistentiecontroles (berekend uit de opgeslagen scoringsronde en de
        vastgestelde scores), de brief (als tekst en als PDF) en de geschiedenis van het besluit uit de audittrail; een besluit goedkeuren of met een opmerking
        terugsturen naar de inkoper. Een besluit met een falende controle kan niet worden goedgekeurd, en niemand keurt een besluit goed dat hij zelf voorbereidde.
        Verder raadpleegt u de audittrail, met elke wijziging en elke geweigerde poging in woorden, gefilterd op kader, aanbieder, persoon, soort en periode, als
        CSV, en gaat u na dat de keten van hashes klopt.
      </p>
      <section aria-labelledby="besluiten">
        <h2 id="besluiten">Gunningsbesluiten</h2>
        {kaders.length === 0 ? (
          <p className="muted">Er zijn nog geen gunningsbesluiten voorbereid.</p>
        ) : (
          <ul>
            {kaders.map((k) => (
              <li key={k.slug}>
                <Link to={`/juridisch/kaders/${k.slug}/besluiten`}>{k.title}</Link>: {k.total} {k.total === 1 ? "besluit" : "besluiten"}, {k.underReview} ter toetsing
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        Bezwaren behandelt u per jaar en per kader: tegen het basistarief (de jaarlijkse bezwaarmogelijkheid) en tegen een gunningsbesluit (binnen de
        opschortende termijn van 20 kalenderdagen). U neemt een bezwaar in behandeling en beslist gemotiveerd: gegrond, deels gegrond of ongegrond. De
        aanbieder leest uw antwoord bij zijn bezwaar. Is een bezwaar tegen een besluit (deels) gegrond, dan bereidt de inkoper na een correctieronde een
        gecorrigeerd besluit voor; dat toetst u hier opnieuw voordat het wordt verzonden. Definitief gunnen doet de inkoper pas na de termijn, zonder open
        bezwaren en zonder gecorrigeerde besluiten die nog verzonden moeten worden.
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
