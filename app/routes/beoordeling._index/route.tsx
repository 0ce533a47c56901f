import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { listKadersForZorgkantoor } from "~/services/kaders/store.server";

export const meta: MetaFunction = () => [{ title: "Beoordelen — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "beoordelaar");
  const kaders = user.organisation ? listKadersForZorgkantoor(user.organisation.id) : [];
  return { organisation: user.organisation?.name ?? "", kaders: kaders.map((k) => ({ slug: k.slug, title: k.title, year: k.year })) };
}

export default function BeoordelingHome() {
  const { organisation, kaders } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Beoordelen</h1>
      <p>Welkom, beoordelaar van {organisation}.</p>
      <h2>Wat u hier nu kunt doen</h2>
      <p>U kunt de kaders van {organisation} lezen: de regels, de modules en criteria waarop u straks beoordeelt, de versies, de nota&apos;s van inlichtingen en de vragen van aanbieders. U kunt er niets in wijzigen.</p>
      {kaders.length === 0 ? (
        <p className="muted">Er zijn nog geen kaders.</p>
      ) : (
        <ul>
          {kaders.map((k) => (
            <li key={k.slug}>
              <Link to={`/inkoop/kaders/${k.slug}`}>{k.title}</Link> ({k.year})
            </li>
          ))}
        </ul>
      )}
      <h2>Wat nog komt</h2>
      <p>
        Plannen beoordelen kan nog niet: het indienen van plannen door aanbieders en het scoren ervan zijn nog niet gebouwd. Zodra dat klaar is, ziet u hier na
        de sluitingstermijn de plannen die aan u zijn toegewezen en geeft u per criterium een score met een motivering.
      </p>
    </>
  );
}
