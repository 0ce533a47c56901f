import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ROLE_LABEL, ROLES } from "~/auth/permissions";
import { Field, FormError, SelectField } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { listOrganisations } from "~/services/organisations.server";
import { createUser, newUserSchema } from "~/services/users.server";

export const meta: MetaFunction = () => [{ title: "Nieuw account — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "beheerder");
  return { organisations: listOrganisations().map((o) => ({ id: o.id, name: o.name, kind: o.kind })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const form = parseForm(newUserSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await createUser(actor, form.data);
  if (!result.ok) {
    const { password: _omit, ...values } = Object.fromEntries(Object.entries(form.data).map(([k, v]) => [k, String(v ?? "")]));
    return data({ errors: result.errors, values }, { status: 400 });
  }
  // The list shows what happened (read from the audit trail, see describeRecentUserAction).
  return redirect(`/beheer/gebruikers?melding=${result.id}`);
}

export default function NieuweGebruiker() {
  const { organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  const chosenRoles = (values.roles ?? "").split(/,\s*/);
  return (
    <>
      <h1>Nieuw account</h1>
      <FormError message={result ? "Het account is niet aangemaakt. Verbeter de gemarkeerde velden." : undefined} />
      <Form method="post" className="stacked" noValidate>
        <Field name="name" label="Naam" defaultValue={values.name} error={errors.name} autoComplete="off" />
        <Field name="email" label="E-mailadres" type="email" defaultValue={values.email} error={errors.email} autoComplete="off" />
        <fieldset className={`field${errors.roles ? " field--error" : ""}`} aria-describedby={errors.roles ? "rollen-fout" : undefined}>
          <legend>Rollen</legend>
          {ROLES.map((role) => (
            <label key={role} className="checkbox">
              <input type="checkbox" name="roles" value={role} defaultChecked={chosenRoles.includes(role)} /> {ROLE_LABEL[role]}
            </label>
          ))}
          {errors.roles ? (
            <p className="field-error" id="rollen-fout">
              {errors.roles}
            </p>
          ) : null}
        </fieldset>
        <SelectField
          name="organisationId"
          label="Organisatie"
          placeholder="Geen (alleen voor beheerders)"
          defaultValue={values.organisationId ?? ""}
          options={organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.kind})` }))}
          error={errors.organisationId}
        />
        <Field name="password" label="Startwachtwoord" type="password" hint="Minstens 12 tekens." error={errors.password} autoComplete="new-password" />
        <div className="actions">
          <button type="submit" className="button">
            Account aanmaken
          </button>
        </div>
      </Form>
    </>
  );
}
