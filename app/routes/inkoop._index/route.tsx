import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Field, FormError } from "~/components/field";
import { formatDateTime } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { PHASE_LABEL } from "~/services/kaders/lifecycle";
import { createScopedKader, currentPhase, kaderSlugPrefix, listKadersForZorgkantoor, newKaderSchema } from "~/services/kaders/store.server";
import { getDb } from "~/services/db.server";

export const meta: MetaFunction = () => [{ title: "Inkoop — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const db = getDb();
  const kaders = listKadersForZorgkantoor(user.organisation!.id, db).map((k) => ({
    slug: k.slug,
    title: k.title,
    year: k.year,
    phase: PHASE_LABEL[currentPhase(db, k)],
    draftUpdatedAt: k.draftUpdatedAt.toISOString(),
  }));
  return { organisation: user.organisation?.name ?? "", slugPrefix: kaderSlugPrefix(user.organisation!.id), kaders };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const form = parseForm(newKaderSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = createScopedKader(user, form.data);
  if (!result.ok) return data({ errors: result.errors, values: { slug: form.data.slug, title: form.data.title, year: String(form.data.year) } }, { status: 400 });
  return redirect(`/inkoop/kaders/${result.slug}`);
}

export default function InkoopHome() {
  const { organisation, slugPrefix, kaders } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  return (
    <>
      <h1>Inkoop</h1>
      <p>
        {organisation}: stel inkoopkaders op, probeer ze uit, publiceer ze en beantwoord vragen. Eerst nodig: een{" "}
        <Link to="/inkoop/tarieven">tarieftabel</Link> en het <Link to="/inkoop/register">aanbiedersregister</Link>; voor de reële-tarieventoets de{" "}
        <Link to="/inkoop/jaarrekeningen">jaarrekeningen</Link> van de aanbieders.
      </p>
      <h2>Inkoopkaders</h2>
      {kaders.length === 0 ? (
        <p className="muted">Nog geen kaders.</p>
      ) : (
        <table className="data">
          <caption className="sr-only">Inkoopkaders</caption>
          <thead>
            <tr>
              <th scope="col">Titel</th>
              <th scope="col">Jaar</th>
              <th scope="col">Fase</th>
              <th scope="col">Concept bijgewerkt</th>
            </tr>
          </thead>
          <tbody>
            {kaders.map((k) => (
              <tr key={k.slug}>
                <td>
                  <Link to={`/inkoop/kaders/${k.slug}`}>{k.title}</Link>
                </td>
                <td>{k.year}</td>
                <td>{k.phase}</td>
                <td>{formatDateTime(k.draftUpdatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Nieuw kader</h2>
      <FormError message={errors._form} />
      <Form method="post" className="stacked panel" noValidate>
        <Field name="title" label="Titel" defaultValue={values.title} error={errors.title} />
        <Field name="slug" label="Kenmerk" hint={`Kleine letters, cijfers en streepjes; vast na aanmaken, bijvoorbeeld vv-2027. Het adres van het kader wordt ${slugPrefix}vv-2027.`} defaultValue={values.slug} error={errors.slug} />
        <Field name="year" label="Jaar" inputMode="numeric" defaultValue={values.year} error={errors.year} />
        <button type="submit" className="button">
          Kader aanmaken
        </button>
      </Form>
    </>
  );
}
