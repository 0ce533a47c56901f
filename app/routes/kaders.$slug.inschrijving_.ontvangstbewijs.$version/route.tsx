import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { refuse } from "~/auth/guards.server";
import { formatDateTime } from "~/lib/dates";
import { getDb } from "~/services/db.server";
import { loadReceiptPage, requireSubmissionProvider } from "~/services/submissions/form-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Ontvangstbevestiging versie ${data?.receipt.version ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const user = requireSubmissionProvider(request, slug);
  const page = loadReceiptPage(user, slug, params.version ?? "");
  if (!page) throw refuse(getDb(), user, request, { status: 404, reason: `receipt ${slug}/${params.version ?? ""} not found` });
  return page;
}

const STATE_LABEL = { current: "huidig", superseded: "vervangen", withdrawn: "ingetrokken" } as const;

export default function ReceiptPage() {
  const page = useLoaderData<typeof loader>();
  const { receipt } = page;
  const d = page.description;
  const base = `/kaders/${page.slug}/inschrijving`;
  const withdrawal = receipt.kind === "withdrawal";
  return (
    <>
      <p>
        <Link to={base}>← Terug naar uw inschrijving</Link>
      </p>
      <div className="alert alert--ok" role="status">
        {withdrawal ? (
          <>
            Uw inschrijving is ingetrokken (versie {receipt.version}). Uw eerdere versies blijven bewaard.
            {page.open ? <> Tot de sluitingstijd ({formatDateTime(page.closesAt)}) kunt u opnieuw inschrijven.</> : null}
          </>
        ) : (
          <>
            Uw inschrijving is ontvangen: versie {receipt.version}, status {STATE_LABEL[page.state]}.
            {receipt.version > 1 ? <> Zij vervangt uw vorige versie; die blijft bewaard als vervangen versie.</> : null}
          </>
        )}
      </div>
      <h1>{d.title}</h1>
      <p>{d.intro}</p>
      <dl className="facts panel">
        {d.fields.map((f) => (
          <div key={f.label} style={{ display: "contents" }}>
            <dt>{f.label}</dt>
            <dd className={f.mono ? "mono" : undefined}>{f.value}</dd>
          </div>
        ))}
        <div style={{ display: "contents" }}>
          <dt>{d.hash.label}</dt>
          <dd className={d.hash.mono ? "mono" : undefined}>{d.hash.value}</dd>
        </div>
      </dl>
      <h2>{d.explanationTitle}</h2>
      {d.explanation.map((text) => (
        <p key={text}>{text}</p>
      ))}
      <div className="actions">
        <a className="button" href={`${base}/ontvangstbewijs/${receipt.version}/pdf`} download>
          Download ontvangstbevestiging (PDF)
        </a>
        {!withdrawal ? (
          <Link className="button button--secondary" to={`${base}/versies/${receipt.version}`}>
            Inhoud van deze versie bekijken
          </Link>
        ) : null}
        <Link to={`${base}#versies`}>Alle versies</Link>
      </div>
    </>
  );
}
