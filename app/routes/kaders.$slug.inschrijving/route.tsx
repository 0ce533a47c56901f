import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { refuse } from "~/auth/guards.server";
import { formatDateTime } from "~/lib/dates";
import { factChecksForProvider } from "~/services/assessment/facts.server";
import { kaderBySlug } from "~/services/assessment/state.server";
import { getDb } from "~/services/db.server";
import { formPath } from "~/lib/submission-paths";
import { handleFormActionDurably, loadFormPage, requireSubmissionContext, UPLOAD_ERRORS } from "~/services/submissions/form-page.server";
import { SubmissionForm, type ActionData } from "./form";
import { VersionsTable } from "./versions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Inschrijving ${data?.page.title ?? ""} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const { user, ctx } = requireSubmissionContext(request, slug);
  const page = loadFormPage(user, slug, getDb(), new Date(), ctx);
  if (!page) throw refuse(getDb(), user, request, { status: 404, reason: `inschrijving ${slug} not available` });
  // The zorgkantoor's establishments and checks of this provider's facts (issue 11): its own, so always visible to it.
  const kaderRow = kaderBySlug(getDb(), slug);
  const factChecks = kaderRow && user.organisation ? factChecksForProvider(getDb(), kaderRow.id, user.organisation.id) : [];
  return { page, uploadErrors: UPLOAD_ERRORS, factChecks };
}

/**
 * The form's one action (form-urlencoded): `intent` = save | submit | withdraw | confirm |
 * remove-attachment:<sha256>, with `idempotencyKey` and `kaderVersion`. A submit that is
 * received answers 303 to its receipt; a refusal answers 4xx with the errors at the fields.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const slug = params.slug ?? "";
  const { user, ctx } = requireSubmissionContext(request, slug);
  const form = await request.formData();
  const outcome = await handleFormActionDurably(user, slug, form, getDb(), new Date(), ctx);
  switch (outcome.kind) {
    case "not_found":
      throw refuse(getDb(), user, request, { status: 404, reason: `inschrijving ${slug} not available` });
    case "redirect":
      return redirect(outcome.location, 303);
    case "saved":
      return data({ saved: true as const, updatedAt: outcome.updatedAt, changed: outcome.changed, errors: null, values: null, message: null, attachments: null });
    case "page":
      return data(
        { saved: false as const, updatedAt: null, changed: false, errors: outcome.errors, values: outcome.values, message: outcome.message, attachments: outcome.attachments ?? null },
        { status: outcome.status },
      );
  }
}

/** An autosave changes nothing on the page: no reload of its data (which would also renew the form's key). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "save" ? false : defaultShouldRevalidate;

export default function InschrijvingPage() {
  const { page, uploadErrors, factChecks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [search] = useSearchParams();
  const errors: Record<string, string> = result?.errors ?? {};
  const uploadCode = search.get("bijlagefout");
  const uploadPurpose = search.get("doel") ?? "algemeen";
  const uploadError = uploadCode && Object.prototype.hasOwnProperty.call(uploadErrors, uploadCode) ? uploadErrors[uploadCode] : null;
  const askWithdraw = search.get("intrekken") === "1";
  const current = page.versions[0];
  const closes = formatDateTime(page.closesAt);

  return (
    <>
      <p>
        <Link to={`/kaders/${page.slug}`}>← Terug naar het kader</Link>
      </p>
      <h1>Inschrijving: {page.title}</h1>
      {factChecks.length > 0 ? (
        <section className="panel" aria-labelledby="h-feitencontrole" id="feitencontrole">
          <h2 id="h-feitencontrole">Feiten zoals het zorgkantoor ze vaststelde</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Feit</th>
                <th scope="col">Uw verklaring</th>
                <th scope="col">Vastgesteld</th>
                <th scope="col">Toelichting</th>
              </tr>
            </thead>
            <tbody>
              {factChecks.map((f) => (
                <tr key={f.factId}>
                  <th scope="row">{f.label}</th>
                  <td>{f.declared ?? "—"}</td>
                  <td>
                    {f.value} ({f.kind === "established" ? "vastgesteld door het zorgkantoor" : f.kind === "accepted" ? "uw verklaring geaccepteerd" : "uw verklaring gecorrigeerd"})
                  </td>
                  <td>{f.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <div className="panel">
        <dl className="facts">
          <dt>Zorgkantoor</dt>
          <dd>{page.zorgkantoor}</dd>
          <dt>Versie van het kader</dt>
          <dd>versie {page.kaderVersion}</dd>
          <dt>Sluitingstijd</dt>
          <dd>
            {closes}
            {page.timeLeft ? <> ({page.timeLeft})</> : page.notYetOpen ? <> (de inschrijving opent {formatDateTime(page.opensAt)})</> : <> (gesloten)</>}
          </dd>
          <dt>Stand</dt>
          <dd>
            {page.status.state === "none" ? "Nog niet ingeschreven" : page.status.state === "withdrawn" ? `Ingetrokken (versie ${current!.receipt.version})` : `Ingeschreven (versie ${current!.receipt.version}, ontvangen ${current!.receipt.receivedAtAmsterdam})`}
            {page.status.needsConfirmation ? " — te bevestigen" : ""}
          </dd>
        </dl>
      </div>

      {errors._form ? (
        <div className="alert alert--error" role="alert">
          {errors._form}
        </div>
      ) : null}
      {search.get("bijlage") === "toegevoegd" && !result ? (
        <div className="alert alert--ok" role="status">
          De bijlage is toegevoegd aan uw concept. Verstuur uw inschrijving om haar mee te sturen.
        </div>
      ) : null}
      {search.get("bijlage") === "verwijderd" && !result ? (
        <div className="alert alert--ok" role="status">
          De bijlage is uit uw concept gehaald. Het bestand zelf blijft bewaard, maar hoort niet meer bij uw inschrijving zodra u die verstuurt.
        </div>
      ) : null}
      {result?.saved ? (
        <div className="alert alert--ok" role="status">
          {result.changed && result.updatedAt ? `Uw concept is bewaard (${formatDateTime(result.updatedAt)}).` : "Uw concept was al bewaard; er is niets gewijzigd."}
        </div>
      ) : null}

      {page.answeredKaderVersion !== null ? (
        <section className="alert alert--warn" aria-labelledby="te-bevestigen">
          <h2 id="te-bevestigen">Te bevestigen: het kader is gewijzigd</h2>
          <p>
            Uw inschrijving (versie {current!.receipt.version}) beantwoordt versie {page.answeredKaderVersion} van het kader. Het zorgkantoor heeft het kader sindsdien gewijzigd; de geldende
            versie is versie {page.kaderVersion}. Lees wat er is gewijzigd in de <Link to={`/kaders/${page.slug}#notas`}>nota&apos;s van inlichtingen</Link>.
          </p>
          {page.open ? (
            <>
              <p>
                Bevestig uw inschrijving ongewijzigd, of pas het formulier hieronder aan en vervang haar. Bevestigen maakt een nieuwe versie met dezelfde inhoud en een eigen
                ontvangstbewijs. Zonder bevestiging telt uw inschrijving bij de opening als onbevestigd.
              </p>
              <form method="post" action={formPath(page.slug)}>
                {/* Each form of the page its own key: a key is one attempt of one kind. */}
                <input type="hidden" name="idempotencyKey" value={`${page.idempotencyKey}-bevestigen`} />
                <button type="submit" className="button" name="intent" value="confirm">
                  Ongewijzigd bevestigen
                </button>
              </form>
            </>
          ) : null}
        </section>
      ) : null}

      {page.open ? (
        <>
          <SubmissionForm page={page} result={result} errors={errors} uploadError={uploadError ? { purpose: uploadPurpose, message: uploadError } : null} />
          <Autosave enabled={page.open} />
        </>
      ) : page.notYetOpen ? (
        <p className="alert">De inschrijving voor dit kader is nog niet geopend. U kunt inschrijven vanaf {formatDateTime(page.opensAt)}.</p>
      ) : (
        <p className="alert">
          De sluitingstijd ({closes}) is verstreken. U kunt niet meer inschrijven, vervangen of intrekken. Hieronder staan uw versies en ontvangstbewijzen.
        </p>
      )}

      <VersionsTable page={page} />

      {page.open && page.status.state === "submitted" ? (
        askWithdraw ? (
          <section className="confirm" id="intrekken" aria-labelledby="intrekken-kop">
            <h3 id="intrekken-kop">Inschrijving intrekken?</h3>
            <p>
              Intrekken legt een nieuwe versie vast: &quot;ingetrokken&quot;, met een eigen ontvangstbewijs. Uw eerdere versies blijven bewaard zoals ze zijn ontvangen. Bij de opening ziet het
              zorgkantoor dat u uw inschrijving heeft ingetrokken. Tot de sluitingstijd ({closes}) kunt u daarna opnieuw inschrijven.
            </p>
            <form method="post" action={formPath(page.slug)} className="actions">
              <input type="hidden" name="idempotencyKey" value={`${page.idempotencyKey}-intrekken`} />
              <button type="submit" className="button button--danger" name="intent" value="withdraw">
                Ja, inschrijving intrekken
              </button>
              <Link to={formPath(page.slug)}>Nee, niet intrekken</Link>
            </form>
          </section>
        ) : (
          <p>
            <Link to={`${formPath(page.slug)}?intrekken=1#intrekken`}>Inschrijving intrekken…</Link>
          </p>
        )
      ) : null}
    </>
  );
}

