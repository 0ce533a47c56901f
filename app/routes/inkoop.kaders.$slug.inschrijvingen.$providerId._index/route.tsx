import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { refuse, requireUser } from "~/auth/guards.server";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/services/db.server";
import { requireKader } from "~/services/kaders/access.server";
import { submissionDetail, type AnswerView, type AttachmentView } from "~/services/submissions/staff.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Inschrijving ${data?.detail.provider.name ?? ""} — Zorginkoop` }];

const providerIdSchema = z.coerce.number().int().positive();
const versionSchema = z.coerce.number({ error: "Ongeldig versienummer." }).int({ error: "Ongeldig versienummer." }).positive({ error: "Ongeldig versienummer." });

/**
 * One provider's inschrijving for the zorgkantoor's staff. `submissionDetail` reads it through
 * `readSubmission`, so `canReadSubmissionContent` decides: before the opening it is 404 for
 * everyone, the inkoper included.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  const db = getDb();
  const providerId = providerIdSchema.safeParse(params.providerId);
  if (!providerId.success) throw refuse(db, user, request, { status: 404, reason: "bad provider id" });
  const raw = new URL(request.url).searchParams.get("versie");
  const version = raw === null ? null : versionSchema.safeParse(raw);
  if (version && !version.success) throw new Response(version.error.issues[0]!.message, { status: 400 });
  const result = submissionDetail(user, kader.slug, providerId.data, version ? version.data : null);
  if (!result.ok) throw refuse(db, user, request, { status: 404, reason: "submission not readable" });
  return { kader: { slug: kader.slug, title: kader.title }, detail: result.detail };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${formatNumber((bytes / 1024).toFixed(1))} kB`;
  return `${formatNumber((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

function Attachments({ files, slug, providerId }: { files: AttachmentView[]; slug: string; providerId: number }) {
  return (
    <ul>
      {files.map((f) => (
        <li key={f.sha256}>
          <a href={`/inkoop/kaders/${slug}/inschrijvingen/${providerId}/bijlagen/${f.sha256}`} download>
            {f.name}
          </a>{" "}
          ({formatSize(f.size)}) <span className="mono">SHA-256 {f.sha256}</span>
        </li>
      ))}
    </ul>
  );
}

function Answers({ answers, level }: { answers: AnswerView[]; level: 3 | 4 }) {
  const H = level === 3 ? "h3" : "h4";
  return (
    <>
      {answers.map((a) => (
        <section key={a.criterionId}>
          <H>{a.label}</H>
          <p style={{ whiteSpace: "pre-wrap" }}>{a.text}</p>
        </section>
      ))}
    </>
  );
}

const STATE_LABEL = { current: "geldend", superseded: "vervangen", withdrawn: "intrekking" } as const;

export default function SubmissionDetail() {
  const { kader, detail: d } = useLoaderData<typeof loader>();
  const shown = d.shown;
  const base = `/inkoop/kaders/${kader.slug}/inschrijvingen/${d.provider.id}`;
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${kader.slug}/inschrijvingen`}>← Inschrijvingen op {kader.title}</Link>
      </p>
      <h1>{d.provider.name}</h1>
      <p>
        AGB-code <span className="mono">{d.provider.agb ?? "niet bekend"}</span> · versie {shown.receipt.version} ({STATE_LABEL[shown.state]}) · ontvangen{" "}
        <span className="mono">{shown.receipt.receivedAtAmsterdam}</span> · op kaderversie {shown.receipt.kaderVersion}
      </p>
      {shown.state !== "current" && shown.state !== "withdrawn" ? (
        <div className="alert alert--warn">
          U bekijkt een eerdere versie. <Link to={base}>Naar de geldende versie</Link>
        </div>
      ) : null}
      {shown.receipt.kind === "submission" && shown.answersOlderKader && shown.state === "current" ? (
        <div className="alert alert--warn">Niet bevestigd na wijziging van het kader: deze inschrijving beantwoordt kaderversie {shown.receipt.kaderVersion}, niet de laatst gepubliceerde versie {d.currentKaderVersion}.</div>
      ) : null}

      {d.content === null ? (
        <section className="panel">
          <p>Deze versie is een intrekking: de aanbieder heeft zijn inschrijving ingetrokken. Een intrekking heeft geen inhoud.</p>
        </section>
      ) : (
        <>
          <section className="panel" aria-labelledby="h-verklaringen">
            <h2 id="h-verklaringen">Verklaringen</h2>
            {d.content.declarations.length === 0 ? <p className="muted">Dit kader vraagt geen verklaringen.</p> : null}
            <dl>
              {d.content.declarations.map((decl) => (
                <div key={decl.factId}>
                  <dt>
                    {decl.label}
                    {decl.question ? <span className="muted"> ({decl.question})</span> : null}
                  </dt>
                  <dd>
                    <strong>{decl.value}</strong>
                    {decl.evidence.length > 0 ? (
                      <>
                        <br />
                        Bewijsstukken:
                        <Attachments files={decl.evidence} slug={kader.slug} providerId={d.provider.id} />
                      </>
                    ) : decl.evidenceRequired ? (
                      <p className="muted">Geen bewijsstuk bijgevoegd.</p>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="panel" aria-labelledby="h-plannen">
            <h2 id="h-plannen">Plannen</h2>
            {d.content.plans.length === 0 ? <p className="muted">Geen plannen: deze aanbieder doet met geen enkele module mee.</p> : null}
            {d.content.plans.map((plan) => (
              <article key={plan.moduleId} className="card" aria-labelledby={`plan-${plan.moduleId}`}>
                <h2 id={`plan-${plan.moduleId}`}>{plan.label}</h2>
                {plan.answers ? <Answers answers={plan.answers} level={3} /> : null}
                {plan.targetGroups.map((g) => (
                  <section key={g.id} aria-labelledby={`doelgroep-${plan.moduleId}-${g.id}`}>
                    <h3 id={`doelgroep-${plan.moduleId}-${g.id}`}>Doelgroep: {g.label}</h3>
                    <p>
                      Capaciteit: <strong>{formatNumber(String(g.capacity))} plaatsen</strong>
                    </p>
                    <h4>Context: wat de doelgroep nodig heeft</h4>
                    <p style={{ whiteSpace: "pre-wrap" }}>{g.context}</p>
                    <h4>Expertise: wat de aanbieder biedt</h4>
                    <p style={{ whiteSpace: "pre-wrap" }}>{g.expertise}</p>
                    <Answers answers={g.answers} level={4} />
                  </section>
                ))}
              </article>
            ))}
          </section>

          <section className="panel" aria-labelledby="h-bijlagen">
            <h2 id="h-bijlagen">Bijlagen</h2>
            {d.content.attachments.length === 0 ? <p className="muted">Geen bijlagen.</p> : <Attachments files={d.content.attachments} slug={kader.slug} providerId={d.provider.id} />}
          </section>
        </>
      )}

      <section className="panel" aria-labelledby="h-versies">
        <h2 id="h-versies">Alle versies</h2>
        <table className="data">
          <caption className="sr-only">Versies met hun ontvangstbevestiging</caption>
          <thead>
            <tr>
              <th scope="col">Versie</th>
              <th scope="col">Soort</th>
              <th scope="col">Ontvangen (Nederlandse tijd)</th>
              <th scope="col">Ontvangen (UTC)</th>
              <th scope="col">Kaderversie</th>
              <th scope="col">SHA-256 van de inhoud</th>
              <th scope="col">Auditvolgnummer</th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr key={v.receipt.version} aria-current={v.receipt.version === shown.receipt.version ? "true" : undefined}>
                <td>
                  {v.receipt.version === shown.receipt.version ? (
                    <strong>{v.receipt.version}</strong>
                  ) : (
                    <Link to={`${base}?versie=${v.receipt.version}`}>{v.receipt.version}</Link>
                  )}
                </td>
                <td>{v.receipt.kind === "withdrawal" ? "intrekking" : `inschrijving (${STATE_LABEL[v.state]})`}</td>
                <td className="mono">{v.receipt.receivedAtAmsterdam}</td>
                <td className="mono">{v.receipt.receivedAtUtc}</td>
                <td>{v.receipt.kaderVersion}</td>
                <td className="mono">{v.receipt.contentSha256 ?? "—"}</td>
                <td className="mono">{v.receipt.auditSeq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
