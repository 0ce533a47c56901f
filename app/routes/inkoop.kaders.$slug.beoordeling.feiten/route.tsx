import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { refuse, requireRole } from "~/auth/guards.server";
import { FormError } from "~/components/field";
import { factsPage, factValueText, setFact } from "~/services/assessment/facts.server";
import { getDb } from "~/services/db.server";
import { requireKaderEditor } from "~/services/kaders/access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Feiten ${data?.kader.title ?? ""} — Zorginkoop` }];

const KIND_LABEL = {
  established: "vastgesteld",
  accepted: "geaccepteerd",
  corrected: "gecorrigeerd",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  const result = factsPage(user, kader.slug);
  if (!result.ok)
    throw refuse(getDb(), user, request, {
      status: result.status === 404 ? 404 : 403,
      reason: "facts page refused",
    });
  const page = result.page;
  return {
    kader: { slug: kader.slug, title: kader.title },
    page: page.opened
      ? {
          opened: true as const,
          hasFacts: page.hasFacts,
          providers: page.providers.map((p) => ({
            providerId: p.providerId,
            name: p.name,
            facts: p.facts.map((f) => ({
              id: f.fact.id,
              label: f.fact.label,
              source: f.fact.source as "zorgkantoor" | "aanbieder",
              type: f.fact.type,
              options: f.fact.type === "choice" ? f.fact.options ?? [] : f.fact.type === "boolean" ? ["ja", "nee"] : null,
              declared: f.fact.source === "aanbieder" ? factValueText(f.fact, f.declared) : null,
              established: f.established
                ? {
                    kind: KIND_LABEL[f.established.kind],
                    value: factValueText(f.fact, f.established.value),
                    note: f.established.note,
                  }
                : null,
            })),
          })),
        }
      : { opened: false as const },
  };
}

const keySchema = z.object({
  providerId: z.coerce.number().int().positive(),
  factId: z.string().min(1).max(100),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  const form = await request.formData();
  const key = keySchema.safeParse({
    providerId: form.get("providerId"),
    factId: form.get("factId"),
  });
  if (!key.success)
    return data(
      {
        target: "",
        errors: { _form: "Onbekend feit of onbekende aanbieder." } as Record<string, string | undefined>,
        notice: null,
      },
      { status: 400 }
    );
  const target = `${key.data.providerId}/${key.data.factId}`;
  const result = setFact(user, kader.slug, key.data.providerId, key.data.factId, form);
  if (!result.ok)
    return data(
      {
        target,
        errors: result.errors as Record<string, string | undefined>,
        notice: null,
      },
      { status: result.status }
    );
  return data({
    target,
    errors: {} as Record<string, string | undefined>,
    notice: result.notice,
  });
}

export default function Facts() {
  const { kader, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${kader.slug}/beoordeling`}>← Beoordeling {kader.title}</Link>
      </p>
      <h1>Feiten vaststellen</h1>
      {!page.opened ? (
        <p>Feiten stelt u vast na de opening van de inschrijvingen.</p>
      ) : (
        <>
          <p>
            Feiten die het zorgkantoor vaststelt, legt u per aanbieder vast met een toelichting. Verklaringen van aanbieders accepteert u, of u corrigeert ze
            met een reden; de aanbieder ziet zijn verklaring en uw correctie. De tariefberekening gebruikt de vastgestelde waarde.
          </p>
          {result?.notice ? (
            <div className="alert alert--ok" role="status" id="melding">
              {result.notice}
            </div>
          ) : null}
          {!page.hasFacts ? <p className="muted">Dit kader kent geen feiten die het zorgkantoor vaststelt of controleert.</p> : null}
          {page.providers.map((p) => (
            <section className="panel" key={p.providerId} aria-labelledby={`h-feiten-${p.providerId}`}>
              <h2 id={`h-feiten-${p.providerId}`}>{p.name}</h2>
              {p.facts.map((f) => {
                const mine = result?.target === `${p.providerId}/${f.id}`;
                const errors = mine ? result.errors : {};
                const base = `feit-${p.providerId}-${f.id}`;
                return (
                  <Form method="post" className="criterion" key={f.id} noValidate>
                    <h3>{f.label}</h3>
                    <input type="hidden" name="providerId" value={p.providerId} />
                    <input type="hidden" name="factId" value={f.id} />
                    {f.source === "aanbieder" ? (
                      <p>
                        Verklaard door de aanbieder: <strong>{f.declared}</strong>
                      </p>
                    ) : (
                      <p className="muted">Dit feit stelt het zorgkantoor vast.</p>
                    )}
                    {f.established ? (
                      <p>
                        Nu: <strong>{f.established.kind}</strong> — {f.established.value}
                        {f.established.note ? ` (${f.established.note})` : ""}
                      </p>
                    ) : null}
                    <FormError message={errors._form} />
                    {f.source === "aanbieder" ? (
                      <div className={`field${errors.besluit ? " field--error" : ""}`}>
                        <label htmlFor={`${base}-besluit`}>Besluit</label>
                        <select id={`${base}-besluit`} name="besluit" defaultValue="accepteren">
                          <option value="accepteren">Accepteren</option>
                          <option value="corrigeren">Corrigeren</option>
                        </select>
                        {errors.besluit ? <p className="field-error">{errors.besluit}</p> : null}
                      </div>
                    ) : (
                      <input type="hidden" name="besluit" value="vaststellen" />
                    )}
                    <div className={`field${errors.waarde ? " field--error" : ""}`}>
                      <label htmlFor={`${base}-waarde`}>{f.source === "aanbieder" ? "Gecorrigeerde waarde (alleen bij corrigeren)" : "Waarde"}</label>
                      {f.options ? (
                        <select id={`${base}-waarde`} name="waarde" aria-describedby={errors.waarde ? `${base}-waarde-fout` : undefined}>
                          <option value="">— kies —</option>
                          {f.options.map((o) => (
                            <option key={o} value={o}>
                              {o}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input id={`${base}-waarde`} name="waarde" aria-describedby={errors.waarde ? `${base}-waarde-fout` : undefined} />
                      )}
                      {errors.waarde ? (
                        <p className="field-error" id={`${base}-waarde-fout`}>
                          {errors.waarde}
                        </p>
                      ) : null}
                    </div>
                    <div className={`field${errors.toelichting ? " field--error" : ""}`}>
                      <label htmlFor={`${base}-toelichting`}>{f.source === "aanbieder" ? "Toelichting of reden van de correctie" : "Toelichting"}</label>
                      <textarea id={`${base}-toelichting`} name="toelichting" aria-describedby={errors.toelichting ? `${base}-toelichting-fout` : undefined} />
                      {errors.toelichting ? (
                        <p className="field-error" id={`${base}-toelichting-fout`}>
                          {errors.toelichting}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit" className="button">
                      Vastleggen
                    </button>
                  </Form>
                );
              })}
            </section>
          ))}
        </>
      )}
    </>
  );
}
