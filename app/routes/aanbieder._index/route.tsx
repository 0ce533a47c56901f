import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { loadOwnProvider } from "~/services/organisations.server";

export const meta: MetaFunction = () => [{ title: "Mijn organisatie — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "zorgaanbieder");
  return { provider: loadOwnProvider(user) };
}

export default function AanbiederHome() {
  const { provider } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{provider.name}</h1>
      <dl className="panel">
        <dt>AGB-code</dt>
        <dd className="mono">{provider.agbCode}</dd>
        <dt>KvK-nummer</dt>
        <dd className="mono">{provider.kvkNumber}</dd>
        <dt>Regio&apos;s</dt>
        <dd>{provider.regions.join(", ") || "—"}</dd>
      </dl>
      <p>Hier dient u uw plannen in, ziet u uw tariefmonitor en ontvangt u uw gunningsbrief.</p>
    </>
  );
}
