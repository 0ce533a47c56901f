import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ConfirmStep } from "~/components/confirm-step";
import { Field, FormError, SelectField } from "~/components/field";
import { formatDateTime } from "~/lib/dates";
import { notaHeading } from "../../../templates/kader-document/view-model";
import { formatEuro, formatNumber } from "~/lib/format";
import { requireKader, requireKaderEditor } from "~/services/kaders/access.server";
import { loadStaffOverview } from "~/services/kaders/overview.server";
import { doneMessage, handleKaderAction } from "./actions.server";
import type { Confirmation } from "./confirm";
import { BreakevenPublishFields } from "./breakeven-fields";
import { parseBreakevenAssumptions } from "~/services/kaders/breakeven.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Kader"} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, ["inkoper", "beoordelaar", "jurist"]);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  // The preview links here with its test assumptions in the query: the publish form starts from them.
  const breakevenDefaults = parseBreakevenAssumptions(new URL(request.url).searchParams).form;
  return { ...loadStaffOverview(kader), canEdit: user.roles.includes("inkoper"), canSeeRuns: user.roles.includes("inkoper") || user.roles.includes("jurist"), isJurist: user.roles.includes("jurist"), done: doneMessage(request, kader), breakevenDefaults };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  return handleKaderAction(request, user, kader);
}

type ActionResult = { intent: string | null; errors: Record<string, string | undefined>; values: Record<string, string | undefined>; confirm: Confirmation | null };

