import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Inkoop — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  return { organisation: user.organisation?.name ?? "" };
}

export default function InkoopHome() {
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Inkoop</h1>
      <p>
        Welkom bij {organisation}. Hier stelt u inkoopkaders op, publiceert u ze en volgt u de beoordeling en de
        budgetimpact.
      </p>
    </>
  );
}
