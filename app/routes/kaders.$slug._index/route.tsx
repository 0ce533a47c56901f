import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUser } from "~/auth/guards.server";
import { KaderContent } from "~/components/kader-content";
import { FormError } from "~/components/field";
import { formatDateTime } from "~/lib/dates";
import { notaHeading } from "../../../templates/kader-document/view-model";
import { parseForm } from "~/lib/forms";
import { requireKader } from "~/services/kaders/access.server";
import { requirePublishedVersion } from "~/services/kaders/downloads.server";
import { loadPublicView } from "~/services/kaders/overview.server";
import { askQuestion, questionSchema } from "~/services/kaders/questions.server";
import { submissionSummary } from "~/services/submissions/form-page.server";
import { BreakevenPublished } from "~/components/breakeven-published";
import { VerificationSteps } from "~/components/verification-steps";
import { publishedBreakevenForViewer } from "~/services/kaders/breakeven.server";
import { providerDecision } from "~/services/award/decisions.server";
import { getDb } from "~/services/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.view.title ?? "Kader"} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader, audience } = requireKader(request, user, params.slug ?? "");
  const { version, kader: content } = requirePublishedVersion(kader, request);
  const view = loadPublicView(kader, { providerId: audience === "provider" ? user.organisation!.id : null });
  const submission = audience === "provider" ? submissionSummary(user, kader.slug) : null;
  const breakeven = publishedBreakevenForViewer(version.id, audience === "provider" ? user.organisation!.id : null);
  // Only a sent decision exists for the provider; before sending the page does not hint at one.
  const hasDecision = audience === "provider" && providerDecision(getDb(), kader.id, user.organisation!.id) !== null;
  return { view, content, shownVersion: version.number, audience, submission, breakeven, hasDecision };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "zorgaanbieder");
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "provider" });
  const form = parseForm(questionSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = askQuestion(user, kader, form.data.text);
  if (!result.ok) return data({ errors: result.errors, values: { text: form.data.text } }, { status: 409 });
  return redirect(`/kaders/${kader.slug}#mijn-vragen`);
}

