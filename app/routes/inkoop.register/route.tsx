import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { Field } from "~/components/field";
import { ImportErrors } from "~/components/import-errors";
import { formatNumber, formatPercent } from "~/lib/format";
import { readImportForm } from "~/lib/upload.server";
import { listRegions } from "~/services/organisations.server";
import { importProviderRegistry, registeredProviders } from "~/services/registry.server";
import { getDb } from "~/services/db.server";

export const meta: MetaFunction = () => [{ title: "Aanbiedersregister — Zorginkoop" }];

const yearSchema = z.coerce.number({ error: "Vul een jaar in." }).int("Vul een jaar in.").min(2020, "Kies een jaar vanaf 2020.").max(2100, "Kies een jaar tot 2100.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const url = new URL(request.url);
  const year = yearSchema.safeParse(url.searchParams.get("jaar") ?? new Date().getFullYear() + 1);
  const zorgkantoorId = user.organisation!.id;
  const regionIds = listRegions().filter((r) => r.zorgkantoorId === zorgkantoorId).map((r) => r.id);
  const shownYear = year.success ? year.data : new Date().getFullYear() + 1;
  return { year: shownYear, providers: registeredProviders(getDb(), { zorgkantoorId, year: shownYear, regionIds }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const form = await readImportForm(request, z.object({ year: yearSchema }));
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, importErrors: [], imported: null }, { status: 400 });
  const result = await importProviderRegistry(user, { year: form.data.year, file: form.file });
  if (!result.ok) return data({ fieldErrors: {}, importErrors: result.errors, imported: null }, { status: 400 });
  return { fieldErrors: {}, importErrors: [], imported: { created: result.created, updated: result.updated, year: form.data.year } };
}

export default function Register() {
  const { year, providers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  return (
    <>
      <p>
        <Link to="/inkoop">← Inkoop</Link>
      </p>
      <h1>Aanbiedersregister</h1>
      <section className="panel" aria-labelledby="h-import">
        <h2 id="h-import">Register importeren</h2>
        <p>
          CSV of Excel (.xlsx) met de kolommen <span className="mono">agb, kvk, naam, regio&apos;s, sectoren, tarief vorig jaar (%)</span> en per prestatie een kolom{" "}
          <span className="mono">volume 4VV</span> enzovoort. Aanbieders worden herkend aan hun AGB-code.
        </p>
        {result?.imported ? (
          <div className="alert alert--ok" role="status">
            Register {result.imported.year} geïmporteerd: {result.imported.created} nieuwe en {result.imported.updated} bijgewerkte aanbieders.
          </div>
        ) : null}
        <ImportErrors errors={result?.importErrors ?? []} />
        <Form method="post" encType="multipart/form-data" className="stacked" noValidate>
          <Field name="year" label="Jaar" inputMode="numeric" defaultValue={String(year)} error={fieldErrors.year} />
          <Field name="file" label="Bestand" type="file" accept=".csv,.xlsx" error={fieldErrors.file} />
          <button type="submit" className="button">
            Importeren
          </button>
        </Form>
      </section>
      <h2>Aanbieders in uw regio&apos;s, {year}</h2>
      <Form method="get" className="actions">
        <label htmlFor="jaar">Jaar</label>
        <input id="jaar" name="jaar" defaultValue={String(year)} inputMode="numeric" size={6} />
        <button type="submit" className="button button--secondary">
          Tonen
        </button>
      </Form>
      <table className="data">
        <caption className="sr-only">Aanbieders</caption>
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">AGB</th>
            <th scope="col">Sectoren</th>
            <th scope="col" className="num">Vorig jaar</th>
            <th scope="col">Volumes</th>
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td className="mono">{p.agbCode}</td>
              <td>{p.sectors.join(", ")}</td>
              <td className="num">{p.previousYearPercent ? formatPercent(p.previousYearPercent) : "—"}</td>
              <td>
                {Object.entries(p.volumes)
                  .map(([code, v]) => `${code}: ${formatNumber(v)}`)
                  .join("; ") || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
