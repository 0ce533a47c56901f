import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ConsensusForm, FinalScoresTable, IndividualScoresTable, PlanTextPanel } from "~/components/assessment-plan";
import { FormError } from "~/components/field";
import { requireKader } from "~/services/kaders/access.server";
import { handlePlanAction, loadPlanPage, type PlanActionResult } from "~/services/assessment/plan-actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Beoordeling: ${data?.page.plan.providerName ?? "plan"} — Zorginkoop`,
  },
];

/** One plan for the inkoper as chair: the submitted individual scores and the consensus. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  requireKader(request, user, params.slug ?? "", { audience: "staff" });
  return {
    page: loadPlanPage(request, user, params),
    path: new URL(request.url).pathname,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  requireKader(request, user, params.slug ?? "", { audience: "staff" });
  return handlePlanAction(request, user, params, new URL(request.url).pathname);
}

export default function ChairPlan() {
  const { page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as PlanActionResult | undefined;
  const [search] = useSearchParams();
  const p = page.plan;
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${page.kader.slug}/beoordeling`}>← Beoordeling {page.kader.title}</Link>
      </p>
      <h1>
        {p.providerName}: {p.moduleLabel}
        {p.targetGroupLabel ? ` — ${p.targetGroupLabel}` : ""}
      </h1>
      <p>
        Status: <strong id="plan-status">{p.status}</strong> · beoordelaars: {p.assessors.join(", ") || "nog geen"} ({p.submittedCount} van{" "}
        {Math.max(p.assessors.length, p.required)} ingediend)
      </p>
      {p.short ? (
        <div className="alert alert--warn" role="status">
          Dit plan heeft minder beoordelaars dan het kader vraagt ({p.required}
          ). Wijs er meer toe.
        </div>
      ) : null}
      {search.get("consensus") === "1" && !result ? (
        <div className="alert alert--ok" role="status" id="melding">
          De consensusscores zijn vastgelegd als eindscores.
        </div>
      ) : null}
      <FormError message={result?.errors._form} />
      <div className="assess-grid">
        <PlanTextPanel text={page.text} slug={page.kader.slug} providerId={p.providerId} />
        <div>
          <section className="panel" aria-labelledby="h-individueel">
            <h2 id="h-individueel">Ingediende scores</h2>
            <IndividualScoresTable criteria={p.criteria} individual={page.individual ?? []} />
          </section>
        </div>
      </div>
      {page.final.length > 0 ? (
        <section className="panel" aria-labelledby="h-eind">
          <h2 id="h-eind">Eindscores</h2>
          <FinalScoresTable criteria={p.criteria} final={page.final} mean={page.mean} />
        </section>
      ) : null}
      {page.canSetConsensus ? (
        <ConsensusForm page={page} values={result?.form === "consensus" ? result.values : null} errors={result?.form === "consensus" ? result.errors : {}} />
      ) : page.method.decides === "consensus" && !p.readyForFinal ? (
        <p className="muted">De consensus volgt als alle beoordelaars hun scores hebben ingediend.</p>
      ) : null}
    </>
  );
}
