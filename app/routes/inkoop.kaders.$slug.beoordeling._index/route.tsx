import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { refuse, requireRole } from "~/auth/guards.server";
import { FormError } from "~/components/field";
import { formatNumber } from "~/lib/format";
import { planPath } from "~/services/assessment/plans.server";
import { assignAssessor, setupOverview, unassignAssessor } from "~/services/assessment/setup.server";
import { PLAN_STATUS_LABEL } from "~/services/assessment/state.server";
import { getDb } from "~/services/db.server";
import { requireKaderEditor } from "~/services/kaders/access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Beoordeling ${data?.kader.title ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  const result = setupOverview(user, kader.slug);
  if (!result.ok)
    throw refuse(getDb(), user, request, {
      status: result.status === 404 ? 404 : 403,
      reason: "assessment set-up refused",
    });
  const o = result.overview;
  return {
    kader: { slug: kader.slug, title: kader.title },
    overview: o.opened
      ? {
          ...o,
          groups: o.groups.map((g) => ({
            ...g,
            plans: g.plans.map((p) => ({
              key: `${p.providerId}`,
              providerName: p.providerName,
              assessors: p.assessors.map((a) => a.name),
              conflicted: p.conflicted.map((a) => a.name),
              required: p.required,
              short: p.short,
              status: PLAN_STATUS_LABEL[p.status],
              path: `/inkoop/kaders/${planPath(kader.slug, p)}`,
            })),
          })),
        }
      : o,
  };
}

const SLUGISH = /^[a-z0-9]*(?:-[a-z0-9]+)*$/;
const assignSchema = z.object({
  intent: z.enum(["toewijzen", "intrekken"], { error: "Onbekende handeling." }),
  moduleId: z.string().regex(SLUGISH, { error: "Onbekende module." }),
  targetGroupId: z.string().regex(SLUGISH, { error: "Onbekende doelgroep." }),
  assessorUserId: z.coerce.number({ error: "Kies een beoordelaar." }).int({ error: "Kies een beoordelaar." }).positive({ error: "Kies een beoordelaar." }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  const form = Object.fromEntries(await request.formData());
  const parsed = assignSchema.safeParse(form);
  const group = `${String(form.moduleId ?? "")}/${String(form.targetGroupId ?? "")}`;
  if (!parsed.success)
    return data(
      {
        group,
        errors: { assessorUserId: parsed.error.issues[0]!.message } as Record<string, string | undefined>,
        notice: null,
      },
      { status: 400 }
    );
  const input = {
    moduleId: parsed.data.moduleId,
    targetGroupId: parsed.data.targetGroupId,
    assessorUserId: parsed.data.assessorUserId,
  };
  const result = parsed.data.intent === "toewijzen" ? assignAssessor(user, kader.slug, input) : unassignAssessor(user, kader.slug, input);
  if (!result.ok)
    return data(
      {
        group,
        errors: result.errors as Record<string, string | undefined>,
        notice: null,
      },
      { status: result.status }
    );
  return data({
    group,
    errors: {} as Record<string, string | undefined>,
    notice: result.notice,
  });
}

export default function AssessmentSetup() {
  const { kader, overview: o } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${kader.slug}`}>← {kader.title}</Link>
      </p>
      <h1>Beoordeling</h1>
      <p>
        {kader.title} · kenmerk <span className="mono">{kader.slug}</span>
      </p>
      {!o.opened ? (
        <p>De beoordeling richt u in na de opening van de inschrijvingen door twee inkopers.</p>
      ) : (
        <>
          <p>
            Het kader vraagt <strong>{o.method.assessors}</strong> onafhankelijke beoordelaars per plan; de eindscore is{" "}
            {o.method.decides === "consensus"
              ? "de consensus van de beoordelaars"
              : "het gemiddelde van hun scores, afgerond op de schaal (halverwege naar boven)"}
            . {formatNumber(o.finalPlans)} van {formatNumber(o.plans)} plannen hebben hun eindscores.
          </p>
          <p>
            <Link to={`/inkoop/kaders/${kader.slug}/beoordeling/feiten`}>Feiten vaststellen en verklaringen controleren</Link>
          </p>
          {result?.notice ? (
            <div className="alert alert--ok" role="status" id="melding">
              {result.notice}
            </div>
          ) : null}
          <FormError message={result?.errors._form} />
          {o.groups.length === 0 ? <p className="muted">Er zijn geen plannen ingediend.</p> : null}
          {o.groups.map((g) => {
            const id = `${g.moduleId}/${g.targetGroupId}`;
            const error = result?.group === id ? result.errors.assessorUserId : undefined;
            const selectId = `beoordelaar-${g.moduleId}-${g.targetGroupId || "geen"}`;
            return (
              <section className="panel" key={id} aria-labelledby={`h-${selectId}`}>
                <h2 id={`h-${selectId}`}>
                  {g.moduleLabel}
                  {g.targetGroupLabel ? ` — ${g.targetGroupLabel}` : ""}
                </h2>
                <h3>Beoordelaars</h3>
                {g.assessors.length === 0 ? <p className="muted">Nog niemand toegewezen.</p> : null}
                <ul>
                  {g.assessors.map((a) => (
                    <li key={a.id}>
                      {a.name}
                      {a.removable ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="intrekken" />
                          <input type="hidden" name="moduleId" value={g.moduleId} />
                          <input type="hidden" name="targetGroupId" value={g.targetGroupId} />
                          <input type="hidden" name="assessorUserId" value={a.id} />{" "}
                          <button type="submit" className="button button--secondary button--quiet">
                            Intrekken
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {g.candidates.length > 0 ? (
                  <Form method="post" className="stacked">
                    <input type="hidden" name="intent" value="toewijzen" />
                    <input type="hidden" name="moduleId" value={g.moduleId} />
                    <input type="hidden" name="targetGroupId" value={g.targetGroupId} />
                    <div className={`field${error ? " field--error" : ""}`}>
                      <label htmlFor={selectId}>Beoordelaar toewijzen</label>
                      <select
                        id={selectId}
                        name="assessorUserId"
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${selectId}-fout` : undefined}
                      >
                        {g.candidates.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                      {error ? (
                        <p className="field-error" id={`${selectId}-fout`}>
                          {error}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit" className="button">
                      Toewijzen
                    </button>
                  </Form>
                ) : null}
                <table className="data">
                  <caption>Plannen</caption>
                  <thead>
                    <tr>
                      <th scope="col">Aanbieder</th>
                      <th scope="col">Beoordelaars</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.plans.map((p) => (
                      <tr key={p.key}>
                        <th scope="row">
                          <Link to={p.path}>{p.providerName}</Link>
                        </th>
                        <td>
                          {p.assessors.length} van {p.required}
                          {p.short ? (
                            <>
                              {" "}
                              <span className="badge badge--warn">te weinig beoordelaars</span>
                            </>
                          ) : null}
                          {p.assessors.length > 0 ? <div className="muted">{p.assessors.join(", ")}</div> : null}
                          {p.conflicted.length > 0 ? <div className="muted">Uitgesloten wegens belangenconflict: {p.conflicted.join(", ")}</div> : null}
                        </td>
                        <td>{p.status}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
        </>
      )}
    </>
  );
}