export default function KaderOverview() {
  const k = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : {});
  const valuesFor = (intent: string) => (result?.intent === intent ? result.values : {});
  const published = k.versions.length > 0;
  const confirmFor = (intent: string) => (result?.confirm?.intent === intent ? result.confirm : null);
  return (
    <>
      <p>
        <Link to="/inkoop">← Inkoop</Link>
      </p>
      <h1>{k.title}</h1>
      <p>
        Fase: <strong>{k.phaseLabel}</strong> · jaar {k.year} · kenmerk <span className="mono">{k.slug}</span>
      </p>
      {k.done && !result ? (
        <div className="alert alert--ok" role="status" id="melding">
          {k.done}
        </div>
      ) : null}
      {result?.intent === null || result?.intent === "transition" || result?.intent === "publishAnswers" ? <FormError message={result.errors._form} /> : null}

      <section className="panel" aria-labelledby="h-concept">
        <h2 id="h-concept">{published ? "Wijzigingsconcept" : "Concept"}</h2>
        <p>
          Laatst bewaard {formatDateTime(k.draftUpdatedAt)}.{" "}
          {k.draftIssues === 0 ? <span className="badge badge--ok">Geen fouten</span> : <span className="badge badge--warn">{k.draftIssues} probleem/problemen</span>}
        </p>
        <div className="actions">
          {k.canEdit && k.editable ? (
            <Link className="button" to={`/inkoop/kaders/${k.slug}/bewerken`}>
              Kader bewerken
            </Link>
          ) : null}
          {k.canEdit ? (
            <Link className="button button--secondary" to={`/inkoop/kaders/${k.slug}/voorbeeld`}>
              Voorbeeld en budgetimpact
            </Link>
          ) : null}
          {published ? (
            <Link className="button button--secondary" to={`/kaders/${k.slug}`}>
              Gepubliceerde versie bekijken
            </Link>
          ) : null}
          {published ? (
            <Link className="button button--secondary" to={`/inkoop/kaders/${k.slug}/inschrijvingen`}>
              Inschrijvingen
            </Link>
          ) : null}
          {published && k.canSeeRuns ? (
            <Link className="button button--secondary" to={`/inkoop/kaders/${k.slug}/scoringsrondes`}>
              Scoringsrondes
            </Link>
          ) : null}
          {published && k.canEdit ? (
            <Link className="button button--secondary" to={`/inkoop/kaders/${k.slug}/beoordeling`}>
              Beoordeling
            </Link>
          ) : null}
          {published && k.canEdit ? (
            <Link className="button button--secondary" to={`/inkoop/kaders/${k.slug}/gunning`}>
              Gunning
            </Link>
          ) : null}
          {published && k.isJurist ? (
            <Link className="button button--secondary" to={`/juridisch/kaders/${k.slug}/besluiten`}>
              Gunningsbesluiten toetsen
            </Link>
          ) : null}
        </div>
      </section>

      {k.canEdit && k.editable ? (
        <section className="panel" aria-labelledby="h-settings">
          <h2 id="h-settings">Instellingen</h2>
          <FormError message={errorsFor("settings")._form} />
          <Form method="post" className="stacked" noValidate>
            <input type="hidden" name="intent" value="settings" />
            <SelectField
              name="tariffTableId"
              label="Tarieftabel (NZa-maximumtarieven)"
              placeholder="Kies een tarieftabel…"
              defaultValue={k.settings.tariffTableId ?? ""}
              options={k.tariffTables.map((t) => ({ value: t.id, label: t.label }))}
              error={errorsFor("settings").tariffTableId}
            />
            <Field
              name="budgetCeiling"
              label="Contracteerruimte (€)"
              hint="Het regionale budgetplafond, bijvoorbeeld 12.500.000,00."
              defaultValue={k.settings.budgetCeiling ? formatNumber(k.settings.budgetCeiling, { decimals: 2 }) : ""}
              error={errorsFor("settings").budgetCeiling}
            />
            <fieldset className={`field${errorsFor("settings").regionIds ? " field--error" : ""}`}>
              <legend>Regio&apos;s</legend>
              {k.regions.map((r) => (
                <label key={r.id} className="checkbox">
                  <input type="checkbox" name="regionIds" value={r.id} defaultChecked={k.settings.regionIds.includes(r.id)} /> {r.name} ({r.code})
                </label>
              ))}
              {errorsFor("settings").regionIds ? <p className="field-error">{errorsFor("settings").regionIds}</p> : null}
            </fieldset>
            <button type="submit" className="button">
              Instellingen bewaren
            </button>
          </Form>
        </section>
      ) : (
        <section className="panel" aria-labelledby="h-settings-ro">
          <h2 id="h-settings-ro">Instellingen</h2>
          <p>Tarieftabel: {k.settings.tariffTableLabel ?? "—"}</p>
          <p>Contracteerruimte: {k.settings.budgetCeiling ? formatEuro(k.settings.budgetCeiling) : "—"}</p>
          <p>Regio&apos;s: {k.regionNames.join(", ") || "—"}</p>
        </section>
      )}

      {k.canEdit && k.editable ? <PublishForm k={k} errors={errorsFor("publish")} values={valuesFor("publish")} confirm={confirmFor("publish")} /> : null}

      <section className="panel" aria-labelledby="h-versions">
        <h2 id="h-versions">Gepubliceerde versies</h2>
        {k.versions.length === 0 ? (
          <p className="muted">Nog niet gepubliceerd.</p>
        ) : (
          <table className="data">
            <caption className="sr-only">Versies</caption>
            <thead>
              <tr>
                <th scope="col">Versie</th>
                <th scope="col">Gepubliceerd</th>
                <th scope="col">Inschrijving</th>
                <th scope="col">Inhoudshash (SHA-256)</th>
              </tr>
            </thead>
            <tbody>
              {k.versions.map((v) => (
                <tr key={v.number}>
                  <td>{v.number}</td>
                  <td>{formatDateTime(v.publishedAt)}</td>
                  <td>
                    {formatDateTime(v.opensAt)} – {formatDateTime(v.closesAt)}
                  </td>
                  <td className="mono">{v.contentHash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {k.canEdit && k.nextTransition && confirmFor("transition") ? <ConfirmStep confirm={confirmFor("transition")!} cancelTo={`/inkoop/kaders/${k.slug}`} /> : null}
        {k.canEdit && k.nextTransition && !confirmFor("transition") ? (
          <Form method="post">
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="to" value={k.nextTransition.to} />
            <button type="submit" className="button">
              {k.nextTransition.label}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="h-questions">
        <h2 id="h-questions">Vragen van aanbieders</h2>
        {k.questions.length === 0 ? <p className="muted">Geen vragen.</p> : null}
        {k.questions.map((q) => (
          <article key={q.id} className="card" aria-labelledby={`vraag-${q.id}`}>
            <h3 id={`vraag-${q.id}`}>
              Vraag {q.id} van {q.provider} ({formatDateTime(q.askedAt)})
            </h3>
            <p>{q.text}</p>
            {q.published ? (
              <p>
                <strong>Antwoord (gepubliceerd):</strong> {q.answer}
              </p>
            ) : k.canEdit ? (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="answer" />
                <input type="hidden" name="questionId" value={q.id} />
                <div className={`field${errorsFor("answer").answer && valuesFor("answer").questionId === String(q.id) ? " field--error" : ""}`}>
                  <label htmlFor={`antwoord-${q.id}`}>Antwoord</label>
                  <textarea id={`antwoord-${q.id}`} name="answer" defaultValue={q.answer ?? ""} />
                  {errorsFor("answer").answer && valuesFor("answer").questionId === String(q.id) ? <p className="field-error">{errorsFor("answer").answer}</p> : null}
                </div>
                <button type="submit" className="button button--secondary">
                  Antwoord bewaren
                </button>
              </Form>
            ) : (
              <p className="muted">{q.answer ? `Concept-antwoord: ${q.answer}` : "Nog niet beantwoord."}</p>
            )}
          </article>
        ))}
        {k.canEdit && k.unpublishedAnswers > 0 && confirmFor("publishAnswers") ? <ConfirmStep confirm={confirmFor("publishAnswers")!} cancelTo={`/inkoop/kaders/${k.slug}`} /> : null}
        {k.canEdit && k.unpublishedAnswers > 0 && !confirmFor("publishAnswers") ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publishAnswers" />
            <p>{k.unpublishedAnswers} beantwoorde vraag/vragen nog niet gepubliceerd. Publiceren maakt een nota van inlichtingen voor alle aanbieders, zonder te vermelden wie iets vroeg.</p>
            <button type="submit" className="button">
              Antwoorden publiceren in een nota van inlichtingen
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="h-notices">
        <h2 id="h-notices">Nota&apos;s van inlichtingen</h2>
        {k.notices.length === 0 ? <p className="muted">Nog geen nota&apos;s.</p> : null}
        {k.notices.map((n) => (
          <article key={n.number}>
            <h3>
              {notaHeading(n.number, n.title)} ({formatDateTime(n.publishedAt)})
            </h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{n.body}</p>
          </article>
        ))}
      </section>
    </>
  );
}

function PublishForm({
  k,
  errors,
  values,
  confirm,
}: {
  k: ReturnType<typeof useLoaderData<typeof loader>>;
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
  confirm: Confirmation | null;
}) {
  const amendment = k.versions.length > 0;
  return (
    <section className="panel" aria-labelledby="h-publish">
      <h2 id="h-publish">{amendment ? "Wijziging publiceren" : "Publiceren"}</h2>
      <p>
        {amendment
          ? "Een gepubliceerde versie verandert nooit. Een wijziging wordt een nieuwe versie, met een nota van inlichtingen die uitlegt wat er verandert; alle aanbieders zien die tegelijk."
          : "Publiceren bevriest het concept als versie 1 (met een inhoudshash die iedereen ziet) en maakt het zichtbaar voor de aanbieders in de regio's van dit kader."}{" "}
        Tijden in Nederlandse tijd (Europe/Amsterdam).
      </p>
      <FormError message={errors._form ?? (errors.tariffTableId || errors.regionIds ? [errors.tariffTableId, errors.regionIds].filter(Boolean).join(" ") : undefined)} />
      {confirm ? <ConfirmStep confirm={confirm} cancelTo={`/inkoop/kaders/${k.slug}`} /> : null}
      <Form method="post" className="stacked" noValidate hidden={confirm !== null}>
        <input type="hidden" name="intent" value="publish" />
        <Field name="opensAt" label="Inschrijving opent" type="datetime-local" defaultValue={values.opensAt ?? k.window?.opensAt ?? ""} error={errors.opensAt} />
        <Field name="closesAt" label="Inschrijving sluit" type="datetime-local" defaultValue={values.closesAt ?? k.window?.closesAt ?? ""} error={errors.closesAt} />
        <Field name="questionsUntil" label="Vragen stellen tot" type="datetime-local" defaultValue={values.questionsUntil ?? k.window?.questionsUntil ?? ""} error={errors.questionsUntil} />
        {amendment ? (
          <>
            <Field name="noticeTitle" label="Titel van de nota van inlichtingen" defaultValue={values.noticeTitle} error={errors.noticeTitle} />
            <div className={`field${errors.noticeBody ? " field--error" : ""}`}>
              <label htmlFor="veld-noticeBody">Toelichting: wat verandert er en waarom</label>
              <textarea id="veld-noticeBody" name="noticeBody" defaultValue={values.noticeBody} aria-invalid={errors.noticeBody ? true : undefined} aria-describedby={errors.noticeBody ? "veld-noticeBody-fout" : undefined} />
              {errors.noticeBody ? <p className="field-error" id="veld-noticeBody-fout">{errors.noticeBody}</p> : null}
            </div>
          </>
        ) : null}
        <BreakevenPublishFields slug={k.slug} errors={errors} values={values} defaults={k.breakevenDefaults} />
        <button type="submit" className="button">
          {amendment ? "Wijziging publiceren" : "Publiceren"}
        </button>
      </Form>
    </section>
  );
}
