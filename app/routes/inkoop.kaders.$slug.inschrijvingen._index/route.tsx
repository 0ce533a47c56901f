import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { refuse, requireRole } from "~/auth/guards.server";
import { ConfirmStep } from "~/components/confirm-step";
import { FormError } from "~/components/field";
import { formatDateTime } from "~/lib/dates";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/services/db.server";
import { requireKader, requireKaderEditor } from "~/services/kaders/access.server";
import { OPENING_CONFIRM_WINDOW_MS } from "~/services/submissions/opening.server";
import { submissionsOverview, type ProviderSummary } from "~/services/submissions/staff.server";
import type { Confirmation } from "../inkoop.kaders.$slug._index/confirm";
import { handleOpeningAction, openingDoneMessage, type OpeningActionResult } from "./actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Inschrijvingen ${data?.kader.title ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, ["inkoper", "beoordelaar", "jurist"]);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  const result = submissionsOverview(user, kader.slug);
  if (!result.ok) throw refuse(getDb(), user, request, { status: 404, reason: "submissions overview refused" });
  return {
    kader: { slug: kader.slug, title: kader.title },
    overview: result.overview,
    isInkoper: user.roles.includes("inkoper"),
    // From the loader: a value imported from a .server module is empty in the browser bundle.
    confirmMinutes: OPENING_CONFIRM_WINDOW_MS / 60_000,
    done: openingDoneMessage(request, user, kader),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  return handleOpeningAction(request, user, kader);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Submissions() {
  const { kader, overview: o, isInkoper, done, confirmMinutes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as OpeningActionResult | undefined;
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${kader.slug}`}>← {kader.title}</Link>
      </p>
      <h1>Inschrijvingen</h1>
      <p>
        {kader.title} · kenmerk <span className="mono">{kader.slug}</span>
      </p>
      {done && !result ? (
        <div className="alert alert--ok" role="status" id="melding">
          {done}
        </div>
      ) : null}
      <FormError message={result?.errors._form} />
      {o.phase === "opened" ? <Opened o={o} slug={kader.slug} /> : <Sealed o={o} slug={kader.slug} isInkoper={isInkoper} confirm={result?.confirm ?? null} minutes={confirmMinutes} />}
    </>
  );
}

function Sealed({ o, slug, isInkoper, confirm, minutes }: { o: Exclude<Data["overview"], { phase: "opened" }>; slug: string; isInkoper: boolean; confirm: Confirmation | null; minutes: number }) {
  const s = o.opening;
  return (
    <section className="panel" aria-labelledby="h-verzegeld">
      <h2 id="h-verzegeld">Verzegeld</h2>
      <p>
        Aantal inschrijvingen: <strong id="aantal-inschrijvingen">{o.count}</strong>
      </p>
      <p>Sluitingstijd: {s.closesAt ? formatDateTime(s.closesAt) : "nog niet gepubliceerd"}</p>
      {s.state === "not_yet" ? (
        <p>
          De inschrijvingen zijn verzegeld tot de sluitingstijd. Tot dan ziet niemand bij het zorgkantoor wie er heeft ingeschreven of wat: u ziet alleen hoeveel
          aanbieders een geldige inschrijving hebben. Na de sluitingstijd openen twee inkopers de inschrijvingen samen: de een start de opening, een ander bevestigt
          haar binnen {minutes} minuten. Pas daarna zijn de inschrijvingen te lezen.
        </p>
      ) : (
        <p>
          De sluitingstijd is verstreken. De inschrijvingen blijven verzegeld tot twee inkopers ze samen openen: de een start de opening, een ander bevestigt haar
          binnen {minutes} minuten.
        </p>
      )}
      {s.state === "ready" ? (
        <>
          {s.lapsed ? (
            <p className="muted">
              {s.lapsed.startedBy.name} startte de opening op {formatDateTime(s.lapsed.startedAt)}, maar niemand bevestigde haar op tijd; de start is vervallen.
            </p>
          ) : null}
          {confirm?.intent === "start" ? <ConfirmStep confirm={confirm} cancelTo={`/inkoop/kaders/${slug}/inschrijvingen`} /> : null}
          {s.canStart && confirm?.intent !== "start" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button">
                Opening starten
              </button>
            </Form>
          ) : null}
          {!s.canStart ? <p className="muted">Een inkoper van het zorgkantoor start de opening.</p> : null}
        </>
      ) : null}
      {s.state === "waiting" ? (
        <>
          <p>
            <strong>{s.startedBy.name}</strong> startte de opening op {formatDateTime(s.startedAt)}. Een tweede, andere inkoper moet haar bevestigen vóór{" "}
            <strong>{formatDateTime(s.confirmBefore)}</strong>.
          </p>
          {confirm?.intent === "confirm" ? <ConfirmStep confirm={confirm} cancelTo={`/inkoop/kaders/${slug}/inschrijvingen`} /> : null}
          {s.canConfirm && confirm?.intent !== "confirm" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <button type="submit" className="button">
                Opening bevestigen
              </button>
            </Form>
          ) : null}
          {!s.canConfirm && isInkoper ? <p className="muted">U heeft de opening zelf gestart; een andere inkoper moet haar bevestigen.</p> : null}
        </>
      ) : null}
    </section>
  );
}

function ProviderTable({ rows, slug, caption }: { rows: ProviderSummary[]; slug: string; caption: string }) {
  return (
    <table className="data">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Aanbieder</th>
          <th scope="col">AGB-code</th>
          <th scope="col">Status</th>
          <th scope="col">Ontvangen (Nederlandse tijd)</th>
          <th scope="col">SHA-256 van de inhoud</th>
          <th scope="col" className="num">
            Versies
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.provider.id}>
            <td>
              <Link to={`/inkoop/kaders/${slug}/inschrijvingen/${p.provider.id}`}>{p.provider.name}</Link>
            </td>
            <td className="mono">{p.provider.agb ?? "—"}</td>
            <td>{p.state === "submitted" ? "ingediend" : "ingetrokken"}</td>
            <td className="mono">{p.current.receivedAtAmsterdam}</td>
            <td className="mono">{p.current.contentSha256 ?? "—"}</td>
            <td className="num">{p.versions}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Opened({ o, slug }: { o: Extract<Data["overview"], { phase: "opened" }>; slug: string }) {
  const s = o.opening;
  return (
    <>
      <section className="panel" aria-labelledby="h-opening">
        <h2 id="h-opening">Geopend</h2>
        <p>
          Geopend op {formatDateTime(s.completedAt)}: gestart door {s.startedBy.name} ({formatDateTime(s.startedAt)}), bevestigd door {s.confirmedBy.name}. Sluitingstijd was{" "}
          {formatDateTime(s.closesAt)}.
        </p>
        <p>
          <a className="button button--secondary" href={`/inkoop/kaders/${slug}/proces-verbaal.pdf`} download>
            Proces-verbaal van opening (PDF)
          </a>
        </p>
      </section>

      <section className="panel" aria-labelledby="h-lijst">
        <h2 id="h-lijst">Inschrijvingen op kaderversie {o.currentKaderVersion}</h2>
        {o.providers.length === 0 ? <p className="muted">Geen inschrijvingen.</p> : <ProviderTable rows={o.providers} slug={slug} caption="Inschrijvingen" />}
      </section>

      <section className="panel" aria-labelledby="h-onbevestigd">
        <h2 id="h-onbevestigd">Niet bevestigd na wijziging van het kader</h2>
        <p>
          Deze inschrijvingen beantwoorden een eerdere versie van het kader: het kader is gewijzigd nadat ze waren ingediend, en de aanbieder heeft ze daarna niet bevestigd
          of vervangen.
        </p>
        {o.unconfirmed.length === 0 ? <p className="muted">Geen.</p> : <ProviderTable rows={o.unconfirmed} slug={slug} caption="Niet bevestigd na wijziging van het kader" />}
      </section>

      <section className="panel" aria-labelledby="h-modules">
        <h2 id="h-modules">Per module en doelgroep</h2>
        {o.modules.length === 0 ? <p className="muted">Dit kader heeft geen modules met plannen.</p> : null}
        {o.modules.map((m) => (
          <article key={m.id} aria-labelledby={`module-${m.id}`}>
            <h3 id={`module-${m.id}`}>{m.label}</h3>
            {m.groups.map((g) => (
              <div key={g.id ?? ""}>
                {g.label ? <h4>{g.label}</h4> : null}
                {g.providers.length === 0 ? (
                  <p className="muted">Geen plannen.</p>
                ) : (
                  <table className="data">
                    <caption className="sr-only">
                      {m.label}
                      {g.label ? `, ${g.label}` : ""}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Aanbieder</th>
                        {g.id !== null ? (
                          <th scope="col" className="num">
                            Capaciteit (plaatsen)
                          </th>
                        ) : null}
                      </tr>
                    </thead>
                    <tbody>
                      {g.providers.map((p) => (
                        <tr key={p.providerId}>
                          <td>
                            <Link to={`/inkoop/kaders/${slug}/inschrijvingen/${p.providerId}`}>{p.name}</Link>
                            {p.unconfirmed ? <span className="badge badge--warn"> niet bevestigd na wijziging van het kader</span> : null}
                          </td>
                          {g.id !== null ? <td className="num">{p.capacity === null ? "—" : formatNumber(String(p.capacity))}</td> : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            ))}
          </article>
        ))}
      </section>
    </>
  );
}
