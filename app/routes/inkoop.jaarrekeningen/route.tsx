import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { Field } from "~/components/field";
import { ImportErrors } from "~/components/import-errors";
import { formatDateTime } from "~/lib/dates";
import { formatEuro, formatNumber } from "~/lib/format";
import { readImportForm } from "~/lib/upload.server";
import { importAnnualAccounts, listAnnualAccountsImports, readAnnualAccounts, type ImportChanges } from "~/services/annual-accounts.server";

export const meta: MetaFunction = () => [{ title: "Jaarrekeningen — Zorginkoop" }];

const yearSchema = z.coerce.number({ error: "Vul een boekjaar in." }).int("Vul een boekjaar in.").min(2000, "Kies een boekjaar vanaf 2000.").max(2100, "Kies een boekjaar tot 2100.");
const querySchema = z.object({ jaar: yearSchema.optional(), versie: z.coerce.number().int().positive().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const versions = listAnnualAccountsImports(user);
  // Only this zorgkantoor's versions exist for the service: another's year or version shows nothing.
  const year = (query.success ? query.data.jaar : undefined) ?? versions[0]?.year;
  const shown = year === undefined ? null : readAnnualAccounts(user, year, { version: query.success ? query.data.versie : undefined });
  return {
    defaultYear: versions[0]?.year ?? new Date().getFullYear() - 2,
    versions: versions.map((v) => ({ id: v.id, year: v.year, version: v.version, sourceName: v.sourceName, illustrative: v.illustrative, importedAt: v.importedAt.toISOString() })),
    shown: shown
      ? {
          year: shown.version.year,
          version: shown.version.version,
          current: versions.find((v) => v.year === shown.version.year)?.version === shown.version.version,
          sourceName: shown.version.sourceName,
          sha256: shown.version.sha256,
          illustrative: shown.version.illustrative,
          note: shown.version.note,
          importedAt: shown.version.importedAt.toISOString(),
          providers: shown.providers,
        }
      : null,
  };
}

const importSchema = z.object({
  year: yearSchema,
  // A checkbox sends its value only when ticked.
  illustrative: z.literal("ja").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const form = await readImportForm(request, importSchema);
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, importErrors: [], imported: null }, { status: 400 });
  const result = await importAnnualAccounts(user, { year: form.data.year, illustrative: form.data.illustrative === "ja", file: form.file });
  if (!result.ok) return data({ fieldErrors: {}, importErrors: result.errors, imported: null }, { status: 400 });
  return { fieldErrors: {}, importErrors: [], imported: { created: result.created, year: result.year, version: result.version, providers: result.providers, changes: result.changes } };
}

const aanbieders = (n: number) => `${n} ${n === 1 ? "aanbieder" : "aanbieders"}`;

function changesText(c: ImportChanges): string {
  const parts = [`${c.added} nieuw`, `${c.changed} gewijzigd`, `${c.unchanged} ongewijzigd`];
  if (c.dropped > 0) parts.push(`${c.dropped} niet meer in het bestand`);
  return `Deze versie vervangt versie ${c.replacesVersion} (die blijft bewaard): ${parts.join(", ")}.`;
}

function ImportSummary({ imported }: { imported: { created: boolean; year: number; version: number; providers: number; changes: ImportChanges | null } }) {
  if (!imported.created) {
    return (
      <div className="alert alert--warn" role="status">
        Niets geïmporteerd: dit bestand bevat dezelfde cijfers als de huidige versie {imported.version} van de jaarrekeningen over {imported.year} ({aanbieders(imported.providers)}). Er is geen nieuwe versie gemaakt.
      </div>
    );
  }
  return (
    <div className="alert alert--ok" role="status">
      Jaarrekeningen over {imported.year} geïmporteerd als versie {imported.version}: de cijfers van {aanbieders(imported.providers)}.
      {imported.changes ? ` ${changesText(imported.changes)}` : ""}
    </div>
  );
}

const money = (value: string) => formatEuro(value, { decimals: 2 });
// At least two decimals (94,00 %), more when the accounts have them: nothing imported is hidden.
const percent = (value: string) => `${formatNumber(value, { minDecimals: 2 })} %`;

