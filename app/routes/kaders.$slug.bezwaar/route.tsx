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

export default function ObjectionPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && result.step === "errors" ? result.errors : {};
  const values = result && result.step === "errors" ? result.values : null;
  const confirm = result && result.step === "confirm" ? result : null;
  const base = objectionPath(page.kader.slug);
  const period = page.period;
  const checked = new Set(values?.bijlagen ?? page.pending.map((a) => a.sha256));
  return (
    <>
      <p>
        <Link to={`/kaders/${page.kader.slug}`}>← {page.kader.title}</Link>
      </p>
      <h1>Bezwaar tegen het basistarief</h1>
      <p>
        {page.kader.title} · {page.kader.year} · kenmerk <span className="mono">{page.kader.slug}</span>
      </p>
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
      <p>
        Bezwaar tegen uw eigen gunningsbesluit maakt u binnen de opschortende termijn bij dat besluit. Dat kan nog niet op het platform: de
        gunningsbesluiten worden nog gebouwd.
      </p>

      {period?.open ? (
        <section className="panel" aria-labelledby="h-nieuw">
          <h2 id="h-nieuw">Bezwaar maken</h2>
          <FormError message={errors._form} />
          {confirm ? (
            <div id="bevestigen">
              <h3>Dit dient u in</h3>
              <p className="pre-wrap" id="samenvatting-gronden">
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
                cancelTo={base}
              />
            </div>
          ) : (
            <Form method="post" encType="multipart/form-data" noValidate>
              <input type="hidden" name="idempotencyKey" value={values?.idempotencyKey || page.idempotencyKey} />
              <div className={`field${errors.gronden ? " field--error" : ""}`}>
                <label htmlFor="veld-gronden">Gronden van uw bezwaar</label>
                <p className="hint" id="veld-gronden-hint">
                  Waarom is het basistarief volgens u niet reëel of niet goed onderbouwd? Verplicht; hoogstens {page.maxChars.toLocaleString("nl-NL")} tekens.
                </p>
                <textarea
                  id="veld-gronden"
                  name="gronden"
                  rows={10}
                  defaultValue={values?.gronden ?? ""}
                  aria-invalid={errors.gronden ? true : undefined}
                  aria-describedby={["veld-gronden-hint", errors.gronden ? "veld-gronden-fout" : ""].filter(Boolean).join(" ")}
                />
                {errors.gronden ? (
                  <p className="field-error" id="veld-gronden-fout">
                    {errors.gronden}
                  </p>
                ) : null}
              </div>
              {page.pending.length > 0 ? (
                <fieldset>
                  <legend>Al toegevoegde bijlagen</legend>
                  {page.pending.map((a) => (
                    <div key={a.sha256}>
                      <input type="checkbox" id={`bijlage-${a.sha256}`} name="bijlage" value={a.sha256} defaultChecked={checked.has(a.sha256)} />{" "}
                      <label htmlFor={`bijlage-${a.sha256}`}>
                        {a.name} ({formatFileSize(a.size)})
                      </label>
                    </div>
                  ))}
                </fieldset>
              ) : null}
              <div className={`field${errors.bijlagen ? " field--error" : ""}`}>
                <label htmlFor="veld-bestanden">Bijlagen (PDF)</label>
                <p className="hint" id="veld-bestanden-hint">
                  Optioneel. Alleen PDF, elk hoogstens 10 MB, samen hoogstens 20 MB per keer en {MAX_OBJECTION_ATTACHMENTS} bij één bezwaar.
                </p>
                <input
                  type="file"
                  id="veld-bestanden"
                  name="bestanden"
                  accept="application/pdf,.pdf"
                  multiple
                  aria-invalid={errors.bijlagen ? true : undefined}
                  aria-describedby={["veld-bestanden-hint", errors.bijlagen ? "veld-bestanden-fout" : ""].filter(Boolean).join(" ")}
                />
                {errors.bijlagen ? (
                  <p className="field-error" id="veld-bestanden-fout">
                    {errors.bijlagen}
                  </p>
                ) : null}
              </div>
              <div className="actions">
                <button type="submit" className="button">
                  Controleren
                </button>
              </div>
              <p className="hint">U ziet eerst wat u indient; pas na uw bevestiging is het bezwaar ingediend.</p>
            </Form>
          )}
        </section>
      ) : null}

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
