import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { Field } from "~/components/field";
import { ImportErrors } from "~/components/import-errors";
import { formatDateTime } from "~/lib/dates";
import { formatEuro } from "~/lib/format";
import { readImportForm } from "~/lib/upload.server";
import { importTariffTable, listTariffTables, loadTariffTable } from "~/services/tariff-tables.server";

export const meta: MetaFunction = () => [{ title: "Tarieftabellen — Zorginkoop" }];

const querySchema = z.object({ tabel: z.coerce.number().int().positive().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const tables = listTariffTables(user.organisation!.id);
  const chosenId = (query.success ? query.data.tabel : undefined) ?? tables[0]?.id;
  const chosen = chosenId ? loadTariffTable(chosenId) : null;
  // Only this zorgkantoor's tables: an id from elsewhere shows nothing.
  const shown = chosen && chosen.table.zorgkantoorId === user.organisation!.id ? chosen : null;
  return {
    tables: tables.map((t) => ({ id: t.id, year: t.year, version: t.version, sourceName: t.sourceName, note: t.note, importedAt: t.importedAt.toISOString(), sha256: t.sha256 })),
    shown: shown ? { id: shown.table.id, label: `${shown.table.year} versie ${shown.table.version}`, note: shown.table.note, rows: shown.rows } : null,
  };
}

const importSchema = z.object({
  year: z.coerce.number({ error: "Vul een jaar in." }).int("Vul een jaar in.").min(2020, "Kies een jaar vanaf 2020.").max(2100, "Kies een jaar tot 2100."),
  note: z.string().trim().max(200, "De opmerking is te lang.").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const form = await readImportForm(request, importSchema);
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, importErrors: [], imported: null }, { status: 400 });
  const result = await importTariffTable(user, { year: form.data.year, note: form.data.note || null, file: form.file });
  if (!result.ok) return data({ fieldErrors: {}, importErrors: result.errors, imported: null }, { status: 400 });
  return { fieldErrors: {}, importErrors: [], imported: { created: result.created, year: form.data.year, version: result.version, rows: result.rows, tableId: result.tableId } };
}

export default function Tarieven() {
  const { tables, shown } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  return (
    <>
      <p>
        <Link to="/inkoop">← Inkoop</Link>
      </p>
      <h1>Tarieftabellen (NZa-maximumtarieven)</h1>
      <section className="panel" aria-labelledby="h-import">
        <h2 id="h-import">Tarieftabel importeren</h2>
        <p>
          CSV (met ; of ,) of Excel (.xlsx) met de kolommen <span className="mono">prestatie, sector, omschrijving, eenheid, maximumtarief, nhc, nic</span>. Een
          nieuwe import wordt een nieuwe versie; een kader blijft naar zijn eigen versie verwijzen.
        </p>
        {result?.imported?.created ? (
          <div className="alert alert--ok" role="status">
            Versie {result.imported.version} geïmporteerd met {result.imported.rows} prestaties (tarieftabel {result.imported.year}).
          </div>
        ) : null}
        {result?.imported && !result.imported.created ? (
          <div className="alert alert--warn" role="status">
            Niets geïmporteerd: dit bestand is inhoudelijk gelijk aan de tarieftabel {result.imported.year} versie {result.imported.version} (dezelfde{" "}
            {result.imported.rows} prestaties met dezelfde tarieven). Er is geen nieuwe versie gemaakt.
          </div>
        ) : null}
        <ImportErrors errors={result?.importErrors ?? []} />
        <Form method="post" encType="multipart/form-data" className="stacked" noValidate>
          <Field name="year" label="Jaar" inputMode="numeric" error={fieldErrors.year} />
          <Field name="note" label="Opmerking" hint="Bijvoorbeeld: illustratieve cijfers." error={fieldErrors.note} />
          <Field name="file" label="Bestand" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" error={fieldErrors.file} />
          <button type="submit" className="button">
            Importeren
          </button>
        </Form>
      </section>
      <h2>Versies</h2>
      {tables.length === 0 ? <p className="muted">Nog geen tarieftabellen.</p> : null}
      <ul>
        {tables.map((t) => (
          <li key={t.id}>
            <Link to={`?tabel=${t.id}`}>
              {t.year} versie {t.version}
            </Link>{" "}
            — {t.sourceName}, {formatDateTime(t.importedAt)}
            {t.note ? ` (${t.note})` : ""}
          </li>
        ))}
      </ul>
      {shown ? (
        <table className="data">
          <caption>
            Tarieftabel {shown.label}
            {shown.note ? ` — ${shown.note}` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Prestatie</th>
              <th scope="col">Sector</th>
              <th scope="col">Omschrijving</th>
              <th scope="col">Eenheid</th>
              <th scope="col" className="num">Maximum</th>
              <th scope="col" className="num">NHC</th>
              <th scope="col" className="num">NIC</th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.code}</td>
                <td>{r.sector}</td>
                <td>{r.label}</td>
                <td>{r.unit}</td>
                <td className="num">{formatEuro(r.max)}</td>
                <td className="num">{formatEuro(r.nhc)}</td>
                <td className="num">{formatEuro(r.nic)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