export default function Jaarrekeningen() {
  const { defaultYear, versions, shown } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  return (
    <>
      <p>
        <Link to="/inkoop">← Inkoop</Link>
      </p>
      <h1>Jaarrekeningen van zorgaanbieders</h1>
      <p>
        De jaarrekeningen van zorgaanbieders zijn openbaar (DigiMV). Per aanbieder en boekjaar legt u hier de Wlz-omzet, de totale omzet, de personeelskosten, de overige
        bedrijfskosten, de financiële baten en lasten vast, en het tariefpercentage waartegen de Wlz-omzet is verdiend. Ze zijn bedoeld voor de reële-tarieventoets van het
        basistarief: haalt een basistarief voor aanbieders met samen ten minste 75 % van de omzet minstens een sluitend resultaat (Hof Den Haag, ECLI:NL:GHDHA:2024:199)?
      </p>
      <p>
        <strong>Die toets is nog niet gebouwd:</strong> hij komt in de voorvertoning van het kader. Tot dan worden de cijfers hier alleen ingelezen, gecontroleerd, bewaard en
        getoond. De cijfers gelden alleen voor uw zorgkantoor: een ander zorgkantoor ziet ze niet en wijzigt ze niet.
      </p>
      <section className="panel" aria-labelledby="h-import">
        <h2 id="h-import">Jaarrekeningen importeren</h2>
        <p>
          CSV (met ; of ,) of Excel (.xlsx) met één rij per aanbieder en de kolommen{" "}
          <span className="mono">agb, jaar, wlzOmzet, totaleOmzet, personeelskosten, overigeBedrijfskosten, financieleBaten, financieleLasten, tariefpercentage</span>. Bedragen
          in euro&apos;s, als 1.234.567,89 of 1234567.89; kosten en lasten als positieve bedragen. Alleen aanbieders uit uw aanbiedersregister. Een nieuwe import voor hetzelfde
          boekjaar wordt een nieuwe versie; eerdere versies blijven bewaard.
        </p>
        {result?.imported ? <ImportSummary imported={result.imported} /> : null}
        <ImportErrors errors={result?.importErrors ?? []} />
        <Form method="post" encType="multipart/form-data" className="stacked" noValidate>
          <Field name="year" label="Boekjaar" hint="Het jaar waarover de jaarrekeningen gaan; de kolom jaar in het bestand moet hetzelfde jaar noemen." inputMode="numeric" defaultValue={String(defaultYear)} error={fieldErrors.year} />
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="illustrative" value="ja" /> Illustratieve cijfers (voorbeeld- of oefengegevens, geen echte jaarrekeningen)
            </label>
          </div>
          <Field name="file" label="Bestand" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" error={fieldErrors.file} />
          <button type="submit" className="button">
            Importeren
          </button>
        </Form>
      </section>
      <h2>Versies</h2>
      {versions.length === 0 ? <p className="muted">Nog geen jaarrekeningen ingelezen.</p> : null}
      <ul>
        {versions.map((v) => (
          <li key={v.id}>
            <Link to={`?jaar=${v.year}&versie=${v.version}`}>
              {v.year} versie {v.version}
            </Link>{" "}
            — {v.sourceName}, {formatDateTime(v.importedAt)}
            {v.illustrative ? " (illustratief)" : ""}
          </li>
        ))}
      </ul>
      {shown ? (
        <>
          {shown.illustrative ? (
            <p className="alert alert--warn">
              <strong>Illustratief:</strong> {shown.note ?? "dit zijn geen echte jaarrekeningen"}.
            </p>
          ) : null}
          <table className="data">
            <caption>
              Jaarrekeningen {shown.year}, versie {shown.version}
              {shown.current ? " (huidige versie)" : " (vervangen door een latere versie)"} — {shown.sourceName}, ingelezen {formatDateTime(shown.importedAt)}
            </caption>
            <thead>
              <tr>
                {/* Two-line headers: amount columns do not wrap, so long one-line headers would push the table past the page. */}
                <th scope="col">Aanbieder (AGB)</th>
                <th scope="col" className="num">
                  Wlz-omzet
                </th>
                <th scope="col" className="num">
                  Totale
                  <br />
                  omzet
                </th>
                <th scope="col" className="num">
                  Personeels-
                  <br />
                  kosten
                </th>
                <th scope="col" className="num">
                  Overige
                  <br />
                  bedrijfskosten
                </th>
                <th scope="col" className="num">
                  Financiële
                  <br />
                  baten
                </th>
                <th scope="col" className="num">
                  Financiële
                  <br />
                  lasten
                </th>
                <th scope="col" className="num">
                  Tarief-
                  <br />
                  percentage
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.providers.map((p) => (
                <tr key={p.providerId}>
                  <td>
                    {p.name}
                    <br />
                    <span className="mono muted">{p.agbCode}</span>
                  </td>
                  <td className="num">{money(p.wlzRevenue)}</td>
                  <td className="num">{money(p.totalRevenue)}</td>
                  <td className="num">{money(p.personnelCosts)}</td>
                  <td className="num">{money(p.otherOperatingCosts)}</td>
                  <td className="num">{money(p.financingIncome)}</td>
                  <td className="num">{money(p.financingCosts)}</td>
                  <td className="num">{percent(p.tariffPercent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Bestand-SHA-256: <span className="mono">{shown.sha256}</span>
          </p>
        </>
      ) : null}
    </>
  );
}
