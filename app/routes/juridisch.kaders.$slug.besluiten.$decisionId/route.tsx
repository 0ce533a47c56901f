import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { FormError } from "~/components/field";
import { formatDate, formatDateTime } from "~/lib/dates";
import { requireAwardStaff, requireDecision } from "~/services/award/access.server";
import { REMARK_MAX, reviewDecision } from "~/services/award/decisions.server";
import { juristDecisionPage } from "~/services/award/pages.server";
import { getDb } from "~/services/db.server";
import { LetterText } from "~/components/letter-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Besluit ${data?.page.decision.provider ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "jurist");
  const kader = requireAwardStaff(request, user, params.slug ?? "", ["jurist"]);
  const decision = requireDecision(request, user, kader, params.decisionId);
  return { kader: { slug: kader.slug, title: kader.title }, page: juristDecisionPage(getDb(), kader, decision, user.id) };
}

const formSchema = z.object({
  intent: z.enum(["goedkeuren", "terugsturen"], "Onbekende handeling."),
  opmerking: z.string().max(REMARK_MAX, `De opmerking is te lang (hoogstens ${REMARK_MAX} tekens).`).default(""),
});

type ReviewActionResult = { errors: Record<string, string | undefined>; failing?: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "jurist");
  const kader = requireAwardStaff(request, user, params.slug ?? "", ["jurist"]);
  const decision = requireDecision(request, user, kader, params.decisionId);
  const form = await request.formData();
  const parsed = formSchema.safeParse({ intent: form.get("intent"), opmerking: form.get("opmerking") ?? undefined });
  if (!parsed.success) {
    const errors: Record<string, string> = Object.create(null);
    for (const issue of parsed.error.issues) errors[issue.path[0] === "opmerking" ? "opmerking" : "_form"] ??= issue.message;
    return data({ errors: { ...errors } } satisfies ReviewActionResult, { status: 400 });
  }
  const verdict = parsed.data.intent === "goedkeuren" ? "approve" : "return";
  const result = reviewDecision(user, kader.slug, decision.id, { verdict, remark: parsed.data.opmerking });
  if (!result.ok) return data({ errors: { ...result.errors }, ...(result.failing ? { failing: result.failing } : {}) } satisfies ReviewActionResult, { status: result.status });
  return redirect(`/juridisch/kaders/${kader.slug}/besluiten/${decision.id}?${verdict === "approve" ? "goedgekeurd" : "teruggestuurd"}=1`);
}

const STATUS_TEXT = { ok: "Klopt", fout: "Faalt", waarschuwing: "Waarschuwing" } as const;
const STATUS_BADGE = { ok: "badge badge--ok", fout: "badge badge--warn", waarschuwing: "badge badge--muted" } as const;

