import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ConfirmStep } from "~/components/confirm-step";
import { FormError } from "~/components/field";
import { formatDate, formatDateTime } from "~/lib/dates";
import { requireAwardStaff } from "~/services/award/access.server";
import { inkoperAwardPage } from "~/services/award/pages.server";
import { getDb } from "~/services/db.server";
import { handleAwardAction, type AwardActionResult } from "./actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Gunning ${data?.kader.title ?? ""} — Zorginkoop` },
  // While the letters are written, the page refreshes itself: progress without JavaScript.
  ...(data?.page.letters.running ? [{ httpEquiv: "refresh", content: "2" }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireAwardStaff(request, user, params.slug ?? "", ["inkoper"]);
  return { kader: { slug: kader.slug, title: kader.title }, page: inkoperAwardPage(getDb(), kader) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireAwardStaff(request, user, params.slug ?? "", ["inkoper"]);
  return handleAwardAction(request, user, kader);
}

function Done() {
  const [params] = useSearchParams();
  const n = (key: string) => Number(params.get(key) ?? "0");
  const lines: string[] = [];
  if (params.has("voorbereid")) lines.push(`U heeft ${n("voorbereid")} ${n("voorbereid") === 1 ? "besluit" : "besluiten"} voorbereid${n("vervangen") > 0 ? `; ${n("vervangen")} eerdere vervangen` : ""}.`);
  if (params.has("gewijzigd")) lines.push("De uitkomst van het besluit is vastgelegd.");
  if (params.has("aangeboden")) lines.push(`U heeft ${n("aangeboden")} ${n("aangeboden") === 1 ? "besluit" : "besluiten"} ter toetsing aangeboden aan de jurist.`);
  if (params.has("verzonden")) lines.push(`U heeft ${n("verzonden")} ${n("verzonden") === 1 ? "besluit" : "besluiten"} verzonden. De opschortende termijn is begonnen; de brieven worden nu opgemaakt.`);
  if (params.has("brieven")) lines.push("Het opmaken van de ontbrekende brieven is (opnieuw) gestart.");
  if (params.has("gecorrigeerd"))
    lines.push(
      `U heeft ${n("gecorrigeerd")} ${n("gecorrigeerd") === 1 ? "gecorrigeerd besluit" : "gecorrigeerde besluiten"} voorbereid${n("vervangen") > 0 ? `; ${n("vervangen")} eerder voorbereide correctie(s) vervangen` : ""}. Bied ${n("gecorrigeerd") === 1 ? "het" : "ze"} ter toetsing aan bij de jurist.`,
    );
  if (params.has("definitief")) lines.push("U heeft definitief gegund. Het kader staat op „Definitief gegund”.");
  return lines.length ? (
    <div className="alert alert--ok" role="status" id="melding">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  ) : null;
}

export default function AwardPage() {
  const { kader, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AwardActionResult | undefined;
  const base = `/inkoop/kaders/${kader.slug}/gunning`;
  const editable = (s: string) => s === "concept" || s === "teruggestuurd";
  const toSubmit = page.counts.concept + page.counts.teruggestuurd;
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${kader.slug}`}>← {kader.title}</Link>
      </p>
      <h1>Gunning</h1>
      <p>
        {kader.title} · kenmerk <span className="mono">{kader.slug}</span>
      </p>
      <p>
        Per aanbieder van een afgeronde scoringsronde bereidt u een besluit voorlopige gunning voor: gecontracteerd of niet (met de reden). De brief wordt opgemaakt uit
        de opgeslagen scoringsronde en de vastgestelde scores met hun motivering; er wordt niets opnieuw berekend. Een jurist toetst elk besluit met de
        consistentiecontroles en keurt het goed of stuurt het terug. Pas als alle besluiten zijn goedgekeurd, verzendt u ze tegelijk; dan begint de opschortende termijn
        van 20 kalenderdagen en staat het kader op „Voorlopig gegund”. Binnen die termijn kan een aanbieder bezwaar maken tegen zijn besluit; verklaart de jurist
        het (deels) gegrond, dan corrigeert u de scores, start u een correctieronde en bereidt u hier het gecorrigeerde besluit voor, dat opnieuw langs de jurist
        gaat. Na de termijn, zonder open bezwaren tegen een besluit en zonder gecorrigeerde besluiten die nog verzonden moeten worden, gunt u definitief.
      </p>
      <Done />
      <FormError message={result?.errors._form} />
      {result?.confirm ? <ConfirmStep confirm={result.confirm} cancelTo={base} /> : null}
      {result?.notApproved && result.notApproved.length > 0 ? (
        <ul aria-label="Niet goedgekeurde besluiten">
          {result.notApproved.map((n) => (
            <li key={n.decisionId}>
              {n.provider}: {n.state.toLowerCase()}
            </li>
          ))}
        </ul>
      ) : null}

      <section className="panel" aria-labelledby="h-voorbereiden">
        <h2 id="h-voorbereiden">Besluiten voorbereiden</h2>
        {page.runs.length === 0 ? (
          <p>
            Er is nog geen afgeronde scoringsronde. <Link to={`/inkoop/kaders/${kader.slug}/scoringsrondes`}>Naar de scoringsrondes</Link>
          </p>
        ) : page.anySent ? (
          <p>De besluiten van dit kader zijn verzonden. Een gecorrigeerd besluit volgt alleen uit een bezwaar.</p>
        ) : (
          <Form method="post" noValidate className="actions">
            <input type="hidden" name="intent" value="voorbereiden" />
            <div className="field">
              <label htmlFor="ronde">Scoringsronde</label>
              <select id="ronde" name="ronde" defaultValue={String(page.runs[0]!.id)}>
                {page.runs.map((r, i) => (
                  <option key={r.id} value={r.id}>
                    Ronde {r.number}
                    {r.finishedAt ? `, ${formatDateTime(r.finishedAt)}` : ""}
                    {i === 0 ? " (nieuwste)" : ""}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              Besluiten voorbereiden
            </button>
          </Form>
        )}
      </section>

      <section className="panel" aria-labelledby="h-besluiten">
        <h2 id="h-besluiten">Besluiten{page.currentRunNumber !== null ? ` (scoringsronde ${page.currentRunNumber})` : ""}</h2>
        {page.decisions.length === 0 ? (
          <p className="muted">Er zijn nog geen besluiten voorbereid.</p>
        ) : (
          <>
            {toSubmit > 0 ? (
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="aanbieden" />
                <button type="submit" className="button">
                  {toSubmit === 1 ? "1 besluit ter toetsing aanbieden" : `Alle ${toSubmit} concepten en teruggestuurde besluiten ter toetsing aanbieden`}
                </button>
              </Form>
            ) : null}
            {page.decisions.map((d) => (
              <article key={d.id} id={`besluit-${d.id}`} className="panel" aria-labelledby={`h-besluit-${d.id}`}>
                <h3 id={`h-besluit-${d.id}`}>
                  {d.provider} <span className="muted mono">{d.agbCode}</span>
                </h3>
                <dl>
                  <dt>Status</dt>
                  <dd data-testid="status">{d.stateLabel}</dd>
                  {d.replacesId !== null ? (
                    <>
                      <dt>Gecorrigeerd besluit</dt>
                      <dd>vervangt het verzonden besluit {d.replacesId}</dd>
                    </>
                  ) : null}
                  <dt>Uitkomst</dt>
                  <dd>{d.contracted ? "Gecontracteerd" : `Niet gecontracteerd: ${d.reason ?? ""}`}</dd>
                  <dt>Voorbereid</dt>
                  <dd>
                    {d.preparedBy}, {formatDateTime(d.preparedAt)}
                  </dd>
                  {d.returnRemark && d.state === "teruggestuurd" ? (
                    <>
                      <dt>Opmerking van de jurist</dt>
                      <dd>
                        {d.returnRemark} ({d.returnedBy}, {d.returnedAt ? formatDateTime(d.returnedAt) : ""})
                      </dd>
                      <dd className="hint">Als u het opnieuw ter toetsing aanbiedt, wordt de brief opnieuw opgemaakt uit de scoringsronde en de scores zoals ze dan zijn.</dd>
                    </>
                  ) : null}
                  {d.approvedBy && d.approvedAt ? (
                    <>
                      <dt>Goedgekeurd</dt>
                      <dd>
                        {d.approvedBy}, {formatDateTime(d.approvedAt)}
                      </dd>
                    </>
                  ) : null}
                  {d.sentAt ? (
                    <>
                      <dt>Verzonden</dt>
                      <dd>
                        {formatDateTime(d.sentAt)}; bezwaar mogelijk tot en met {d.standstillLastDay ? formatDate(d.standstillLastDay) : ""} (24:00 uur)
                      </dd>
                    </>
                  ) : null}
                  <dt>Brief</dt>
                  <dd>
                    <a href={`${base}/${d.id}/brief.pdf`} download>
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
                {editable(d.state) ? (
                  <Form method="post" noValidate action={`${base}#besluit-${d.id}`}>
                    <input type="hidden" name="intent" value="uitkomst" />
                    <input type="hidden" name="besluit" value={d.id} />
                    <fieldset>
                      <legend>Uitkomst voor {d.provider}</legend>
                      <label>
                        <input type="radio" name="gecontracteerd" value="ja" defaultChecked={d.contracted} /> Gecontracteerd
                      </label>{" "}
                      <label>
                        <input type="radio" name="gecontracteerd" value="nee" defaultChecked={!d.contracted} /> Niet gecontracteerd
                      </label>
                    </fieldset>
                    <div className={`field${result?.errors[`reden-${d.id}`] ? " field--error" : ""}`}>
                      <label htmlFor={`reden-${d.id}`}>Reden (verplicht als de aanbieder niet wordt gecontracteerd)</label>
                      <textarea
                        id={`reden-${d.id}`}
                        name="reden"
                        rows={2}
                        maxLength={2000}
                        defaultValue={d.reason ?? ""}
                        aria-invalid={result?.errors[`reden-${d.id}`] ? true : undefined}
                        aria-describedby={result?.errors[`reden-${d.id}`] ? `reden-${d.id}-fout` : undefined}
                      />
                      {result?.errors[`reden-${d.id}`] ? (
                        <p className="field-error" id={`reden-${d.id}-fout`}>
                          {result.errors[`reden-${d.id}`]}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit" className="button button--secondary">
                      Uitkomst opslaan
                    </button>
                  </Form>
                ) : null}
                {editable(d.state) ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="aanbieden" />
                    <input type="hidden" name="besluit" value={d.id} />
                    <button type="submit" className="button">
                      Dit besluit ter toetsing aanbieden
                    </button>
                  </Form>
                ) : null}
              </article>
            ))}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="h-verzenden">
        <h2 id="h-verzenden">Verzenden</h2>
        {page.send.ok ? (
          <Form method="post">
            <input type="hidden" name="intent" value="verzenden" />
            <p>Alle {page.send.count} besluiten zijn goedgekeurd door een jurist.</p>
            <button type="submit" className="button">
              Alle goedgekeurde besluiten verzenden
            </button>
          </Form>
        ) : (
          <p id="verzenden-niet-mogelijk">{page.send.message}</p>
        )}
      </section>

      {page.final ? (
        <section className="panel" aria-labelledby="h-bezwaren">
          <h2 id="h-bezwaren">Bezwaren en gecorrigeerde besluiten</h2>
          {page.objections.length === 0 ? (
            <p>Er is geen bezwaar tegen een besluit van dit kader ingediend.</p>
          ) : (
            <ul aria-label="Bezwaren tegen besluiten">
              {page.objections.map((o) => (
                <li key={o.id}>
                  Bezwaar {o.id} van {o.provider} tegen besluit {o.decisionId}: {o.state}
                </li>
              ))}
            </ul>
          )}
          {page.correction?.ok ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="corrigeren" />
              <p>
                Uit scoringsronde {page.correction.runNumber} krijgen een gecorrigeerd besluit:{" "}
                {page.correction.affected.map((a) => `${a.provider} (${a.objected ? "bezwaar gegrond" : "uitkomst verandert"}; vervangt ${a.replaces})`).join(", ")}.
              </p>
              <div className={`field${result?.errors.reden ? " field--error" : ""}`}>
                <label htmlFor="correctie-reden">Reden van de correctie (de aanbieder leest haar in het besluit)</label>
                <textarea
                  id="correctie-reden"
                  name="reden"
                  rows={3}
                  maxLength={2000}
                  aria-invalid={result?.errors.reden ? true : undefined}
                  aria-describedby={result?.errors.reden ? "correctie-reden-fout" : undefined}
                />
                {result?.errors.reden ? (
                  <p className="field-error" id="correctie-reden-fout">
                    {result.errors.reden}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="button">
                Gecorrigeerde besluiten voorbereiden
              </button>
            </Form>
          ) : (
            <p id="correctie-niet-mogelijk">{page.correction?.message}</p>
          )}
          <p className="hint">
            Scores corrigeert u als voorzitter bij <Link to={`/inkoop/kaders/${kader.slug}/beoordeling`}>de beoordeling</Link> (de consensus opnieuw vaststellen);
            daarna start u bij <Link to={`/inkoop/kaders/${kader.slug}/scoringsrondes`}>de scoringsrondes</Link> een correctieronde met de reden.
          </p>
        </section>
      ) : null}

      {page.final ? (
        <section className="panel" aria-labelledby="h-definitief">
          <h2 id="h-definitief">Definitief gunnen</h2>
          {page.final.done ? (
            <p id="definitief-status">Dit kader is definitief gegund.</p>
          ) : page.final.check.ok ? (
            <Form method="post">
              <input type="hidden" name="intent" value="definitief" />
              <p id="definitief-status">De opschortende termijn van elk verzonden besluit is voorbij en er staat geen bezwaar tegen een besluit of gecorrigeerd besluit meer open.</p>
              <button type="submit" className="button">
                Definitief gunnen
              </button>
            </Form>
          ) : (
            <div id="definitief-status">
              <p>Definitief gunnen kan nog niet:</p>
              <ul>
                {page.final.check.reasons.map((r) => (
                  <li key={r.code}>{r.message}</li>
                ))}
              </ul>
            </div>
          )}
          {page.final.basistarief.length > 0 ? (
            <div id="definitief-basistarief">
              <p>
                Ter informatie: er {page.final.basistarief.length === 1 ? "staat 1 bezwaar" : `staan ${page.final.basistarief.length} bezwaren`} tegen het basistarief open. Dat bezwaar
                gaat over het basispercentage van het kader en wordt in de jaarlijkse bezwaarperiode behandeld; het houdt het definitief gunnen niet op.
              </p>
              <ul aria-label="Open bezwaren tegen het basistarief">
                {page.final.basistarief.map((o) => (
                  <li key={o.id}>
                    Bezwaar {o.id} van {o.provider}: {o.state}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {page.letters.total > 0 ? (
        <section className="panel" aria-labelledby="h-brieven">
          <h2 id="h-brieven">Brieven</h2>
          <p id="brieven-voortgang" role="status">
            {page.letters.written} van {page.letters.total} brieven opgemaakt{page.letters.running ? "; bezig (deze pagina ververst zichzelf)" : page.letters.written === page.letters.total ? "." : "; onderbroken."}
          </p>
          <progress max={page.letters.total} value={page.letters.written} aria-labelledby="brieven-voortgang" />
          {!page.letters.running && page.letters.written < page.letters.total ? (
            <Form method="post">
              <input type="hidden" name="intent" value="brieven" />
              <button type="submit" className="button">
                Ontbrekende brieven opmaken (hervatten)
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