export default function KaderView() {
  const { view, content, shownVersion, audience, submission, breakeven, hasDecision } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const shown = view.versions.find((v) => v.number === shownVersion)!;
  return (
    <>
      <h1>{view.title}</h1>
      <p>
        {content.zorgkantoor} · {view.year} · {view.phaseLabel} · regio&apos;s: {view.regionNames.join(", ")}
      </p>
      <div className="panel">
        <p>
          Versie {shown.number} van {view.versions.length}, gepubliceerd {formatDateTime(shown.publishedAt)}.
          {shownVersion !== view.current?.number ? (
            <>
              {" "}
              <strong>Dit is een oudere versie.</strong> <Link to={`/kaders/${view.slug}`}>Naar de geldende versie</Link>
            </>
          ) : null}
        </p>
        <p>
          Inschrijving van {formatDateTime(shown.opensAt)} tot {formatDateTime(shown.closesAt)}; vragen tot {formatDateTime(shown.questionsUntil)}.
        </p>
        <p>
          Inhoudshash (SHA-256): <span className="mono">{shown.contentHash}</span>
        </p>
        <div className="actions">
          <a className="button button--secondary" href={`/kaders/${view.slug}/kader.yaml?versie=${shown.number}`}>
            Download YAML
          </a>
          <a className="button button--secondary" href={`/kaders/${view.slug}/kader.json?versie=${shown.number}`}>
            Download JSON
          </a>
          <a className="button button--secondary" href={`/kaders/${view.slug}/kader.pdf?versie=${shown.number}`}>
            Download PDF
          </a>
        </div>
      </div>

      {submission ? (
        <section className="panel" aria-labelledby="uw-inschrijving">
          <h2 id="uw-inschrijving">Uw inschrijving</h2>
          <p>
            Stand: {submission.state}. Sluitingstijd: {formatDateTime(submission.closesAt)}
            {submission.open ? "" : " (gesloten)"}.
          </p>
          <p>
            <Link className="button" to={submission.href}>
              {submission.open ? (submission.state.startsWith("nog niet") ? "Inschrijven" : "Naar uw inschrijving") : "Uw versies en ontvangstbewijzen"}
            </Link>
          </p>
        </section>
      ) : null}

      {hasDecision ? (
        <p>
          <Link className="button" to={`/kaders/${view.slug}/besluit`}>
            Uw besluit voorlopige gunning
          </Link>
        </p>
      ) : null}
      {audience === "provider" ? (
        <p>
          <Link className="button button--secondary" to={`/kaders/${view.slug}/monitor`}>
            Uw tariefmonitor
          </Link>{" "}
          <span className="muted">uw eigen tarieven onder dit kader, hoe ze tot stand komen, en wat als</span>
        </p>
      ) : null}
      {audience === "provider" ? (
        <p>
          <Link className="button button--secondary" to={`/kaders/${view.slug}/bezwaar`}>
            Bezwaar tegen het basistarief
          </Link>{" "}
          <span className="muted">
            de jaarlijkse bezwaarmogelijkheid, zes weken vanaf de publicatie van het basistarief; daar ook bezwaar tegen uw gunningsbesluit binnen de opschortende
            termijn, en uw ingediende bezwaren
          </span>
        </p>
      ) : null}
      {audience === "provider" && shownVersion === view.current?.number ? <VerificationSteps slug={view.slug} /> : null}

      <KaderContent kader={content} />

      <BreakevenPublished view={breakeven} slug={view.slug} version={shownVersion} />

      <h2>Versies</h2>
      <ul>
        {view.versions.map((v) => (
          <li key={v.number}>
            <Link to={`/kaders/${view.slug}?versie=${v.number}`}>Versie {v.number}</Link>, {formatDateTime(v.publishedAt)}, hash{" "}
            <span className="mono">{v.contentHash.slice(0, 16)}…</span>
          </li>
        ))}
      </ul>

      <h2 id="notas">Nota&apos;s van inlichtingen</h2>
      {view.notices.length === 0 ? <p className="muted">Nog geen nota&apos;s.</p> : null}
      {view.notices.map((n) => (
        <article key={n.number} className="card">
          <h3>
            {notaHeading(n.number, n.title)} ({formatDateTime(n.publishedAt)})
          </h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{n.body}</p>
        </article>
      ))}

      {audience === "provider" ? (
        <section aria-labelledby="mijn-vragen">
          <h2 id="mijn-vragen">Mijn vragen</h2>
          {view.ownQuestions.length === 0 ? <p className="muted">U heeft nog geen vragen gesteld.</p> : null}
          {view.ownQuestions.map((q) => (
            <article key={q.id} className="card">
              <p>
                <strong>Vraag ({formatDateTime(q.askedAt)}):</strong> {q.text}
              </p>
              <p>{q.published ? <>Beantwoord in een nota van inlichtingen: {q.answer}</> : <span className="muted">Nog niet beantwoord.</span>}</p>
            </article>
          ))}
          {view.questionsOpen ? (
            <Form method="post" className="stacked" noValidate>
              <FormError message={errors._form} />
              <div className={`field${errors.text ? " field--error" : ""}`}>
                <label htmlFor="veld-vraag">Nieuwe vraag over dit kader</label>
                <p className="hint" id="veld-vraag-hint">
                  Het antwoord verschijnt voor alle aanbieders in een nota van inlichtingen, zonder uw naam.
                </p>
                <textarea id="veld-vraag" name="text" defaultValue={result?.values?.text} aria-invalid={errors.text ? true : undefined} aria-describedby={`veld-vraag-hint${errors.text ? " veld-vraag-fout" : ""}`} />
                {errors.text ? <p className="field-error" id="veld-vraag-fout">{errors.text}</p> : null}
              </div>
              <button type="submit" className="button">
                Vraag stellen
              </button>
            </Form>
          ) : (
            <p className="muted">De vragenperiode is voorbij.</p>
          )}
        </section>
      ) : null}
    </>
  );
}
