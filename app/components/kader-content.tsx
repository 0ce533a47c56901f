import type { Kader } from "../../scoring";
import { formatNumber, formatPercent } from "../lib/format";
import { describeCondition, factLabels, type ConditionLine } from "../../templates/kader-document/describe-condition";
import {
  describeAppliesTo as appliesToText,
  describeAssessment,
  describeFactSource,
  describeFactType,
  joinDutch,
  sectorName,
} from "../../templates/kader-document/describe-kader";

/** The surcharges a previous-year rule runs over, by their labels (ids are for the kader file, not for readers). */
function surchargeLabels(kader: Kader, ids: readonly string[]): string {
  const labels = new Map(kader.surcharges.map((s) => [s.id, s.label]));
  return joinDutch(ids.map((id) => `„${labels.get(id) ?? id}”`));
}

/** The same words as the PDF document, as nested lists. */
function ConditionTree({ lines }: { lines: ConditionLine[] }) {
  return (
    <ul>
      {lines.map((line, i) => (
        <li key={i}>
          {line.text}
          {line.children.length > 0 ? <ConditionTree lines={line.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** A published kader's rules in words: what every provider can check for itself. */
export function KaderContent({ kader }: { kader: Kader }) {
  const bySector = Object.entries(kader.baseRate.bySector ?? {});
  const byPrestatie = Object.entries(kader.baseRate.byPrestatie ?? {});
  const labels = factLabels(kader);
  return (
    <>
      <h2>Basistarief</h2>
      <p>
        {formatPercent(kader.baseRate.default)} van het onderhandelbare deel van het NZa-maximumtarief
        {bySector.length ? `; per sector: ${bySector.map(([s, p]) => `${sectorName(s)} ${formatPercent(p)}`).join(", ")}` : ""}
        {byPrestatie.length ? `; per prestatie: ${byPrestatie.map(([c, p]) => `${c} ${formatPercent(p)}`).join(", ")}` : ""}. De
        componenten {kader.nonNegotiable.join(" en ")} worden altijd voor 100 % betaald. Een tarief komt nooit boven{" "}
        {formatPercent(kader.maxPercent)} van het maximumtarief.
      </p>
      {kader.previousYear ? (
        <p>
          Tarief vorig jaar ({kader.previousYear.mode === "cap" ? "plafond" : "bodem"}):{" "}
          {kader.previousYear.mode === "cap"
            ? `het basistarief plus ${surchargeLabels(kader, kader.previousYear.over)} komt niet boven het percentage van vorig jaar, of het basistarief als dat hoger is.`
            : `het basistarief plus ${surchargeLabels(kader, kader.previousYear.over)} komt minstens op het percentage van vorig jaar.`}
        </p>
      ) : null}
      <h2>Opslagen</h2>
      {kader.surcharges.length === 0 ? <p className="muted">Geen opslagen.</p> : null}
      {kader.surcharges.map((s) => (
        <article key={s.id} className="card">
          <h3>
            {s.label} <span className="muted">({s.ref ?? "geen verwijzing"})</span>
          </h3>
          {s.kind === "fixed" ? (
            <>
              <p>
                {formatPercent(s.percent)} voor {appliesToText(s.appliesTo)}
                {s.when ? ", als:" : ", altijd."}
              </p>
              {s.when ? (
                <ConditionTree lines={[describeCondition(s.when, labels)]} />
              ) : null}
            </>
          ) : (
            <>
              <p>
                Module met punten voor {appliesToText(s.appliesTo)}. Drempel: {formatNumber(s.threshold ?? "0")} punten. Basis:{" "}
                {s.mapping.basis === "relative" ? "relatief (punten als percentage van de beste score van het veld)" : "absoluut (de punten zelf)"}.
              </p>
              {s.targetGroups?.length ? <p>Doelgroepen: {s.targetGroups.map((t) => t.label).join("; ")}.</p> : null}
              <table className="data">
                <caption>Criteria</caption>
                <thead>
                  <tr>
                    <th scope="col">Criterium</th>
                    <th scope="col" className="num">Weging</th>
                    <th scope="col">Schaal</th>
                    <th scope="col" className="num">Minimum</th>
                  </tr>
                </thead>
                <tbody>
                  {s.criteria.map((c) => (
                    <tr key={c.id}>
                      <td>{c.label}</td>
                      <td className="num">{formatNumber(c.weight)}</td>
                      <td>{c.scale.map((x) => formatNumber(x)).join(", ")}</td>
                      <td className="num">{c.minScore !== undefined ? formatNumber(c.minScore) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {"bands" in s.mapping && s.mapping.bands ? (
                <ul>
                  {s.mapping.bands.map((b) => (
                    <li key={String(b.from)}>
                      vanaf {formatNumber(b.from)} punten: {formatPercent(b.percent)}
                    </li>
                  ))}
                </ul>
              ) : null}
              {"linear" in s.mapping && s.mapping.linear ? (
                <p>
                  Lineair: van {formatNumber(s.mapping.linear.from)} ({formatPercent(s.mapping.linear.fromPercent)}) tot{" "}
                  {formatNumber(s.mapping.linear.to)} ({formatPercent(s.mapping.linear.toPercent)}).
                </p>
              ) : null}
            </>
          )}
        </article>
      ))}
      <h2>Feiten en beoordeling</h2>
      {kader.facts?.length ? (
        <table className="data">
            <caption>De feiten die de voorwaarden lezen</caption>
            <thead>
              <tr>
                <th scope="col">Feit</th>
                <th scope="col">Vraag</th>
                <th scope="col">Waarde</th>
                <th scope="col">Wie stelt het vast</th>
              </tr>
            </thead>
            <tbody>
              {kader.facts.map((f) => (
                <tr key={f.id}>
                  <td>
                    {f.label}
                    {f.ref ? <span className="muted"> ({f.ref})</span> : null}
                  </td>
                  <td>{f.question ?? "—"}</td>
                  <td>{describeFactType(f)}</td>
                  <td>{describeFactSource(f)}</td>
                </tr>
              ))}
            </tbody>
        </table>
      ) : (
        <p className="muted">Dit kader legt de betekenis van de feiten in zijn voorwaarden niet apart vast.</p>
      )}
      <p>{describeAssessment(kader)}</p>
    </>
  );
}
