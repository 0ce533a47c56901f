import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { refuse } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { loadVersionContent, requireSubmissionProvider } from "~/services/submissions/form-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Inschrijving versie ${data?.receipt.version ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const user = requireSubmissionProvider(request, slug);
  const view = loadVersionContent(user, slug, params.version ?? "");
  if (!view) throw refuse(getDb(), user, request, { status: 404, reason: `submission ${slug}/${params.version ?? ""} not found` });
  return view;
}

function sizeDutch(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("nl-NL")} kB` : `${(bytes / 1024 / 1024).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB`;
}

/** One version of the provider's own inschrijving, as received: read-only. */
export default function VersionContent() {
  const view = useLoaderData<typeof loader>();
  const base = `/kaders/${view.slug}/inschrijving`;
  const file = (a: { sha256: string; name: string; size: number }) => (
    <li key={a.sha256}>
      <a href={`${base}/bijlagen/${a.sha256}`} download>
        {a.name}
      </a>{" "}
      <span className="muted">
        ({sizeDutch(a.size)}, SHA-256 <span className="mono">{a.sha256.slice(0, 12)}…</span>)
      </span>
    </li>
  );
  const answers = (list: { label: string; text: string }[]) =>
    list.map((a) => (
      <div key={a.label}>
        <h4>{a.label}</h4>
        <p style={{ whiteSpace: "pre-wrap" }}>{a.text}</p>
      </div>
    ));
  return (
    <>
      <p>
        <Link to={base}>← Terug naar uw inschrijving</Link>
      </p>
      <h1>
        Uw inschrijving, versie {view.receipt.version}: {view.title}
      </h1>
      <p className="panel">
        Ontvangen {view.receipt.receivedAtAmsterdam}, antwoord op versie {view.receipt.kaderVersion} van het kader. SHA-256{" "}
        <span className="mono">{view.receipt.contentSha256}</span>. Deze versie is vastgelegd en kan niet worden gewijzigd.{" "}
        <Link to={`${base}/ontvangstbewijs/${view.receipt.version}`}>Ontvangstbewijs</Link>
      </p>
      {view.declarations.length > 0 ? (
        <section aria-labelledby="verklaringen">
          <h2 id="verklaringen">Verklaringen</h2>
          <dl className="facts">
            {view.declarations.map((d) => (
              <div key={d.question} style={{ display: "contents" }}>
                <dt>{d.question}</dt>
                <dd>
                  {d.answer}
                  {d.evidence.length > 0 ? <ul>{d.evidence.map(file)}</ul> : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <h2>Plannen</h2>
      {view.plans.length === 0 ? <p className="muted">Geen plannen: u deed aan geen enkele module mee.</p> : null}
      {view.plans.map((p) => (
        <section key={p.module} className="card">
          <h3>{p.module}</h3>
          {answers(p.answers)}
          {p.groups.map((g) => (
            <div key={g.label}>
              <h4>
                {g.label}: {g.capacity.toLocaleString("nl-NL")} plaatsen
              </h4>
              <h4>Context</h4>
              <p style={{ whiteSpace: "pre-wrap" }}>{g.context}</p>
              <h4>Expertise</h4>
              <p style={{ whiteSpace: "pre-wrap" }}>{g.expertise}</p>
              {answers(g.answers)}
            </div>
          ))}
        </section>
      ))}
      <h2>Bijlagen</h2>
      {view.attachments.length === 0 ? <p className="muted">Geen algemene bijlagen.</p> : <ul>{view.attachments.map(file)}</ul>}
    </>
  );
}
