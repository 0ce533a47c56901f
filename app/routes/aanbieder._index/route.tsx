import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { PHASE_LABEL } from "~/services/kaders/lifecycle";
import { currentPhase, listKadersForProvider } from "~/services/kaders/store.server";
import { getDb } from "~/services/db.server";
import { loadOwnProvider } from "~/services/organisations.server";
import { submissionSummary } from "~/services/submissions/form-page.server";

export const meta: MetaFunction = () => [{ title: "Mijn organisatie — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "zorgaanbieder");
  const provider = loadOwnProvider(user);
  const db = getDb();
  const kaders = listKadersForProvider(provider.id, db).map((k) => ({ slug: k.slug, title: k.title, year: k.year, phase: PHASE_LABEL[currentPhase(db, k)], submission: submissionSummary(user, k.slug, db) }));
  return { provider, kaders };
}

export default function AanbiederHome() {
  const { provider, kaders } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{provider.name}</h1>
      <dl className="panel facts">
        <dt>AGB-code</dt>
        <dd className="mono">{provider.agbCode}</dd>
        <dt>KvK-nummer</dt>
        <dd className="mono">{provider.kvkNumber}</dd>
        <dt>Regio&apos;s</dt>
        <dd>{provider.regions.join(", ") || "—"}</dd>
      </dl>
      <h2>Inkoopkaders voor uw regio&apos;s</h2>
      {kaders.length === 0 ? <p className="muted">Er zijn nog geen gepubliceerde kaders voor uw regio&apos;s.</p> : null}
      <ul>
        {kaders.map((k) => (
          <li key={k.slug}>
            <Link to={`/kaders/${k.slug}`}>{k.title}</Link> ({k.year}) — {k.phase}
            {k.submission ? (
              <>
                {" "}
                — inschrijving: <Link to={k.submission.href}>{k.submission.state}</Link>
              </>
            ) : null}
            {" "}
            — <Link to={`/kaders/${k.slug}/monitor`}>uw tariefmonitor</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
