import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step";
import { FormError } from "~/components/field";
import { formatDate, formatDateTime } from "~/lib/dates";
import { MAX_OBJECTION_ATTACHMENTS, OBJECTION_STATE_LABEL, formatFileSize, objectionPath } from "~/lib/objections";
import { getDb } from "~/services/db.server";
import { handleObjectionForm, loadProviderObjectionsPage, requireObjectionProvider } from "~/services/objections/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Bezwaar ${data?.kader.title ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = requireObjectionProvider(request, params.slug ?? "");
  return data(loadProviderObjectionsPage(ctx), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, ctx } = requireObjectionProvider(request, params.slug ?? "");
  const result = await handleObjectionForm(request, user, ctx, getDb());
  if (result.step === "filed") return redirect(result.location, 303);
  return data(result, { status: result.status });
}

type FormResult = ReturnType<typeof useActionData<typeof action>>;

export default function ObjectionPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const period = page.period;
  const base = objectionPath(page.kader.slug);
  return (
    <>
      <p>
        <Link to={`/kaders/${page.kader.slug}`}>← {page.kader.title}</Link>
      </p>
      <h1>Bezwaar</h1>
      <p>
        {page.kader.title} · {page.kader.year} · kenmerk <span className="mono">{page.kader.slug}</span>
      </p>

      <section className="panel" aria-labelledby="h-besluit">
        <h2 id="h-besluit">Bezwaar tegen uw gunningsbesluit</h2>
        {page.decision ? (
          <>
            <p id="termijn-besluit">
              Tegen uw {page.decision.corrected ? "gecorrigeerde " : ""}besluit (kenmerk <span className="mono">{page.decision.reference}</span>, verzonden{" "}
              {formatDateTime(page.decision.sentAt)}) kunt u bezwaar maken tot en met <strong>{formatDate(page.decision.lastDay)}</strong> (24:00 uur): de
              opschortende termijn van 20 kalenderdagen. <Link to={`/kaders/${page.kader.slug}/besluit`}>Uw besluit lezen</Link>
            </p>
            <ObjectionForm
              kind="besluit"
              decisionId={page.decision.id}
              result={result}
              page={page}
              cancelTo={base}
              question="Waarom is het besluit volgens u onjuist? Noem de scores, motiveringen of tarieven waar het om gaat."
            />
          </>
        ) : page.termPassed ? (
          <p id="geen-besluit">
            De bezwaartermijn van uw besluit (kenmerk <span className="mono">{page.termPassed.reference}</span>) liep tot en met {formatDate(page.termPassed.lastDay)} (24:00
            uur) en is verstreken; bezwaar maken tegen dit besluit kan niet meer. <Link to={`/kaders/${page.kader.slug}/besluit`}>Uw besluit lezen</Link>
          </p>
        ) : (
          <p id="geen-besluit">
            U kunt nu geen bezwaar maken tegen een gunningsbesluit op dit kader: er is geen verzonden besluit voor u.
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="h-basistarief">
        <h2 id="h-basistarief">Bezwaar tegen het basistarief</h2>
        <p>
          Elk jaar kunt u als zorgaanbieder in een regio van dit kader bezwaar maken tegen het basistarief zelf: het percentage van het NZa-maximumtarief
          dat iedere gecontracteerde aanbieder krijgt (Rechtbank Den Haag, ECLI:NL:RBDHA:2023:16336). U hoeft daarvoor niet in te schrijven.
        </p>
        {period ? (
          <p id="termijn">
            De termijn loopt zes weken vanaf de publicatie van het basistarief (versie {period.setByVersion} van het kader, {formatDateTime(period.startsAt)}) tot en met{" "}
            <strong>{formatDate(period.lastDay)}</strong> (24:00 uur). {period.open ? "De termijn is open." : "De termijn is verstreken; bezwaar maken kan niet meer."}
          </p>
        ) : (
          <p>Dit kader heeft nog geen gepubliceerd basistarief.</p>
        )}
        {period?.open ? (
          <ObjectionForm
            kind="basistarief"
            decisionId={null}
            result={result}
            page={page}
            cancelTo={base}
            question="Waarom is het basistarief volgens u niet reëel of niet goed onderbouwd?"
          />
        ) : null}
      </section>

      <section aria-labelledby="h-mijn">
        <h2 id="h-mijn">Uw bezwaren</h2>
        {page.objections.length === 0 ? (
          <p>U heeft voor dit kader geen bezwaar ingediend.</p>
        ) : (
          <table className="data" id="mijn-bezwaren">
            <thead>
              <tr>
                <th scope="col">Nummer</th>
                <th scope="col">Soort</th>
                <th scope="col">Ingediend</th>
                <th scope="col">Stand</th>
              </tr>
            </thead>
            <tbody>
              {page.objections.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`${base}/${o.id}`}>Bezwaar {o.id}</Link>
                  </td>
                  <td>{o.kindLabel}</td>
                  <td>{formatDateTime(o.filedAt)}</td>
                  <td>{OBJECTION_STATE_LABEL[o.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** One kind's form, in two steps (check, then confirm); the action's answer belongs to the form of its kind. */
function ObjectionForm({
  kind,
  decisionId,
  result,
  page,
  cancelTo,
  question,
}: {
  kind: "besluit" | "basistarief";
  decisionId: number | null;
  result: FormResult;
  page: ReturnType<typeof useLoaderData<typeof loader>>;
  cancelTo: string;
  question: string;
}) {
  const mine = result && result.kind === kind ? result : undefined;
  const errors: Record<string, string | undefined> = mine && mine.step === "errors" ? mine.errors : {};
  const values = mine && mine.step === "errors" ? mine.values : null;
  const confirm = mine && mine.step === "confirm" ? mine : null;
  const checked = new Set(values?.bijlagen ?? page.pending.map((a) => a.sha256));
  // The basistarief form keeps the ids it always had; the decision's form has its own.
  const id = (name: string) => (kind === "besluit" ? `besluit-${name}` : name === "formulier" || name.startsWith("bevestigen") || name.startsWith("samenvatting") || name.startsWith("bijlage-") ? name : `veld-${name}`);
  return (
    <div id={id("formulier")}>
      <h3>{kind === "besluit" ? "Bezwaar maken tegen dit besluit" : "Bezwaar maken tegen het basistarief"}</h3>
      <FormError message={errors._form} />
      {confirm ? (
        <div id={id("bevestigen")}>
          <h4>Dit dient u in</h4>
          <p className="pre-wrap" id={id("samenvatting-gronden")}>
            {confirm.summary.grounds}
          </p>
          {confirm.summary.attachments.length > 0 ? (
            <ul>
              {confirm.summary.attachments.map((a) => (
                <li key={a.sha256}>
                  {a.name} ({formatFileSize(a.size)})
                </li>
              ))}
            </ul>
          ) : (
            <p>Zonder bijlagen.</p>
          )}
          <ConfirmStep
            confirm={{
              intent: "indienen",
              message:
                "Een ingediend bezwaar kunt u niet meer wijzigen of intrekken. U ontvangt direct een ontvangstbevestiging met het tijdstip van ontvangst en de SHA-256 van uw bezwaar; een jurist van het zorgkantoor behandelt het.",
              confirmLabel: "Bezwaar definitief indienen",
              values: confirm.values,
            }}
            cancelTo={cancelTo}
          />
        </div>
      ) : (
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="idempotencyKey" value={values?.idempotencyKey || page.idempotencyKey} />
          <input type="hidden" name="soort" value={kind} />
          {decisionId !== null ? <input type="hidden" name="besluit" value={decisionId} /> : null}
          <div className={`field${errors.gronden ? " field--error" : ""}`}>
            <label htmlFor={id("gronden")}>{kind === "besluit" ? "Gronden van uw bezwaar tegen het besluit" : "Gronden van uw bezwaar"}</label>
            <p className="hint" id={id("gronden-hint")}>
              {question} Verplicht; hoogstens {page.maxChars.toLocaleString("nl-NL")} tekens.
            </p>
            <textarea
              id={id("gronden")}
              name="gronden"
              rows={10}
              defaultValue={values?.gronden ?? ""}
              aria-invalid={errors.gronden ? true : undefined}
              aria-describedby={[id("gronden-hint"), errors.gronden ? id("gronden-fout") : ""].filter(Boolean).join(" ")}
            />
            {errors.gronden ? (
              <p className="field-error" id={id("gronden-fout")}>
                {errors.gronden}
              </p>
            ) : null}
          </div>
          {page.pending.length > 0 ? (
            <fieldset>
              <legend>Al toegevoegde bijlagen</legend>
              {page.pending.map((a) => (
                <div key={a.sha256}>
                  <input type="checkbox" id={id(`bijlage-${a.sha256}`)} name="bijlage" value={a.sha256} defaultChecked={checked.has(a.sha256)} />{" "}
                  <label htmlFor={id(`bijlage-${a.sha256}`)}>
                    {a.name} ({formatFileSize(a.size)})
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <div className={`field${errors.bijlagen ? " field--error" : ""}`}>
            <label htmlFor={id("bestanden")}>{kind === "besluit" ? "Bijlagen bij uw bezwaar tegen het besluit (PDF)" : "Bijlagen (PDF)"}</label>
            <p className="hint" id={id("bestanden-hint")}>
              Optioneel. Alleen PDF, elk hoogstens 10 MB, samen hoogstens 20 MB per keer en {MAX_OBJECTION_ATTACHMENTS} bij één bezwaar.
            </p>
            <input
              type="file"
              id={id("bestanden")}
              name="bestanden"
              accept="application/pdf,.pdf"
              multiple
              aria-invalid={errors.bijlagen ? true : undefined}
              aria-describedby={[id("bestanden-hint"), errors.bijlagen ? id("bestanden-fout") : ""].filter(Boolean).join(" ")}
            />
            {errors.bijlagen ? (
              <p className="field-error" id={id("bestanden-fout")}>
                {errors.bijlagen}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="button">
              {kind === "besluit" ? "Bezwaar tegen het besluit controleren" : "Controleren"}
            </button>
          </div>
          <p className="hint">U ziet eerst wat u indient; pas na uw bevestiging is het bezwaar ingediend.</p>
        </Form>
      )}
    </div>
  );
}
