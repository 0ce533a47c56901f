import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { assessorKaders } from "~/services/assessment/assessor.server";

export const meta: MetaFunction = () => [{ title: "Beoordelen — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "beoordelaar");
  return {
    organisation: user.organisation?.name ?? "",
    kaders: assessorKaders(user),
  };
}

export default function BeoordelingHome() {
  const { organisation, kaders } = useLoaderData<typeof loader>();
  const opened = kaders.filter((k) => k.opened);
  const others = kaders.filter((k) => !k.opened);
  return (
    <>
      <h1>Beoordelen</h1>
      <p>Welkom, beoordelaar van {organisation}.</p>
      <h2>Te beoordelen</h2>
      <p>
        Na de opening van de inschrijvingen wijst de inkoper u plannen toe per module en doelgroep. Per kader verklaart u eerst of u bij een aanbieder een
        belangenconflict heeft; daarna scoort u elk toegewezen plan per criterium met een motivering, onafhankelijk van de andere beoordelaars.
      </p>
      {opened.length === 0 ? (
        <p className="muted">Er zijn nog geen geopende kaders.</p>
      ) : (
        <table className="data" id="te-beoordelen">
          <thead>
            <tr>
              <th scope="col">Kader</th>
              <th scope="col">Toegewezen plannen</th>
              <th scope="col">Uw scores ingediend</th>
            </tr>
          </thead>
          <tbody>
            {opened.map((k) => (
              <tr key={k.slug}>
                <th scope="row">
                  <Link to={`/beoordeling/${k.slug}`}>{k.title}</Link> ({k.year})
                </th>
                <td>{k.declared ? k.assigned : "verklaar eerst uw belangen"}</td>
                <td>{k.declared ? k.submitted : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Kaders lezen</h2>
      <p>
        U kunt de kaders van {organisation} lezen: de regels, de modules en criteria waarop u beoordeelt, de versies, de nota&apos;s van inlichtingen en de
        vragen van aanbieders.
      </p>
      {kaders.length === 0 ? (
        <p className="muted">Er zijn nog geen kaders.</p>
      ) : (
        <ul>
          {[...opened, ...others].map((k) => (
            <li key={k.slug}>
              <Link to={`/inkoop/kaders/${k.slug}`}>{k.title}</Link> ({k.year})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
