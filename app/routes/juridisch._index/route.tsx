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
      <p>Welkom, jurist van {organisation}. Hier beoordeelt u gunningsmotiveringen en raadpleegt u de audittrail.</p>
      <p>
        <Link to="/audit">Naar de audittrail</Link>
      </p>
    </>
  );
}
