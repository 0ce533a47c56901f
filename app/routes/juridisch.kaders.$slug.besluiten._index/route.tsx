import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { requireAwardStaff } from "~/services/award/access.server";
import { juristQueue } from "~/services/award/pages.server";
import { getDb } from "~/services/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Gunningsbesluiten ${data?.kader.title ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "jurist");
  const kader = requireAwardStaff(request, user, params.slug ?? "", ["jurist"]);
  return { kader: { slug: kader.slug, title: kader.title }, queue: juristQueue(getDb(), kader) };
}

export default function DecisionQueue() {
  const { kader, queue } = useLoaderData<typeof loader>();
  const waiting = queue.filter((q) => q.state === "ter_toetsing").length;
  return (
    <>
      <p>
        <Link to="/juridisch">← Juridisch</Link>
      </p>
      <h1>Gunningsbesluiten</h1>
      <p>
        {kader.title} · kenmerk <span className="mono">{kader.slug}</span>
      </p>
      <p>
        {waiting === 0 ? "Er wacht geen besluit op uw toetsing." : `${waiting} ${waiting === 1 ? "besluit wacht" : "besluiten wachten"} op uw toetsing.`} Per besluit ziet u de
        consistentiecontroles, berekend uit de opgeslagen scoringsronde en de vastgestelde scores; een besluit met een falende controle kan niet worden goedgekeurd.
      </p>
      {queue.length === 0 ? (
        <p className="muted">Er zijn voor dit kader nog geen besluiten voorbereid.</p>
      ) : (
        <table className="data">
          <caption className="sr-only">Besluiten van dit kader</caption>
          <thead>
            <tr>
              <th scope="col">Aanbieder</th>
              <th scope="col">Uitkomst</th>
              <th scope="col">Status</th>
              <th scope="col">Controles</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((q) => (
              <tr key={q.id}>
                <td>
                  <Link to={`/juridisch/kaders/${kader.slug}/besluiten/${q.id}`}>{q.provider}</Link> <span className="mono muted">{q.agbCode}</span>
                </td>
                <td>{q.contracted ? "Gecontracteerd" : "Niet gecontracteerd"}</td>
                <td>{q.stateLabel}</td>
                <td>
                  {q.failing > 0 ? (
                    <span className="badge badge--warn">{q.failing === 1 ? "1 controle faalt" : `${q.failing} controles falen`}</span>
                  ) : (
                    <span className="badge badge--ok">Alle controles kloppen</span>
                  )}
                  {q.warnings > 0 ? <span className="badge badge--muted">{q.warnings === 1 ? "1 waarschuwing" : `${q.warnings} waarschuwingen`}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
