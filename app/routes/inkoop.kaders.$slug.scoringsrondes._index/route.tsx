import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ConfirmStep } from "~/components/confirm-step";
import { FormError } from "~/components/field";
import { formatDateTime } from "~/lib/dates";
import { getDb } from "~/services/db.server";
import { requireKader, requireKaderEditor } from "~/services/kaders/access.server";
import { runsPage } from "~/services/tender/scoring-run-view.server";
import { handleStartAction, type StartActionResult } from "./actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Scoringsrondes ${data?.kader.title ?? ""} — Zorginkoop` }];

const STATE_LABELS = { running: "bezig", done: "klaar", failed: "mislukt", interrupted: "onderbroken" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, ["inkoper", "jurist"]);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  return {
    kader: { slug: kader.slug, title: kader.title },
    isInkoper: user.roles.includes("inkoper"),
    page: runsPage(getDb(), kader),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  return handleStartAction(request, user, kader);
}

export default function ScoringRuns() {
  const { kader, isInkoper, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as StartActionResult | undefined;
  const start = page.start;
  const unscored = result?.unscored ?? (start.ok ? [] : start.unscored);
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${kader.slug}`}>← {kader.title}</Link>
      </p>
      <h1>Scoringsrondes</h1>
      <p>
        {kader.title} · kenmerk <span className="mono">{kader.slug}</span>
      </p>
      <p>
        Een scoringsronde berekent met de open rekenkern de tarieven van alle aanbieders uit de vastgelegde gegevens: het register, de inschrijvingen, de vastgestelde
        feiten en de eindscores per criterium. De kaderversie, de invoer en het resultaat worden met hun SHA-256-hashes vastgelegd en veranderen daarna nooit; iedereen
        kan het resultaat met de opdrachtregel narekenen. Elke volgende ronde is een correctie op de vorige, met een reden.
      </p>

      {isInkoper ? (
        <section className="panel" aria-labelledby="h-starten">
          <h2 id="h-starten">Scoringsronde starten</h2>
          <FormError message={result?.errors._form} />
          {result?.confirm ? <ConfirmStep confirm={result.confirm} cancelTo={`/inkoop/kaders/${kader.slug}/scoringsrondes`} /> : null}
          {!start.ok && !result ? <p id="start-niet-mogelijk">{start.message}</p> : null}
          {start.ok && !result?.confirm ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="start" />
              {start.correctsNumber !== null ? (
                <div className={`field${result?.errors.reden ? " field--error" : ""}`}>
                  <label htmlFor="reden">Reden van de correctie op scoringsronde {start.correctsNumber}</label>
                  <p className="hint" id="reden-hint">
                    Bijvoorbeeld een gegrond bezwaar of een herstelde score. Verplicht; de reden komt in het auditlogboek.
                  </p>
                  <textarea
                    id="reden"
                    name="reden"
                    rows={3}
                    maxLength={2000}
                    aria-describedby={result?.errors.reden ? "reden-hint reden-fout" : "reden-hint"}
                    aria-invalid={result?.errors.reden ? true : undefined}
                  />
                  {result?.errors.reden ? (
                    <p className="field-error" id="reden-fout">
                      {result.errors.reden}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <button type="submit" className="button">
                {start.correctsNumber !== null ? "Correctieronde starten" : "Scoringsronde starten"}
              </button>
            </Form>
          ) : null}
          {unscored.length > 0 ? (
            <>
              <h3>Plannen zonder eindscore</h3>
              <table className="data">
                <caption className="sr-only">Plannen zonder eindscore</caption>
                <thead>
                  <tr>
                    <th scope="col">Aanbieder</th>
                    <th scope="col">AGB-code</th>
                    <th scope="col">Module</th>
                    <th scope="col">Doelgroep</th>
                  </tr>
                </thead>
                <tbody>
                  {unscored.map((p) => (
                    <tr key={`${p.providerId}-${p.module}-${p.targetGroup ?? ""}`}>
                      <td>{p.name}</td>
                      <td className="mono">{p.agbCode}</td>
                      <td>{p.moduleLabel}</td>
                      <td>{p.targetGroupLabel ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="h-rondes">
        <h2 id="h-rondes">Rondes</h2>
        {page.runs.length === 0 ? (
          <p className="muted">Er is nog geen scoringsronde.</p>
        ) : (
          <table className="data">
            <caption className="sr-only">Scoringsrondes</caption>
            <thead>
              <tr>
                <th scope="col">Ronde</th>
                <th scope="col">Status</th>
                <th scope="col">Gestart</th>
                <th scope="col">Correctie op</th>
                <th scope="col">SHA-256 invoer</th>
                <th scope="col">SHA-256 resultaat</th>
              </tr>
            </thead>
            <tbody>
              {page.runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/inkoop/kaders/${kader.slug}/scoringsrondes/${r.id}`}>Ronde {r.number}</Link>
                  </td>
                  <td>{STATE_LABELS[r.state]}</td>
                  <td>
                    {formatDateTime(r.startedAt)} door {r.startedBy}
                  </td>
                  <td>{r.correctsNumber === null ? "—" : `ronde ${r.correctsNumber}: ${r.reason ?? ""}`}</td>
                  <td className="mono hash">{r.inputsSha256}</td>
                  <td className="mono hash">{r.resultSha256 ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
