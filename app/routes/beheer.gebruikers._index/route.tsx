import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { ROLE_LABEL } from "~/auth/permissions";
import { FormError } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { listUsers, setUserDisabled } from "~/services/users.server";

export const meta: MetaFunction = () => [{ title: "Gebruikers — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "beheerder");
  return { users: listUsers(), currentUserId: user.id };
}

const toggleSchema = z.object({
  userId: z.coerce.number().int().positive("Onbekend account."),
  intent: z.enum(["disable", "enable"], "Onbekende handeling."),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const form = parseForm(toggleSchema, await request.formData());
  if (!form.ok) return data({ error: Object.values(form.errors)[0] }, { status: 400 });
  const result = setUserDisabled(actor, form.data.userId, form.data.intent === "disable");
  if (!result.ok) return data({ error: result.error }, { status: 400 });
  return { error: undefined };
}

export default function Gebruikers() {
  const { users, currentUserId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Gebruikers</h1>
      <FormError message={result?.error} />
      <p>
        <Link className="button" to="/beheer/gebruikers/nieuw">
          Nieuw account
        </Link>
      </p>
      <table className="data">
        <caption>Alle accounts</caption>
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">E-mailadres</th>
            <th scope="col">Rollen</th>
            <th scope="col">Organisatie</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Handeling</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={`/beheer/gebruikers/${u.id}`}>{u.name}</Link>
              </td>
              <td>{u.email}</td>
              <td>{u.roles.map((r) => ROLE_LABEL[r]).join(", ")}</td>
              <td>{u.organisation ?? "—"}</td>
              <td>{u.disabled ? <span className="badge badge--warn">Geblokkeerd</span> : <span className="badge badge--ok">Actief</span>}</td>
              <td>
                {u.id === currentUserId ? null : (
                <Form method="post">
                  <input type="hidden" name="userId" value={u.id} />
                  <input type="hidden" name="intent" value={u.disabled ? "enable" : "disable"} />
                  <button type="submit" className="button button--secondary button--quiet">
                    {u.disabled ? "Deblokkeren" : "Blokkeren"}
                    <span className="sr-only"> {u.name}</span>
                  </button>
                </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
