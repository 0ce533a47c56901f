import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Field, FormError, SelectField } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { createRegion, listOrganisations, listRegions, regionSchema } from "~/services/organisations.server";

export const meta: MetaFunction = () => [{ title: "Organisaties — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "beheerder");
  return { organisations: listOrganisations(), regions: listRegions() };
}

/** Adds a zorgkantoorregio to a zorgkantoor. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const form = parseForm(regionSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values, saved: false }, { status: 400 });
  const result = createRegion(actor, form.data);
  if (!result.ok) return data({ errors: result.errors, values: { ...form.data, zorgkantoorId: String(form.data.zorgkantoorId) } as Record<string, string>, saved: false }, { status: 400 });
  return { errors: {}, values: {}, saved: true };
}

export default function Organisaties() {
  const { organisations, regions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  const zorgkantoren = organisations.filter((o) => o.kind === "zorgkantoor");
  return (
    <>
      <h1>Organisaties</h1>
      <p>
        <Link className="button" to="/beheer/organisaties/nieuw">
          Nieuwe organisatie
        </Link>
      </p>
      <table className="data">
        <caption>Zorgkantoren en zorgaanbieders</caption>
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">Soort</th>
            <th scope="col">AGB-code</th>
            <th scope="col">KvK-nummer</th>
            <th scope="col">Sectoren</th>
            <th scope="col">Regio&apos;s</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/beheer/organisaties/${o.id}`}>{o.name}</Link>
              </td>
              <td>{o.kind}</td>
              <td className="mono">{o.agbCode ?? "—"}</td>
              <td className="mono">{o.kvkNumber ?? "—"}</td>
              <td>{o.sectors.join(", ") || "—"}</td>
              <td>
                {o.kind === "zorgkantoor"
                  ? regions.filter((r) => r.zorgkantoorId === o.id).map((r) => r.code).join(", ")
                  : o.regions.join(", ") || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Zorgkantoorregio toevoegen</h2>
      {result?.saved ? (
        <div className="alert alert--ok" role="status">
          De regio is toegevoegd.
        </div>
      ) : null}
      <FormError message={result && !result.saved ? "De regio is niet toegevoegd. Verbeter de gemarkeerde velden." : undefined} />
      <Form method="post" className="stacked" noValidate>
        <SelectField
          name="zorgkantoorId"
          label="Zorgkantoor"
          placeholder="Kies…"
          defaultValue={values.zorgkantoorId ?? ""}
          options={zorgkantoren.map((z) => ({ value: z.id, label: z.name }))}
          error={errors.zorgkantoorId}
        />
        <Field name="code" label="Regiocode" hint="Bijvoorbeeld DEMO-O." defaultValue={values.code} error={errors.code} />
        <Field name="name" label="Naam" defaultValue={values.name} error={errors.name} />
        <button type="submit" className="button">
          Regio toevoegen
        </button>
      </Form>
    </>
  );
}
