import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { refuse, requireRole } from "~/auth/guards.server";
import { FormError } from "~/components/field";
import { assessorKaderPage, declareConflicts } from "~/services/assessment/assessor.server";
import { conflictField, conflictReasonField } from "~/services/assessment/fields";
import { getDb } from "~/services/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Beoordelen: ${data?.page.title ?? ""} — Zorginkoop` }];

/** A kader for a beoordelaar: first the conflict declarations, then the assigned plans. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "beoordelaar");
  const result = assessorKaderPage(user, params.slug ?? "");
  if (!result.ok)
    throw refuse(getDb(), user, request, {
      status: 404,
      reason: "assessment kader not visible",
    });
  return { slug: params.slug ?? "", page: result.page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "beoordelaar");
  const slug = params.slug ?? "";
  const result = declareConflicts(user, slug, await request.formData());
  if (!result.ok) {
    if (result.status === 404)
      throw refuse(getDb(), user, request, {
        status: 404,
        reason: "assessment kader not visible",
      });
    return data({ errors: result.errors as Record<string, string | undefined> }, { status: result.status });
  }
  return redirect(`/beoordeling/${encodeURIComponent(slug)}?verklaard=1`);
}

const MINE_LABEL = {
  open: "nog niet gescoord",
  concept: "concept bewaard",
  ingediend: "ingediend",
} as const;

export default function AssessorKader() {
  const { slug, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const [search] = useSearchParams();
  return (
    <>
      <p>
        <Link to="/beoordeling">← Beoordelen</Link>
      </p>
      <h1>{page.title}</h1>
      {!page.opened ? (
        <p>De inschrijvingen van dit kader zijn nog niet geopend. Na de opening door twee inkopers verschijnen hier de plannen die aan u zijn toegewezen.</p>
      ) : (
        <>
          {search.get("verklaard") === "1" && !result ? (
            <div className="alert alert--ok" role="status" id="melding">
              Uw verklaringen zijn vastgelegd.
            </div>
          ) : null}
          <FormError message={errors._form} />
          <section className="panel" aria-labelledby="h-belangen">
            <h2 id="h-belangen">Belangenverklaring</h2>
            {page.declared ? (
              <>
                <p>U heeft voor elke aanbieder met een plan verklaard of u een belangenconflict heeft. Een verklaring blijft staan.</p>
                <table className="data" id="verklaringen">
                  <thead>
                    <tr>
                      <th scope="col">Aanbieder</th>
                      <th scope="col">Belangenconflict</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.providers.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.name}</th>
                        <td>
                          {p.declaration?.conflict ? `Ja: ${p.declaration.reason ?? ""}. U ziet en beoordeelt de plannen van deze aanbieder niet.` : "Nee"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : (
              <>
                <p>
                  Voordat u een plan ziet, verklaart u voor elke aanbieder met een plan of u een belangenconflict heeft (bijvoorbeeld omdat u er werkt of
                  werkte, of een naaste er werkt). Bij een conflict ziet en beoordeelt u de plannen van die aanbieder niet. Een verklaring kunt u later niet
                  wijzigen.
                </p>
                {search.get("eerst") === "verklaren" ? (
                  <div className="alert alert--warn" role="status">
                    Verklaar eerst voor elke aanbieder of u een belangenconflict heeft; daarna ziet u de plannen.
                  </div>
                ) : null}
                <Form method="post" noValidate>
                  {page.providers.map((p) => {
                    const choiceError = errors[conflictField(p.id)];
                    const reasonError = errors[conflictReasonField(p.id)];
                    if (p.declaration) return null;
                    return (
                      <fieldset
                        className={`criterion field${choiceError || reasonError ? " field--error" : ""}`}
                        key={p.id}
                        aria-describedby={choiceError ? `belang-${p.id}-fout` : undefined}
                      >
                        <legend>{p.name}</legend>
                        <label className="checkbox">
                          <input type="radio" name={conflictField(p.id)} value="nee" /> Geen belangenconflict
                        </label>
                        <label className="checkbox">
                          <input type="radio" name={conflictField(p.id)} value="ja" /> Wel een belangenconflict
                        </label>
                        {choiceError ? (
                          <p className="field-error" id={`belang-${p.id}-fout`}>
                            {choiceError}
                          </p>
                        ) : null}
                        <label htmlFor={`reden-${p.id}`}>Reden (verplicht bij een conflict)</label>
                        <textarea id={`reden-${p.id}`} name={conflictReasonField(p.id)} aria-describedby={reasonError ? `reden-${p.id}-fout` : undefined} />
                        {reasonError ? (
                          <p className="field-error" id={`reden-${p.id}-fout`}>
                            {reasonError}
                          </p>
                        ) : null}
                      </fieldset>
                    );
                  })}
                  <button type="submit" className="button">
                    Verklaringen vastleggen
                  </button>
                </Form>
              </>
            )}
          </section>
          {page.declared ? (
            <section className="panel" aria-labelledby="h-plannen">
              <h2 id="h-plannen">Aan u toegewezen plannen</h2>
              {page.plans.length === 0 ? (
                <p className="muted">Er zijn (nog) geen plannen aan u toegewezen. De inkoper wijst beoordelaars toe per module en doelgroep.</p>
              ) : (
                <table className="data" id="toegewezen-plannen">
                  <thead>
                    <tr>
                      <th scope="col">Aanbieder</th>
                      <th scope="col">Module en doelgroep</th>
                      <th scope="col">Uw scores</th>
                      <th scope="col">Status van het plan</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.plans.map((p) => (
                      <tr key={p.path}>
                        <th scope="row">
                          <Link to={p.path}>{p.providerName}</Link>
                        </th>
                        <td>
                          {p.moduleLabel}
                          {p.targetGroupLabel ? ` — ${p.targetGroupLabel}` : ""}
                        </td>
                        <td>{MINE_LABEL[p.mine]}</td>
                        <td>{p.status}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {page.excluded > 0 ? (
                <p className="muted">{page.excluded} plan(nen) in uw modules beoordeelt u niet wegens een gemeld belangenconflict.</p>
              ) : null}
            </section>
          ) : null}
          <p className="muted">Kenmerk {slug}</p>
        </>
      )}
    </>
  );
}