/**
 * With JavaScript: saves the form as a draft 10 seconds after the first change (not on every
 * key), and only when it differs from what was saved last. Without JavaScript the "Concept
 * bewaren" button does the same.
 */
function Autosave({ enabled }: { enabled: boolean }) {
  const fetcher = useFetcher<{ saved?: boolean; updatedAt?: string | null }>();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSent = useRef<string | null>(null);
  const [said, setSaid] = useState("");

  useEffect(() => {
    if (!enabled) return;
    const form = document.getElementById("inschrijfformulier") as HTMLFormElement | null;
    if (!form) return;
    const serialise = () => {
      const params = new URLSearchParams();
      for (const [name, value] of new FormData(form)) if (typeof value === "string" && name !== "intent") params.append(name, value);
      return params;
    };
    lastSent.current = serialise().toString();
    const onChange = () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        const params = serialise();
        const key = params.toString();
        if (key === lastSent.current) return;
        lastSent.current = key;
        params.set("intent", "save");
        fetcher.submit(params, { method: "post", action: form.getAttribute("action") ?? undefined });
      }, 10_000);
    };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    return () => {
      form.removeEventListener("input", onChange);
      form.removeEventListener("change", onChange);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
    // The listeners are set once per page; fetcher.submit keeps working across renders.
  }, [enabled]);

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.saved && fetcher.data.updatedAt) setSaid(`Concept automatisch bewaard (${formatDateTime(fetcher.data.updatedAt)}).`);
    else if (fetcher.state === "idle" && fetcher.data && !fetcher.data.saved) setSaid("Het concept kon niet automatisch worden bewaard. Gebruik de knop Concept bewaren.");
  }, [fetcher.state, fetcher.data]);

  return (
    <p className="muted" role="status" aria-live="polite">
      {said}
    </p>
  );
}
