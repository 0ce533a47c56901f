import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { refuse, requireRole } from "~/auth/guards.server";
import { BudgetChart } from "~/components/budget-chart";
import { ScoreDistributionChart } from "~/components/score-distribution-chart";
import { formatDateTime } from "~/lib/dates";
import { formatEuro, formatNumber, formatPercent } from "~/lib/format";
import { getDb } from "~/services/db.server";
import { requireKader } from "~/services/kaders/access.server";
import { loadRun } from "~/services/tender/scoring-run.server";
import { runView } from "~/services/tender/scoring-run-view.server";

const runIdSchema = z.coerce.number().int().positive().max(2 ** 31);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Scoringsronde ${data?.view.run.number ?? ""} — Zorginkoop` },
  // While the run computes, the page refreshes itself: progress without JavaScript.
  ...(data?.view.run.state === "running" ? [{ httpEquiv: "refresh", content: "2" }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, ["inkoper", "jurist"]);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  const db = getDb();
  const runId = runIdSchema.safeParse(params.runId);
  const run = runId.success ? loadRun(db, kader.id, runId.data) : null;
  if (!run) throw refuse(db, user, request, { status: 404, reason: `scoring run ${params.runId} not in kader ${kader.slug}` });
  const view = runView(db, kader, run, (n) => formatNumber(n));
  const started = new URL(request.url).searchParams.get("gestart") === "1" && run.startedBy === user.id;
  return { kader: { slug: kader.slug, title: kader.title }, view, started };
}

const STATE_LABELS = { running: "bezig", done: "klaar", failed: "mislukt", interrupted: "onderbroken" } as const;

type View = ReturnType<typeof useLoaderData<typeof loader>>["view"];

export default function ScoringRun() {
  const { kader, view, started } = useLoaderData<typeof loader>();
  const r = view.run;
  const base = `/inkoop/kaders/${kader.slug}/scoringsrondes`;
  return (
    <>
      <p>
        <Link to={base}>← Scoringsrondes {kader.title}</Link>
      </p>
      <h1>Scoringsronde {r.number}</h1>
      {started ? (
        <div className="alert alert--ok" role="status" id="melding">
          U heeft scoringsronde {r.number} gestart op {formatDateTime(r.startedAt)}
          {r.correctsNumber !== null ? `, als correctie op ronde ${r.correctsNumber}` : ""}. De invoer is vastgelegd (SHA-256 <span className="mono">{r.inputsSha256}</span>);
          {r.state === "running" ? " de rekenkern berekent nu de tarieven. Deze pagina ververst zichzelf tot de ronde klaar is." : " zie hieronder de uitkomst."}
        </div>
      ) : null}

      <section className="panel" aria-labelledby="h-ronde">
        <h2 id="h-ronde">Vastlegging</h2>
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span id="status" role="status">
              {STATE_LABELS[r.state]}
              {r.state === "running" && r.phase ? `: ${r.phase}…` : ""}
            </span>
          </dd>
          <dt>Gestart</dt>
          <dd>
            {formatDateTime(r.startedAt)} door {r.startedBy}
          </dd>
          {r.finishedAt ? (
            <>
              <dt>Afgerond</dt>
              <dd>{formatDateTime(r.finishedAt)}</dd>
            </>
          ) : null}
          {r.correctsNumber !== null ? (
            <>
              <dt>Correctie op</dt>
              <dd>
                ronde {r.correctsNumber}; reden: {r.reason}
              </dd>
            </>
          ) : null}
          <dt>Kaderversie</dt>
          <dd>
            versie {r.kaderVersion}, SHA-256 <span className="mono">{r.kaderContentHash}</span>
          </dd>
          <dt>Tarieftabel</dt>
          <dd>nummer {r.tariffTableId}</dd>
          <dt>Rekenkern</dt>
          <dd>versie {r.engineVersion}</dd>
          <dt>Invoer</dt>
          <dd>
            SHA-256 <span className="mono">{r.inputsSha256}</span>
          </dd>
          <dt>Resultaat</dt>
          <dd>{r.resultSha256 ? <span className="mono">SHA-256 {r.resultSha256}</span> : "nog niet"}</dd>
        </dl>
        {r.state === "failed" ? <div className="alert alert--error">De ronde is mislukt: {r.error}</div> : null}
        {r.state === "interrupted" ? <div className="alert alert--error">De berekening is onderbroken (de server is herstart). Start een nieuwe scoringsronde.</div> : null}
        {r.state === "running" ? (
          <p>
            De rekenkern werkt in de achtergrond; andere gebruikers merken er niets van. Deze pagina ververst zichzelf elke twee seconden.{" "}
            <Link to={`${base}/${r.id}`}>Nu verversen</Link>
          </p>
        ) : null}
      </section>

      {view.files.length > 0 ? (
        <section className="panel" aria-labelledby="h-bestanden">
          <h2 id="h-bestanden">Bestanden van deze ronde</h2>
          <p>
            Reken het resultaat zelf na: <span className="mono">npm run -s score -- kader.json invoer.json</span> geeft het resultaat met alle berekeningen; als
            resultaatdocument geschreven (<span className="mono">runResultJson</span> in de rekenkern) heeft het dezelfde SHA-256 als hieronder.
          </p>
          <ul>
            {view.files.map((f) => (
              <li key={f.name}>
                <a href={`${base}/${r.id}/${f.name}`} download>
                  {f.label}
                </a>{" "}
                — SHA-256 <span className="mono">{f.sha256}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {view.results ? <Results view={view} /> : null}
      {view.diff ? <Diff diff={view.diff} /> : null}
    </>
  );
}

function Results({ view }: { view: View }) {
  const res = view.results!;
  return (
    <>
      <section className="panel" aria-labelledby="h-rangorde">
        <h2 id="h-rangorde">Rangordetoets relatieve modules</h2>
        <p>
          Bij een relatieve module hangt ieders score af van de beste score in het veld. De toets kijkt per aanbieder of het weglaten van die aanbieder het percentage of
          de rangorde van een andere aanbieder in dezelfde module en doelgroep verandert. Bespreek deze gevallen met de jurist vóór een besluit.
        </p>
        {res.findings.length === 0 ? (
          <p id="rangorde-geen">Geen gevallen: het weglaten van één aanbieder verandert bij niemand anders het percentage of de rangorde.</p>
        ) : (
          res.findings.map((f, i) => (
            <article key={i} className="alert alert--warn" aria-labelledby={`bevinding-${i}`}>
              <h3 id={`bevinding-${i}`}>
                {f.moduleLabel}
                {f.targetGroupLabel ? `, ${f.targetGroupLabel}` : ""}: zonder {f.provider}
              </h3>
              <p>
                De beste score gaat van {formatNumber(f.bestWith)} naar {formatNumber(f.bestWithout)} punten. Dan verandert:
              </p>
              <table className="data">
                <caption className="sr-only">Gevolgen van het weglaten van {f.provider}</caption>
                <thead>
                  <tr>
                    <th scope="col">Aanbieder</th>
                    <th scope="col" className="num">
                      Opslag nu
                    </th>
                    <th scope="col" className="num">
                      Opslag zonder
                    </th>
                    <th scope="col" className="num">
                      Plaats nu
                    </th>
                    <th scope="col" className="num">
                      Plaats zonder
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {f.changes.map((c) => (
                    <tr key={c.provider}>
                      <td>{c.provider}</td>
                      <td className="num">{formatPercent(c.percentBefore)}</td>
                      <td className="num">{formatPercent(c.percentAfter)}</td>
                      <td className="num">{c.rankBefore}</td>
                      <td className="num">{c.rankAfter}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          ))
        )}
      </section>

      <section className="panel" aria-labelledby="h-modules">
        <h2 id="h-modules">Per module en doelgroep</h2>
        <p>
          {res.providers} aanbieders, {formatNumber(String(res.lines))} tariefregels.
        </p>
        {res.groups.map((g) => {
          const id = `groep-${g.module}-${g.targetGroup ?? "geen"}`;
          const title = `${g.moduleLabel}${g.targetGroupLabel ? `, ${g.targetGroupLabel}` : ""}`;
          return (
            <article key={id} aria-labelledby={id}>
              <h3 id={id}>{title}</h3>
              <ul>
                {g.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
              {g.ranking.length === 0 ? (
                <p className="muted">Geen beoordeelde plannen.</p>
              ) : (
                <>
                  <table className="data">
                    <caption>Rangorde {title}</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          Plaats
                        </th>
                        <th scope="col">Aanbieder</th>
                        <th scope="col" className="num">
                          Punten
                        </th>
                        {g.basis === "relative" ? (
                          <th scope="col" className="num">
                            Relatieve score
                          </th>
                        ) : null}
                        <th scope="col" className="num">
                          Opslag
                        </th>
                        <th scope="col">Knock-out</th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.ranking.map((row) => (
                        <tr key={row.agbCode}>
                          <td className="num">{row.rank}</td>
                          <td>
                            {row.name} <span className="mono muted">{row.agbCode}</span>
                          </td>
                          <td className="num">{formatNumber(row.points)}</td>
                          {g.basis === "relative" ? <td className="num">{formatNumber(row.input)}</td> : null}
                          <td className="num">{formatPercent(row.percent)}</td>
                          <td>{row.knockout === "threshold" ? "onder de drempel" : row.knockout === "minScore" ? "onder een minimumscore" : "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <ScoreDistributionChart id={`verdeling-${g.module}-${g.targetGroup ?? "geen"}`} title={`Verdeling van de punten: ${title}`} rows={g.distribution} />
                </>
              )}
            </article>
          );
        })}
      </section>

      <section className="panel" aria-labelledby="h-knockouts">
        <h2 id="h-knockouts">Knock-outs</h2>
        {res.knockouts.length === 0 ? (
          <p className="muted">Geen.</p>
        ) : (
          <ul>
            {res.knockouts.map((k, i) => (
              <li key={i}>
                {k.name}: {k.moduleLabel}
                {k.targetGroupLabel ? `, ${k.targetGroupLabel}` : ""}: {k.reason}, geen opslag.
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="h-budget">
        <h2 id="h-budget">Budget tegenover de contracteerruimte</h2>
        {res.budget ? (
          <>
            <p>
              Verwachte kosten met de echte scores: <strong id="budget-totaal">{formatEuro(res.budget.total)}</strong>
              {res.budget.ceiling ? (
                <>
                  {" "}
                  tegenover een contracteerruimte van <strong>{formatEuro(res.budget.ceiling)}</strong>:{" "}
                  {Number(res.budget.total) <= Number(res.budget.ceiling) ? "binnen de contracteerruimte." : "boven de contracteerruimte."}
                </>
              ) : (
                " (voor dit kader is geen contracteerruimte opgegeven)."
              )}
            </p>
            <BudgetChart
              id="budget-ronde"
              title="Verwachte kosten tegenover de contracteerruimte"
              series={[{ key: "total", label: "Verwachte kosten", color: "#1d5fa8" }]}
              groups={[{ label: "Alle aanbieders", values: { total: res.budget.total } }]}
              reference={res.budget.ceiling ? { label: "Contracteerruimte", value: res.budget.ceiling } : null}
            />
            <details>
              <summary>Per aanbieder</summary>
              <table className="data">
                <caption className="sr-only">Verwachte kosten per aanbieder</caption>
                <thead>
                  <tr>
                    <th scope="col">Aanbieder</th>
                    <th scope="col" className="num">
                      Verwachte kosten
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {res.budget.byProvider.map((b) => (
                    <tr key={b.agbCode}>
                      <td>{b.name}</td>
                      <td className="num">{formatEuro(b.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p className="muted">Geen volumes in het register: geen budget te berekenen.</p>
        )}
      </section>
    </>
  );
}

function Diff({ diff }: { diff: NonNullable<View["diff"]> }) {
  const label = (g: string | null) => (g === null ? "regulier" : (diff.labels[g] ?? g));
  return (
    <section className="panel" aria-labelledby="h-verschil">
      <h2 id="h-verschil">Verschil met ronde {diff.againstNumber}</h2>
      {diff.providers.length === 0 ? (
        <p id="verschil-geen">Geen verschil: elke aanbieder heeft per regel hetzelfde percentage en tarief.</p>
      ) : (
        diff.providers.map((p) => (
          <article key={p.agbCode} aria-labelledby={`verschil-${p.agbCode}`}>
            <h3 id={`verschil-${p.agbCode}`}>
              {p.name ?? p.agbCode} <span className="mono muted">{p.agbCode}</span>
            </h3>
            {p.budgetBefore !== p.budgetAfter ? (
              <p>
                Verwachte kosten: {p.budgetBefore ? formatEuro(p.budgetBefore) : "—"} → {p.budgetAfter ? formatEuro(p.budgetAfter) : "—"}
              </p>
            ) : null}
            <table className="data">
              <caption className="sr-only">Gewijzigde regels van {p.name ?? p.agbCode}</caption>
              <thead>
                <tr>
                  <th scope="col">Prestatie</th>
                  <th scope="col">Doelgroep</th>
                  <th scope="col" className="num">
                    Percentage was
                  </th>
                  <th scope="col" className="num">
                    Percentage wordt
                  </th>
                  <th scope="col" className="num">
                    Tarief was
                  </th>
                  <th scope="col" className="num">
                    Tarief wordt
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.lines.map((l) => (
                  <tr key={`${l.prestatie}-${l.targetGroup ?? ""}`}>
                    <td>{l.prestatie}</td>
                    <td>{label(l.targetGroup)}</td>
                    <td className="num">{l.before ? formatPercent(l.before.percent) : "—"}</td>
                    <td className="num">{l.after ? formatPercent(l.after.percent) : "—"}</td>
                    <td className="num">{l.before ? formatEuro(l.before.tariff) : "—"}</td>
                    <td className="num">{l.after ? formatEuro(l.after.tariff) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))
      )}
    </section>
  );
}
