import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, type MouseEvent } from "react";
import { requireRole } from "~/auth/guards.server";
import { AppErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/lib/dates";
import type { DutchIssue } from "~/lib/kader-issues-nl";
import { getDb } from "~/services/db.server";
import { requireKaderEditor } from "~/services/kaders/access.server";
import { collectAnchors, placeIssues, SECTION_IDS, type PlacedIssue } from "./anchors";
import { handleEditorAction, loadEditor, type EditorActionData } from "./editor.server";
import styles from "./editor.css";
import { EditorContext, type EditorContextValue } from "./fields";
import { MAX_UPLOAD_BYTES, type EditorModel } from "./model";
import { EditorBody } from "./sections";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Kader bewerken: ${data?.title ?? "kader"} — Zorginkoop` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  return loadEditor(getDb(), kader);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  return handleEditorAction(request, user, kader);
}

export const ErrorBoundary = AppErrorBoundary;

const problems = (n: number) => `${n} ${n === 1 ? "probleem" : "problemen"}`;

export default function KaderEditor() {
  const k = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EditorActionData | undefined;
  const navigation = useNavigation();
  const saved = result?.kind === "saved" ? result : null;
  const model = (saved?.model ?? k.model) as EditorModel;
  const issues: DutchIssue[] = saved ? [...saved.issues, ...saved.notes] : k.issues;
  const placed = useMemo(() => placeIssues(issues, collectAnchors(model)), [issues, model]);
  const context = useMemo<EditorContextValue>(() => {
    const byId = new Map<string, PlacedIssue[]>();
    for (const issue of placed) if (issue.target) byId.set(issue.target, [...(byId.get(issue.target) ?? []), issue]);
    return { issues: byId, readOnly: !k.editable, tariffs: k.tariffs };
  }, [placed, k.editable, k.tariffs]);

  // After a save the form is rebuilt from the saved state: put focus where the work goes on.
  useEffect(() => {
    if (!result) return;
    const target = (result.kind === "saved" && result.focus && document.getElementById(result.focus)) || document.getElementById("status");
    target?.focus();
  }, [result]);

  const busy = navigation.state === "submitting";
  const formKey = result?.revision ?? k.draftUpdatedAt;
  return (
    <div className="ke">
      <p>
        <Link to={`/inkoop/kaders/${k.slug}`}>← {k.title}</Link>
      </p>
      <h1>{k.editable ? "Kader bewerken" : "Concept bekijken (alleen-lezen)"}</h1>
      <p>
        <strong>{k.title}</strong> · kenmerk <span className="mono">{k.slug}</span> · fase {k.phaseLabel} · concept laatst bewaard {formatDateTime(k.draftUpdatedAt)}
        {k.tariffTableLabel ? <> · tarieftabel {k.tariffTableLabel}</> : <> · nog geen tarieftabel gekoppeld</>}
      </p>
      {k.publishedVersion !== null && k.editable ? (
        <p className="alert">
          Dit kader is gepubliceerd (versie {k.publishedVersion}). Wat u hier bewaart is het werkexemplaar voor de volgende wijziging: de gepubliceerde versie
          verandert pas als u op de <Link to={`/inkoop/kaders/${k.slug}`}>kaderpagina</Link> een wijziging publiceert met een nota van inlichtingen.
        </p>
      ) : null}
      {k.refusal ? <p className="alert alert--warn">{k.refusal} Hieronder ziet u het laatste concept, alleen-lezen.</p> : null}

      <div id="status" tabIndex={-1} role="status" className="ke-status">
        {saved ? (
          <p className={`alert ${saved.issues.length + saved.notes.length === 0 ? "alert--ok" : "alert--warn"}`}>
            {saved.message}.{" "}
            {saved.issues.length + saved.notes.length === 0
              ? "Geen problemen: het concept is een geldig kader."
              : `${problems(saved.issues.length + saved.notes.length)}; het concept is bewaard, maar nog geen geldig kader.`}
          </p>
        ) : null}
        {result && result.kind !== "saved" ? (
          <div className="alert alert--error">
            <p>{result.message}</p>
            {result.kind === "upload-failed" && result.problems.length > 0 ? (
              <ul>
                {result.problems.map((p, n) => (
                  <li key={n}>{p.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      <IssueSummary issues={placed} />

      <section className="panel ke-file" aria-labelledby="h-bestand">
        <h2 id="h-bestand">Kaderbestand</h2>
        <p>
          Download het concept als <a href={`/inkoop/kaders/${k.slug}/concept.yaml`} download>YAML</a> of{" "}
          <a href={`/inkoop/kaders/${k.slug}/concept.json`} download>JSON</a> (het open kaderformaat). Een geldig concept leest na uploaden terug als hetzelfde kader.
        </p>
        {k.editable ? (
          <Form method="post" encType="multipart/form-data" className="ke-upload" key={`upload-${formKey}`}>
            <div className="field">
              <label htmlFor="kaderbestand">Kaderbestand uploaden (YAML of JSON, hoogstens {MAX_UPLOAD_BYTES / 1024 / 1024} MB)</label>
              <p className="hint" id="kaderbestand-hint">
                Vervangt het hele concept. Een bestand met een syntaxfout verandert niets; inhoudelijke problemen worden gemeld en het concept wordt bewaard.
              </p>
              <input type="file" id="kaderbestand" name="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" aria-describedby="kaderbestand-hint" />
            </div>
            <button type="submit" name="intent" value="upload" className="button button--secondary" disabled={busy}>
              Uploaden en concept vervangen
            </button>
          </Form>
        ) : null}
      </section>

      <Form method="post" className="ke-form" key={formKey} preventScrollReset noValidate>
        <div className="ke-toolbar">
          <button type="submit" name="intent" value="save" className="button" disabled={!k.editable || busy}>
            Concept opslaan
          </button>
          <span className="ke-toolbar__state">
            {k.editable ? null : "Alleen-lezen · "}
            {placed.length === 0 ? "Geldig kader" : <a href="#problemen">{problems(placed.length)}</a>}
            {busy ? " · bezig met opslaan…" : ""}
          </span>
          <nav aria-label="Onderdelen van het kader" className="ke-toc">
            <a href={`#${SECTION_IDS.general}`}>Algemeen</a>
            <a href={`#${SECTION_IDS.baseRate}`}>Basistarief</a>
            <a href={`#${SECTION_IDS.previousYear}`}>Vorig jaar</a>
            <a href={`#${SECTION_IDS.facts}`}>Feiten{model.facts ? ` (${model.facts.length})` : ""}</a>
            <a href={`#${SECTION_IDS.surcharges}`}>Opslagen ({model.surcharges.length})</a>
            <a href={`#${SECTION_IDS.assessment}`}>Beoordeling</a>
          </nav>
        </div>
        <EditorContext.Provider value={context}>
          <fieldset className="ke-body" disabled={!k.editable}>
            <legend className="sr-only">Het kader</legend>
            <EditorBody model={model} />
          </fieldset>
        </EditorContext.Provider>
        <div className="actions">
          <button type="submit" name="intent" value="save" className="button" disabled={!k.editable || busy}>
            Concept opslaan
          </button>
          <Link to={`/inkoop/kaders/${k.slug}`}>Terug naar de kaderpagina</Link>
        </div>
      </Form>
    </div>
  );
}

/** A link in the summary moves focus to the field itself, not just the scroll position. */
function focusTarget(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.focus();
}

function IssueSummary({ issues }: { issues: PlacedIssue[] }) {
  if (issues.length === 0) {
    return <p className="alert alert--ok">Het concept is een geldig kader.</p>;
  }
  return (
    <section className="alert alert--error ke-summary" id="problemen" tabIndex={-1} aria-labelledby="h-problemen">
      <h2 id="h-problemen">{problems(issues.length)} in het concept</h2>
      <p>Het concept is bewaard zoals het is. Los deze problemen op voordat u publiceert:</p>
      <ul>
        {issues.map((i, n) => (
          <li key={n}>
            {i.target ? (
              <a href={`#${i.target}`} onClick={(event) => focusTarget(event, i.target!)}>
                {i.where}
              </a>
            ) : (
              <strong>{i.where}</strong>
            )}
            : {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
