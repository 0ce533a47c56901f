import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { Field } from "~/components/field";
import { ImportErrors } from "~/components/import-errors";
import { formatNumber, formatPercent } from "~/lib/format";
import { readImportForm } from "~/lib/upload.server";
import { listRegions } from "~/services/organisations.server";
import { importProviderRegistry, MAX_NEW_PROVIDERS_PER_IMPORT, registeredProviders, type MasterDataDifference, type ProviderDifference } from "~/services/registry.server";
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
  return { year: shownYear, maxNewProviders: MAX_NEW_PROVIDERS_PER_IMPORT, providers: registeredProviders(getDb(), { zorgkantoorId, year: shownYear, regionIds }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const form = await readImportForm(request, z.object({ year: yearSchema }));
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, importErrors: [], imported: null }, { status: 400 });
  const result = await importProviderRegistry(user, { year: form.data.year, file: form.file });
  if (!result.ok) return data({ fieldErrors: {}, importErrors: result.errors, imported: null }, { status: 400 });
  return { fieldErrors: {}, importErrors: [], imported: { created: result.created, linked: result.linked, differences: result.differences, year: form.data.year } };
}

const FIELD_LABEL: Record<MasterDataDifference["field"], string> = { name: "naam", kvkNumber: "KvK-nummer", sectors: "sectoren" };

const aanbieders = (n: number) => `${n} ${n === 1 ? "aanbieder" : "aanbieders"}`;

/** What the import did, and which master data it left alone because only the beheerder changes it. */
function ImportSummary({ imported }: { imported: { created: number; linked: number; differences: ProviderDifference[]; year: number } }) {
  const { differences } = imported;
  const fields = [...new Set(differences.flatMap((d) => d.differences.map((x) => FIELD_LABEL[x.field])))].join("/");
  return (
    <div className={`alert ${differences.length > 0 ? "alert--warn" : "alert--ok"}`} role="status">
      <p>
        Register {imported.year} geïmporteerd: {aanbieders(imported.created)} aangemaakt, {imported.linked} gekoppeld
        {differences.length > 0 ? (
          <>
            ; bij {aanbieders(differences.length)} wijkt {fields} af van de stamgegevens: alleen de beheerder kan die wijzigen. De stamgegevens zijn niet aangepast.
          </>
        ) : (
          "."
        )}
      </p>
      {differences.length > 0 ? (
        <table className="data">
          <caption>Afwijkingen van de stamgegevens (niet overgenomen)</caption>
          <thead>
            <tr>
              <th scope="col">AGB-code</th>
              <th scope="col">Aanbieder</th>
              <th scope="col">Gegeven</th>
              <th scope="col">In de stamgegevens</th>
              <th scope="col">In het bestand</th>
            </tr>
          </thead>
          <tbody>
            {differences.flatMap((d) =>
              d.differences.map((x) => (
                <tr key={`${d.agbCode}-${x.field}`}>
                  <td className="mono">{d.agbCode}</td>
                  <td>{d.name}</td>
                  <td>{FIELD_LABEL[x.field]}</td>
                  <td>{x.current || "—"}</td>
                  <td>{x.inFile || "—"}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export default function Register() {
  const { year, providers, maxNewProviders } = useLoaderData<typeof loader>();
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
          <span className="mono">volume 4VV</span> enzovoort. Aanbieders worden herkend aan hun AGB-code. Nieuwe aanbieders worden aangemaakt (hoogstens {maxNewProviders} per import); bestaande worden gekoppeld aan uw regio&apos;s en het jaar. Naam, KvK-nummer en sectoren van een bestaande aanbieder wijzigt alleen de beheerder.
        </p>
        {result?.imported ? <ImportSummary imported={result.imported} /> : null}
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
