import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Juridisch — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "jurist");
  return { organisation: user.organisation?.name ?? "" };
}

export default function JuridischHome() {
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Juridisch</h1>
      <p>Welkom, jurist van {organisation}.</p>
      <p>
        Wat u hier nu kunt doen: de audittrail raadplegen, met elke wijziging en elke geweigerde poging, en nagaan dat de keten van hashes klopt. De kaders van
        uw zorgkantoor leest u op hun kaderpagina, met alle versies en nota&apos;s van inlichtingen.
      </p>
      <p>
        Wat nog komt: gunningsmotiveringen beoordelen. Dat kan nog niet, omdat het indienen en beoordelen van plannen nog niet is gebouwd; zodra dat er is,
        beoordeelt u hier per gunning de motivering.
      </p>
      <p>
        <Link to="/audit">Naar de audittrail</Link>
      </p>
    </>
  );
}
