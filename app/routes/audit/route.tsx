import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Field, SelectField } from "~/components/field";
import { AUDIT_PARAM, parseAuditQuery } from "~/lib/audit-filters";
import { formatDateTime } from "~/lib/dates";
import { auditFilterChoices, loadAuditPage } from "~/services/audit-log.server";

export const meta: MetaFunction = () => [{ title: "Audittrail — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["jurist", "beheerder"]);
  const url = new URL(request.url);
  const query = parseAuditQuery(url.searchParams);
  const choices = auditFilterChoices(user);
  // Bad filters: the page with the errors at the fields, as a 400.
  if (!query.ok) return data({ state: "invalid" as const, errors: query.errors, values: query.values, choices }, { status: 400 });
  // The CSV export takes the same filters, without the paging.
  const exportParams = new URLSearchParams(url.searchParams);
  exportParams.delete(AUDIT_PARAM.before);
  return { state: "ok" as const, page: loadAuditPage(user, query.filters), values: query.values, choices, exportQuery: exportParams.toString() };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function FilterForm({ data }: { data: Data }) {
  const errors = data.state === "invalid" ? data.errors : ({} as Record<string, string>);
  const v = (name: string) => data.values[name] ?? "";
  return (
    <Form method="get" className="filters" aria-label="Filters">
      <div className="filter-grid">
        <SelectField
          name={AUDIT_PARAM.kader}
          label="Kader"
          placeholder="Alle kaders"
          error={errors[AUDIT_PARAM.kader]}
          defaultValue={v(AUDIT_PARAM.kader)}
          options={data.choices.kaders.map((k) => ({ value: k.slug, label: `${k.title} (${k.slug})` }))}
        />
        <Field name={AUDIT_PARAM.provider} label="Aanbieder (AGB-code)" inputMode="numeric" error={errors[AUDIT_PARAM.provider]} defaultValue={v(AUDIT_PARAM.provider)} />
        <SelectField
          name={AUDIT_PARAM.actor}
          label="Wie"
          placeholder="Iedereen"
          error={errors[AUDIT_PARAM.actor]}
          defaultValue={v(AUDIT_PARAM.actor)}
          options={data.choices.people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          name={AUDIT_PARAM.category}
          label="Soort handeling"
          placeholder="Alle soorten"
          error={errors[AUDIT_PARAM.category]}
          defaultValue={v(AUDIT_PARAM.category)}
          options={data.choices.categories.map((c) => ({ value: c.id, label: c.label }))}
        />
        <Field name={AUDIT_PARAM.from} label="Vanaf (datum)" type="date" error={errors[AUDIT_PARAM.from]} defaultValue={v(AUDIT_PARAM.from)} />
        <Field name={AUDIT_PARAM.to} label="Tot en met (datum)" type="date" error={errors[AUDIT_PARAM.to]} defaultValue={v(AUDIT_PARAM.to)} />
      </div>
      <p className="hint">
        Een aanbieder wordt alleen genoemd bij gebeurtenissen van kaders waarvan de inschrijvingen zijn geopend; wie een vraag stelde, blijft afgeschermd.
      </p>
      <button type="submit" className="button">
        Filteren
      </button>{" "}
      <Link to="/audit">Filters wissen</Link>
    </Form>
  );
}

export default function Audit() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audittrail</h1>
      {data.state === "ok" && data.page.scope === "organisatie" ? (
        <p>
          U ziet de {data.page.total} gebeurtenissen die uw organisatie betreffen. Medewerkers van andere organisaties staan er met hun rol, zonder naam,
          e-mail- of IP-adres; wie een vraag stelde, blijft afgeschermd. De controle hieronder geldt voor de hele keten.
        </p>
      ) : null}
      {data.state === "ok" ? <ChainStatus page={data.page} /> : null}
      <FilterForm data={data} />
      {data.state === "invalid" ? (
        <div className="alert alert--error" role="alert">
          De filters kloppen niet; zie de velden hierboven.
        </div>
      ) : (
        <Events page={data.page} exportQuery={data.exportQuery} />
      )}
    </>
  );
}

function ChainStatus({ page }: { page: Extract<Data, { state: "ok" }>["page"] }) {
  return (
    <section aria-labelledby="keten">
      <h2 id="keten">De keten</h2>
      {page.verdict.ok ? (
        <div className="alert alert--ok" role="status">
          {page.scope === "alles" ? `De keten van ${page.total} gebeurtenissen is intact.` : "De hele keten is intact."} Laatste hash:{" "}
          <span className="mono">{page.verdict.head}</span>
        </div>
      ) : (
        <div className="alert alert--error" role="alert">
          De keten is verbroken bij gebeurtenis {page.verdict.firstBadSeq}
          {page.verdict.reason ? `: ${page.verdict.reason}` : "."}
        </div>
      )}
      {page.headExport ? (
        <p>
          Laatste export van de keten buiten de database: {formatDateTime(page.headExport.at)}, tot en met gebeurtenis {page.headExport.seq}, hash{" "}
          <span className="mono">{page.headExport.hash}</span>. <span className="mono">npm run audit:verify</span> controleert dat de keten daarop aansluit.
        </p>
      ) : (
        <p>Er is nog geen export van de keten gemaakt.</p>
      )}
    </section>
  );
}

function Events({ page, exportQuery }: { page: Extract<Data, { state: "ok" }>["page"]; exportQuery: string }) {
  return (
    <section aria-labelledby="gebeurtenissen">
      <h2 id="gebeurtenissen">Gebeurtenissen</h2>
      <p id="aantal-gebeurtenissen">
        {page.matching === page.total ? `${page.total} gebeurtenissen.` : `${page.matching} van de ${page.total} gebeurtenissen voldoen aan de filters.`}{" "}
        <a href={`/audit.csv${exportQuery ? `?${exportQuery}` : ""}`} download>
          Exporteren als CSV
        </a>
      </p>
      {page.unknownProvider ? <p className="muted">Er is geen aanbieder met die AGB-code.</p> : null}
      <table className="data">
        <caption>Gebeurtenissen, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Nr.
            </th>
            <th scope="col">Tijd (Nederlandse tijd)</th>
            <th scope="col">Wie</th>
            <th scope="col">Handeling</th>
            <th scope="col">Object</th>
            <th scope="col">Gegevens</th>
          </tr>
        </thead>
        <tbody>
          {page.events.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>
                {e.actionLabel}
                {e.actionLabel !== e.action ? (
                  <>
                    <br />
                    <span className="mono muted">{e.action}</span>
                  </>
                ) : null}
              </td>
              <td>{e.entity}</td>
              <td className="mono">{e.payload}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextBefore ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(exportQuery)), voor: String(page.nextBefore) })}`}>Oudere gebeurtenissen</Link> : null}
    </section>
  );
}
