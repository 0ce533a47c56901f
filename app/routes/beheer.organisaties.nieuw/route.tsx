import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Field, FormError } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { SECTOR_LABEL, SECTORS } from "~/lib/sectors";
import { createOrganisation, listRegions, organisationSchema } from "~/services/organisations.server";

export const meta: MetaFunction = () => [{ title: "Nieuwe organisatie — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "beheerder");
  return { regions: listRegions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const form = parseForm(organisationSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = createOrganisation(actor, form.data);
  if (!result.ok) return data({ errors: result.errors, values: Object.fromEntries(Object.entries(form.data).map(([k, v]) => [k, String(v)])) }, { status: 400 });
  return redirect("/beheer/organisaties");
}

export default function NieuweOrganisatie() {
  const { regions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  const chosen = (key: string) => (values[key] ?? "").split(/,\s*/);
  return (
    <>
      <h1>Nieuwe organisatie</h1>
      <FormError message={result ? "De organisatie is niet aangemaakt. Verbeter de gemarkeerde velden." : undefined} />
      <Form method="post" className="stacked" noValidate>
        <fieldset className={`field${errors.kind ? " field--error" : ""}`}>
          <legend>Soort organisatie</legend>
          <label className="checkbox">
            <input type="radio" name="kind" value="zorgaanbieder" defaultChecked={values.kind !== "zorgkantoor"} /> Zorgaanbieder
          </label>
          <label className="checkbox">
            <input type="radio" name="kind" value="zorgkantoor" defaultChecked={values.kind === "zorgkantoor"} /> Zorgkantoor
          </label>
          {errors.kind ? <p className="field-error">{errors.kind}</p> : null}
        </fieldset>
        <Field name="name" label="Naam" defaultValue={values.name} error={errors.name} />
        <Field name="agbCode" label="AGB-code (zorgaanbieder)" hint="8 cijfers." inputMode="numeric" defaultValue={values.agbCode} error={errors.agbCode} />
        <Field name="kvkNumber" label="KvK-nummer (zorgaanbieder)" hint="8 cijfers." inputMode="numeric" defaultValue={values.kvkNumber} error={errors.kvkNumber} />
        <fieldset className={`field${errors.sectors ? " field--error" : ""}`}>
          <legend>Sectoren (zorgaanbieder)</legend>
          {SECTORS.map((s) => (
            <label key={s} className="checkbox">
              <input type="checkbox" name="sectors" value={s} defaultChecked={chosen("sectors").includes(s)} /> {SECTOR_LABEL[s]}
            </label>
          ))}
          {errors.sectors ? <p className="field-error">{errors.sectors}</p> : null}
        </fieldset>
        <fieldset className={`field${errors.regionIds ? " field--error" : ""}`}>
          <legend>Regio&apos;s (zorgaanbieder)</legend>
          {regions.map((r) => (
            <label key={r.id} className="checkbox">
              <input type="checkbox" name="regionIds" value={r.id} defaultChecked={chosen("regionIds").includes(String(r.id))} /> {r.name} ({r.code})
            </label>
          ))}
          {errors.regionIds ? <p className="field-error">{errors.regionIds}</p> : null}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            Organisatie aanmaken
          </button>
        </div>
      </Form>
    </>
  );
}