export default function JuristDecision() {
  const { kader, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ReviewActionResult | undefined;
  const [params] = useSearchParams();
  const d = page.decision;
  const pdf = `/inkoop/kaders/${kader.slug}/gunning/${d.id}/brief.pdf`;
  return (
    <>
      <p>
        <Link to={`/juridisch/kaders/${kader.slug}/besluiten`}>← Besluiten van {kader.title}</Link>
      </p>
      <h1>Besluit voorlopige gunning: {d.provider}</h1>
      {params.has("goedgekeurd") ? (
        <div className="alert alert--ok" role="status" id="melding">
          U heeft dit besluit goedgekeurd. De inkoper kan het verzenden zodra alle besluiten van het kader zijn goedgekeurd.
        </div>
      ) : null}
      {params.has("teruggestuurd") ? (
        <div className="alert alert--ok" role="status" id="melding">
          U heeft dit besluit met uw opmerking teruggestuurd naar de inkoper.
        </div>
      ) : null}
      <dl>
        <dt>Kenmerk</dt>
        <dd className="mono">{d.reference}</dd>
        <dt>Aanbieder</dt>
        <dd>
          {d.provider} (AGB <span className="mono">{d.agbCode}</span>)
        </dd>
        <dt>Uitkomst</dt>
        <dd>{d.contracted ? "Gecontracteerd" : `Niet gecontracteerd. Reden: ${d.reason ?? ""}`}</dd>
        <dt>Status</dt>
        <dd id="status">{d.stateLabel}</dd>
        <dt>Scoringsronde</dt>
        <dd>{d.runNumber}</dd>
        <dt>Voorbereid door</dt>
        <dd>
          {d.preparedBy}, {formatDateTime(d.preparedAt)}
          {page.submittedBy ? `; ter toetsing aangeboden door ${page.submittedBy}` : ""}
        </dd>
        {d.returnRemark ? (
          <>
            <dt>Laatste opmerking bij terugsturen</dt>
            <dd>
              {d.returnRemark} ({d.returnedBy}, {d.returnedAt ? formatDateTime(d.returnedAt) : ""})
            </dd>
          </>
        ) : null}
        {d.sentAt ? (
          <>
            <dt>Verzonden</dt>
            <dd>
              {formatDateTime(d.sentAt)}; opschortende termijn tot en met {d.standstillLastDay ? formatDate(d.standstillLastDay) : ""} (24:00 uur)
            </dd>
          </>
        ) : null}
        <dt>Brief</dt>
        <dd>
          <a href={pdf} download>
            {d.letterSha256 ? "Verzonden brief (PDF)" : "Conceptbrief (PDF)"}
          </a>
          {d.letterSha256 ? (
            <>
              {" "}
              · SHA-256 <span className="mono">{d.letterSha256}</span>
            </>
          ) : null}
        </dd>
      </dl>

      <section className="panel" aria-labelledby="h-controles">
        <h2 id="h-controles">Consistentiecontroles</h2>
        <p>
          {page.approvable
            ? "Geen controle faalt. Lees de waarschuwingen voordat u goedkeurt."
            : "Er faalt minstens één controle: dit besluit kan niet worden goedgekeurd. Stuur het terug met een opmerking."}
        </p>
        <table className="data" id="controles">
          <caption className="sr-only">Consistentiecontroles</caption>
          <thead>
            <tr>
              <th scope="col">Controle</th>
              <th scope="col">Uitkomst</th>
              <th scope="col">Bevindingen</th>
            </tr>
          </thead>
          <tbody>
            {page.checks.map((c) => (
              <tr key={c.id} data-check={c.id}>
                <td>{c.title}</td>
                <td>
                  <span className={STATUS_BADGE[c.status]}>{STATUS_TEXT[c.status]}</span>
                </td>
                <td>
                  {c.findings.length === 0 ? (
                    "—"
                  ) : (
                    <ul>
                      {c.findings.map((f) => (
                        <li key={f}>{f}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {d.state === "ter_toetsing" ? (
        <section className="panel" aria-labelledby="h-toetsen">
          <h2 id="h-toetsen">Uw oordeel</h2>
          <FormError message={result?.errors._form} />
          {result?.failing ? (
            <ul aria-label="Falende controles">
              {result.failing.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
          {page.ownDecision ? <p>U heeft dit besluit zelf voorbereid of aangeboden: een andere jurist moet het goedkeuren (vier ogen).</p> : null}
          <Form method="post" noValidate>
            <div className={`field${result?.errors.opmerking ? " field--error" : ""}`}>
              <label htmlFor="opmerking">Opmerking voor de inkoper (verplicht bij terugsturen)</label>
              <textarea
                id="opmerking"
                name="opmerking"
                rows={3}
                maxLength={REMARK_MAX}
                aria-invalid={result?.errors.opmerking ? true : undefined}
                aria-describedby={result?.errors.opmerking ? "opmerking-fout" : undefined}
              />
              {result?.errors.opmerking ? (
                <p className="field-error" id="opmerking-fout">
                  {result.errors.opmerking}
                </p>
              ) : null}
            </div>
            <div className="actions">
              {page.approvable && !page.ownDecision ? (
                <button type="submit" name="intent" value="goedkeuren" className="button">
                  Goedkeuren
                </button>
              ) : null}
              <button type="submit" name="intent" value="terugsturen" className="button button--secondary">
                Terugsturen naar de inkoper
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="h-geschiedenis">
        <h2 id="h-geschiedenis">Geschiedenis</h2>
        <p>Uit de audittrail: wie de plannen van deze aanbieder scoorde, wie de consensus vaststelde, wie het besluit voorbereidde, toetste en verzond.</p>
        <table className="data" id="geschiedenis">
          <caption className="sr-only">Geschiedenis van dit besluit</caption>
          <thead>
            <tr>
              <th scope="col">Moment</th>
              <th scope="col">Wie</th>
              <th scope="col">Wat</th>
            </tr>
          </thead>
          <tbody>
            {page.history.map((h) => (
              <tr key={h.seq}>
                <td>{formatDateTime(h.at)}</td>
                <td>{h.actor}</td>
                <td>
                  {h.label}
                  {h.detail ? <span className="muted"> ({h.detail})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="h-brief">
        <h2 id="h-brief">De brief</h2>
        <p className="muted">Dezelfde woorden als de PDF, opgemaakt uit de opgeslagen scoringsronde.</p>
        <LetterText blocks={page.letter} />
      </section>
    </>
  );
}
