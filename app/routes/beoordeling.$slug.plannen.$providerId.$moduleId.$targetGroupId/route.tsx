import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ConsensusForm, CriterionFields, FinalScoresTable, IndividualScoresTable, MissingRule, PlanTextPanel } from "~/components/assessment-plan";
import { ConfirmStep } from "~/components/confirm-step";
import { FormError } from "~/components/field";
import { formatDateTime } from "~/lib/format";
import { handlePlanAction, loadPlanPage, type PlanActionResult } from "~/services/assessment/plan-actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Beoordelen: ${data?.page.plan.providerName ?? "plan"} — Zorginkoop`,
  },
];

/** One assigned plan for a beoordelaar: `planPage` decides (declarations, conflict, assignment, independence). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "beoordelaar");
  return {
    page: loadPlanPage(request, user, params),
    path: new URL(request.url).pathname,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "beoordelaar");
  return handlePlanAction(request, user, params, new URL(request.url).pathname);
}

export default function AssessPlan() {
  const { page, path } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as PlanActionResult | undefined;
  const [search] = useSearchParams();
  const p = page.plan;
  const own = page.own!;
  const scoreErrors = result?.form === "scores" ? result.errors : {};
  return (
    <>
      <p>
        <Link to={`/beoordeling/${page.kader.slug}`}>← {page.kader.title}</Link>
      </p>
      <h1>
        {p.providerName}: {p.moduleLabel}
        {p.targetGroupLabel ? ` — ${p.targetGroupLabel}` : ""}
      </h1>
      <p>
        Status: <strong id="plan-status">{p.status}</strong> · beoordelaars: {p.assessors.join(", ")} ({p.submittedCount} van{" "}
        {Math.max(p.assessors.length, p.required)} ingediend) ·{" "}
        {page.method.decides === "consensus" ? "de eindscore is de consensus" : "de eindscore is het gemiddelde, afgerond op de schaal (halverwege naar boven)"}
      </p>
      {search.get("ingediend") === "1" && !result ? (
        <div className="alert alert--ok" role="status" id="melding">
          Uw scores zijn ingediend en liggen vast.
        </div>
      ) : null}
      {search.get("consensus") === "1" && !result ? (
        <div className="alert alert--ok" role="status" id="melding">
          De consensusscores zijn vastgelegd als eindscores.
        </div>
      ) : null}
      {result?.saved && !result.confirm ? (
        <div className="alert alert--ok" role="status" id="melding">
          Concept bewaard.
        </div>
      ) : null}
      <FormError message={result?.errors._form} />
      <div className="assess-grid">
        <PlanTextPanel text={page.text} slug={page.kader.slug} providerId={p.providerId} />
        <div>
          <section className="panel" aria-labelledby="h-scores">
            <h2 id="h-scores">Uw scores</h2>
            {own.submittedAt ? (
              <p>U heeft uw scores ingediend op {formatDateTime(own.submittedAt)}. Ze liggen vast.</p>
            ) : (
              <p>
                U scoort onafhankelijk: u ziet de scores van de andere beoordelaars pas nadat u al uw eigen scores voor dit plan heeft ingediend. Een concept
                kunt u bewaren en later afmaken. Een motivering is verplicht.
              </p>
            )}
            {result?.confirm ? <ConfirmStep confirm={result.confirm} cancelTo={path} /> : null}
            {own.submittedAt ? (
              <IndividualScoresTable
                id="eigen-scores"
                caption="Uw ingediende scores"
                criteria={p.criteria}
                individual={[
                  {
                    assessor: { id: 0, name: "Uw scores" },
                    submittedAt: own.submittedAt,
                    scores: own.scores,
                  },
                ]}
              />
            ) : (
              <>
                <MissingRule />
                <Form method="post" noValidate>
                  <CriterionFields criteria={p.criteria} current={own.scores} values={result?.form === "scores" ? result.values : null} errors={scoreErrors} />
                  <div className="actions">
                    <button type="submit" name="intent" value="opslaan" className="button button--secondary">
                      Concept bewaren
                    </button>
                    <button type="submit" name="intent" value="indienen" className="button">
                      Scores indienen
                    </button>
                  </div>
                </Form>
              </>
            )}
          </section>
        </div>
      </div>
      {page.individual !== null ? (
        <section className="panel" aria-labelledby="h-anderen">
          <h2 id="h-anderen">Scores van de andere beoordelaars</h2>
          <IndividualScoresTable criteria={p.criteria} individual={page.individual} />
        </section>
      ) : null}
      {page.final.length > 0 ? (
        <section className="panel" aria-labelledby="h-eind">
          <h2 id="h-eind">Eindscores</h2>
          <FinalScoresTable criteria={p.criteria} final={page.final} mean={page.mean} />
        </section>
      ) : null}
      {page.canSetConsensus ? (
        <ConsensusForm page={page} values={result?.form === "consensus" ? result.values : null} errors={result?.form === "consensus" ? result.errors : {}} />
      ) : null}
    </>
  );
}
