import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Beoordelen — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "beoordelaar");
  return { organisation: user.organisation?.name ?? "" };
}

export default function BeoordelingHome() {
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Beoordelen</h1>
      <p>Welkom, beoordelaar van {organisation}. Plannen die aan u zijn toegewezen verschijnen hier na de sluitingstermijn.</p>
      <p className="muted">Er zijn nog geen plannen aan u toegewezen.</p>
    </>
  );
}
