import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step";
import { FormError } from "~/components/field";
import { ObjectionBody, ObjectionReceiptFacts } from "~/components/objection-view";
import { OBJECTION_OUTCOME_OPTIONS, OBJECTION_STATE_LABEL } from "~/lib/objections";
import { getDb } from "~/services/db.server";
import { handleStaffObjectionAction, requireStaffObjection } from "~/services/objections/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Bezwaar ${data?.objection.id ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { objection } = requireStaffObjection(request, params.objectionId ?? "");
  const { receipt: _receipt, ...shown } = objection;
  return data({ objection: shown }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, objection } = requireStaffObjection(request, params.objectionId ?? "");
  const result = await handleStaffObjectionAction(request, user, objection.id, getDb());
  return data(result, { status: result.ok ? 200 : result.status });
}

export default function StaffObjection() {
  const { objection } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : undefined;
  const asking = values?.confirm === "1";
  const outcomeLabel = OBJECTION_OUTCOME_OPTIONS.find((o) => o.value === values?.uitkomst)?.label.toLowerCase();
  const base = `/juridisch/bezwaren/${objection.id}`;
  return (
    <>
      <p>
        <Link to="/juridisch/bezwaren">← Bezwaren</Link>
      </p>
      {result?.ok ? (
        <div className="alert alert--ok" role="status" id="gelukt">
          {result.message}
        </div>
      ) : null}
      <h1>
        Bezwaar {objection.id}: {objection.kindLabel}
      </h1>
      <p>
        {objection.providerName} · {objection.kader.title} ({objection.kader.year}) · kenmerk <span className="mono">{objection.kader.slug}</span>
      </p>
      <FormError message={errors._form} />
      {objection.state === "ingediend" ? (
        <section className="panel" aria-labelledby="h-behandelen">
          <h2 id="h-behandelen">In behandeling nemen</h2>
          <p>De aanbieder ziet daarna dat zijn bezwaar in behandeling is. Daarna beslist u met een gemotiveerd antwoord.</p>
          {values?.confirmTake === "1" ? (
            <ConfirmStep
              confirm={{
                intent: "behandelen",
                message: "U neemt dit bezwaar in behandeling, op uw naam. De aanbieder ziet dat direct; het bezwaar gaat daarna niet terug naar ingediend.",
                confirmLabel: "Ja, in behandeling nemen",
                values: { intent: "behandelen" },
              }}
              cancelTo={base}
            />
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="behandelen" />
              <button type="submit" className="button">
                In behandeling nemen
              </button>
            </Form>
          )}
        </section>
      ) : null}
      {objection.state === "in_behandeling" ? (
        <section className="panel" aria-labelledby="h-beslissen">
          <h2 id="h-beslissen">Beslissen</h2>
          {asking && values ? (
            <>
              <p>
                Uitkomst: <strong>{outcomeLabel}</strong>
              </p>
              <p className="pre-wrap">{values.antwoord}</p>
              <ConfirmStep
                confirm={{
                  intent: "beslissen",
                  message: `U beslist dat het bezwaar ${outcomeLabel} is, met het antwoord hierboven. De aanbieder ziet de beslissing en uw antwoord direct; de beslissing kan daarna niet meer worden gewijzigd.`,
                  confirmLabel: "Beslissing vastleggen",
                  values: { intent: "beslissen", uitkomst: values.uitkomst ?? "", antwoord: values.antwoord ?? "" },
                }}
                cancelTo={base}
              />
            </>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="beslissen" />
              <fieldset className={`field${errors.uitkomst ? " field--error" : ""}`} aria-describedby={errors.uitkomst ? "veld-uitkomst-fout" : undefined}>
                <legend>Uitkomst</legend>
                {OBJECTION_OUTCOME_OPTIONS.map((o) => (
                  <div key={o.value}>
                    <input type="radio" id={`uitkomst-${o.value}`} name="uitkomst" value={o.value} defaultChecked={values?.uitkomst === o.value} />{" "}
                    <label htmlFor={`uitkomst-${o.value}`}>{o.label}</label>
                  </div>
                ))}
                {errors.uitkomst ? (
                  <p className="field-error" id="veld-uitkomst-fout">
                    {errors.uitkomst}
                  </p>
                ) : null}
              </fieldset>
              <div className={`field${errors.antwoord ? " field--error" : ""}`}>
                <label htmlFor="veld-antwoord">Gemotiveerd antwoord aan de aanbieder</label>
                <p className="hint" id="veld-antwoord-hint">
                  Verplicht. De aanbieder leest dit antwoord bij zijn bezwaar; schrijf waarom het bezwaar (deels) gegrond of ongegrond is en wat er nu gebeurt.
                </p>
                <textarea
                  id="veld-antwoord"
                  name="antwoord"
                  rows={8}
                  defaultValue={values?.antwoord ?? ""}
                  aria-invalid={errors.antwoord ? true : undefined}
                  aria-describedby={["veld-antwoord-hint", errors.antwoord ? "veld-antwoord-fout" : ""].filter(Boolean).join(" ")}
                />
                {errors.antwoord ? (
                  <p className="field-error" id="veld-antwoord-fout">
                    {errors.antwoord}
                  </p>
                ) : null}
              </div>
              <div className="actions">
                <button type="submit" className="button">
                  Beslissing controleren
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
      {objection.state !== "ingediend" && objection.state !== "in_behandeling" ? (
        <p>Op dit bezwaar is beslist: {OBJECTION_STATE_LABEL[objection.state]}. De beslissing verandert niet meer.</p>
      ) : null}
      <ObjectionBody objection={objection} attachmentHref={(sha) => `${base}/bijlagen/${sha}`} />
      <ObjectionReceiptFacts description={objection.receiptDescription} />
      <p className="hint">
        {objection.kind === "besluit"
          ? "Verklaart u dit bezwaar (deels) gegrond, dan ziet de inkoper dat op de gunningspagina van het kader: die corrigeert de scores, start een correctieronde en bereidt een gecorrigeerd besluit voor, dat u opnieuw toetst. Het verzonden besluit blijft bewaard zoals het is verzonden."
          : "Leidt een bezwaar tegen het basistarief tot een ander basistarief, deel uw beslissing dan met de inkoper; die wijzigt het kader met een nota van inlichtingen. Het platform past het basistarief niet zelf aan."}
      </p>
    </>
  );
}
