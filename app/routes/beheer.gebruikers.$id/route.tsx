import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { ROLE_LABEL, ROLES } from "~/auth/permissions";
import { Field, FormError, SelectField } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { listOrganisations } from "~/services/organisations.server";
import { editUserSchema, loadUser, updateUser } from "~/services/users.server";

export const meta: MetaFunction = () => [{ title: "Account wijzigen — Zorginkoop" }];

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

function requireUserId(params: unknown): number {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Niet gevonden", { status: 404 });
  return parsed.data.id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "beheerder");
  const user = loadUser(requireUserId(params));
  if (!user) throw new Response("Niet gevonden", { status: 404 });
  return { user, organisations: listOrganisations().map((o) => ({ id: o.id, name: o.name, kind: o.kind })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const userId = requireUserId(params);
  const form = parseForm(editUserSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await updateUser(actor, userId, form.data);
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  // The list shows what happened, sessions ended or not (read from the audit trail).
  return redirect(`/beheer/gebruikers?melding=${userId}`);
}

export default function GebruikerWijzigen() {
  const { user, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/beheer/gebruikers">← Gebruikers</Link>
      </p>
      <h1>Account wijzigen: {user.email}</h1>
      <p>Wijzigt u rollen, organisatie of wachtwoord, dan worden de sessies van dit account beëindigd; de nieuwe rechten gelden na opnieuw inloggen.</p>
      <FormError message={errors._form ?? (result ? "Het account is niet gewijzigd. Verbeter de gemarkeerde velden." : undefined)} />
      <Form method="post" className="stacked" noValidate>
        <Field name="name" label="Naam" defaultValue={user.name} error={errors.name} autoComplete="off" />
        <fieldset className={`field${errors.roles ? " field--error" : ""}`}>
          <legend>Rollen</legend>
          {ROLES.map((role) => (
            <label key={role} className="checkbox">
              <input type="checkbox" name="roles" value={role} defaultChecked={user.roles.includes(role)} /> {ROLE_LABEL[role]}
            </label>
          ))}
          {errors.roles ? <p className="field-error">{errors.roles}</p> : null}
        </fieldset>
        <SelectField
          name="organisationId"
          label="Organisatie"
          placeholder="Geen (alleen voor beheerders)"
          defaultValue={user.organisationId ?? ""}
          options={organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.kind})` }))}
          error={errors.organisationId}
        />
        <Field name="password" label="Nieuw wachtwoord (optioneel)" type="password" hint="Leeg laten om het wachtwoord te houden; anders minstens 12 tekens." error={errors.password} autoComplete="new-password" />
        <div className="actions">
          <button type="submit" className="button">
            Wijzigingen bewaren
          </button>
        </div>
      </Form>
    </>
  );
}
