import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { listOrganisations } from "~/services/organisations.server";
import { listUsers } from "~/services/users.server";

export const meta: MetaFunction = () => [{ title: "Beheer — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "beheerder");
  const orgs = listOrganisations();
  return {
    users: listUsers().length,
    zorgkantoren: orgs.filter((o) => o.kind === "zorgkantoor").length,
    providers: orgs.filter((o) => o.kind === "zorgaanbieder").length,
  };
}

export default function BeheerHome() {
  const counts = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Beheer</h1>
      <div className="cards">
        <section className="card" aria-labelledby="k-gebruikers">
          <h2 id="k-gebruikers">Gebruikers</h2>
          <p>{counts.users} accounts</p>
          <Link to="/beheer/gebruikers">Gebruikers beheren</Link>
        </section>
        <section className="card" aria-labelledby="k-organisaties">
          <h2 id="k-organisaties">Organisaties</h2>
          <p>
            {counts.zorgkantoren} zorgkantoor/-kantoren, {counts.providers} zorgaanbieders
          </p>
          <Link to="/beheer/organisaties">Organisaties beheren</Link>
        </section>
        <section className="card" aria-labelledby="k-audit">
          <h2 id="k-audit">Audittrail</h2>
          <p>Elke wijziging, elke login en elke geweigerde toegang, in een onveranderbare keten.</p>
          <Link to="/audit">Audittrail bekijken</Link>
        </section>
      </div>
    </>
  );
}
