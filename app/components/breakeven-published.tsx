// The published kader's "Reële-tarieventoets" section (issue 13): the method, the assumptions and
// the outcome in aggregates (no provider's figures), the justification when it failed, the files
// and three steps to check it; a provider also sees its own line.
import { TraceList } from "~/components/trace-list";
import { formatEuro, formatPercent } from "~/lib/format";
import type { PublishedBreakevenView } from "~/services/kaders/breakeven.server";

const pct = (v: string, decimals = 2) => formatPercent(v, { decimals });
const plain = (v: string) => formatPercent(v);

export function BreakevenPublished({ view, slug, version }: { view: PublishedBreakevenView | null; slug: string; version: number }) {
  if (!view) {
    return (
      <section className="panel" aria-labelledby="h-rtt">
        <h2 id="h-rtt">Reële-tarieventoets</h2>
        <p className="muted">Bij deze versie is geen reële-tarieventoets gepubliceerd.</p>
      </section>
    );
  }
  const testFile = `/kaders/${slug}/reele-tarieventoets.json?versie=${version}`;
  const inputsFile = `/kaders/${slug}/reele-tarieventoets-invoer.json?versie=${version}`;
  const kaderFile = `/kaders/${slug}/kader.json?versie=${version}`;
  return (
    <section className="panel" aria-labelledby="h-rtt">
      <h2 id="h-rtt">Reële-tarieventoets</h2>
      <p data-testid="rtt-gepubliceerd">
        <strong>{view.passes ? "Geslaagd" : "Niet geslaagd"}:</strong> aanbieders met {pct(view.share)} van de Wlz-omzet halen bij het basistarief van {plain(view.basistarief)}{" "}
        minstens break-even; de drempel is {plain(view.threshold)} ({view.ruling.ref}).{" "}
        {view.breakEven === null ? "Ook bij het hoogste basistarief wordt de drempel niet gehaald." : `De drempel wordt gehaald vanaf een basistarief van ${pct(view.breakEven)}.`}
      </p>
      {!view.passes && view.justification ? (
        <div className="card">
          <h3>Motivering van het zorgkantoor</h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{view.justification}</p>
        </div>
      ) : null}
      <h3>Methode</h3>
      <p>
        Per aanbieder met een jaarrekening: de Wlz-omzet tegen de tarieven van dit kader (berekend door de rekenkern uit de volumes, of geschaald uit de jaarrekening
        als volumes ontbreken), plus de overige omzet, min de kosten uit de jaarrekening (geïndexeerd), plus het financieel resultaat (financiële baten min lasten). Een
        aanbieder draait break-even bij een resultaat van 0 of meer. Het aandeel is de Wlz-omzet uit de jaarrekeningen van die aanbieders, gedeeld door die van alle
        meegetelde aanbieders. De toets slaagt als het aandeel minstens de drempel is. Het break-evenpercentage is het laagste basistarief (in stappen van 0,01 %)
        waarbij de toets slaagt. De methode staat volledig in <code>docs/spec/breakeven.md</code> van het platform.
      </p>
      <h3>Uitgangspunten</h3>
      <ul>
        <li>Kostenindexatie: {plain(view.assumptions.costIndexation)}</li>
        <li>Volumewijziging: {plain(view.assumptions.volumeChange)}</li>
        <li>Opslagen: {view.assumptions.opslagen}</li>
        <li>
          Drempel: {plain(view.assumptions.threshold)} van de omzet ({view.assumptions.thresholdRef})
        </li>
        <li>
          Jaarrekeningen: {view.accountsYear ?? "onbekend"}, versie {view.accountsVersion} (SHA-256 <span className="mono">{view.accountsSha256.slice(0, 16)}…</span>)
        </li>
        <li>
          Meegeteld: {view.providersCounted} aanbieders, waarvan {view.providersPassing} minstens break-even
          {view.withoutAccounts > 0 ? `; ${view.withoutAccounts} zonder jaarrekening niet meegeteld` : ""}
        </li>
      </ul>
      {view.own ? (
        <div className="card" data-testid="rtt-eigen">
          <h3>Uw eigen positie</h3>
          <p>
            Bij {plain(view.basistarief)} is uw resultaat volgens deze toets {formatEuro(view.own.result)}: u draait {view.own.passes ? "" : "niet "}minstens break-even
            ({view.own.method === "engine" ? "omzet berekend uit uw volumes" : "omzet geschaald uit uw jaarrekening"}). Alleen u ziet deze regel.
          </p>
          <TraceList steps={view.own.trace.map((s) => ({ text: s.text, ref: null }))} />
        </div>
      ) : view.ownNotCounted ? (
        <p className="muted" data-testid="rtt-eigen">
          Uw organisatie is niet meegeteld in deze toets (geen volumes of geen jaarrekening).
        </p>
      ) : null}
      <h3>Zelf narekenen</h3>
      <p>De bestanden noemen geen aanbieders: elke aanbieder heeft een pseudoniem (aanbieder-001, …).</p>
      <div className="actions">
        <a className="button button--secondary" href={testFile}>
          Download toets (JSON)
        </a>
        <a className="button button--secondary" href={inputsFile}>
          Download invoer (JSON)
        </a>
      </div>
      <ol>
        <li>
          Download het kader als <a href={kaderFile}>JSON</a>, de toets en de invoer (hierboven); bewaar ze als <code>kader.json</code>, <code>toets.json</code> en{" "}
          <code>invoer.json</code>.
        </li>
        <li>
          Haal de broncode van het platform op en installeer die met <code>npm ci</code>.
        </li>
        <li>
          Voer uit: <code>npm run -s score -- breakeven kader.json invoer.json toets.json --text</code>. De uitkomst moet gelijk zijn aan die hierboven: aandeel{" "}
          {pct(view.share)}, {view.passes ? "geslaagd" : "niet geslaagd"}, break-even {view.breakEven === null ? "geen" : pct(view.breakEven)}. De toets controleert
          zelf de SHA-256 van het kader (<span className="mono">{view.references.kader.slice(0, 12)}…</span>) en de invoer (
          <span className="mono">{view.references.inputs.slice(0, 12)}…</span>).
        </li>
      </ol>
    </section>
  );
}
