import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { formatDateTime } from "~/lib/dates";
import { loadAuditPage } from "~/services/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Audittrail — Zorginkoop" }];

const querySchema = z.object({ voor: z.coerce.number().int().positive().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["jurist", "beheerder"]);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Ongeldige paginering", { status: 400 });
  return loadAuditPage(user, query.data.voor ?? null);
}

export default function Audit() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audittrail</h1>
      {page.scope === "organisatie" ? (
        <p>
          U ziet de {page.total} gebeurtenissen die uw organisatie betreffen. Medewerkers van andere organisaties staan er met hun rol, zonder naam,
          e-mail- of IP-adres; wie een vraag stelde, blijft afgeschermd. De controle hieronder geldt voor de hele keten.
        </p>
      ) : null}
      {page.verdict.ok ? (
        <div className="alert alert--ok" role="status">
          {page.scope === "alles" ? `De keten van ${page.total} gebeurtenissen is intact.` : "De hele keten is intact."} Laatste hash:{" "}
          <span className="mono">{page.verdict.head}</span>
        </div>
      ) : (
        <div className="alert alert--error" role="alert">
          De keten is verbroken bij gebeurtenis {page.verdict.firstBadSeq}
          {page.verdict.reason ? `: ${page.verdict.reason}` : "."}
        </div>
      )}
      <table className="data">
        <caption>Gebeurtenissen, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Nr.</th>
            <th scope="col">Tijd</th>
            <th scope="col">Wie</th>
            <th scope="col">Handeling</th>
            <th scope="col">Object</th>
            <th scope="col">Gegevens</th>
          </tr>
        </thead>
        <tbody>
          {page.events.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td className="mono">{e.action}</td>
              <td>{e.entity}</td>
              <td className="mono">{e.payload}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextBefore ? <Link to={`?voor=${page.nextBefore}`}>Oudere gebeurtenissen</Link> : null}
    </>
  );
}
