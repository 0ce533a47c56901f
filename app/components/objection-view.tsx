import { formatDateTime } from "~/lib/dates";
import { OBJECTION_STATE_LABEL } from "~/lib/objections";
import type { ObjectionReceiptDescription } from "../../templates/objection-receipt/describe-receipt";

/** What the provider's and the jurist's pages both show of an objection (serialised loader data). */
export type ObjectionView = {
  id: number;
  kindLabel: string;
  state: keyof typeof OBJECTION_STATE_LABEL;
  grounds: string;
  filedAt: string;
  providerName: string;
  takenAt: string | null;
  takenBy: string | null;
  answer: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  receiptDescription: ObjectionReceiptDescription;
};

/** The grounds, the attachments (each a download), the state with who and when, and the answer. */
export function ObjectionBody({ objection, attachmentHref }: { objection: ObjectionView; attachmentHref: (sha256: string) => string }) {
  const o = objection;
  const decided = o.state === "gegrond" || o.state === "deels_gegrond" || o.state === "ongegrond";
  return (
    <>
      <dl className="facts panel" id="stand">
        <dt>Stand</dt>
        <dd>
          <strong>{OBJECTION_STATE_LABEL[o.state]}</strong>
        </dd>
        <dt>Ingediend</dt>
        <dd>{formatDateTime(o.filedAt)}</dd>
        <dt>In behandeling genomen</dt>
        <dd>{o.takenAt ? `${formatDateTime(o.takenAt)} door ${o.takenBy ?? "onbekend"}` : "nog niet"}</dd>
        <dt>Beslist</dt>
        <dd>{o.decidedAt ? `${formatDateTime(o.decidedAt)} door ${o.decidedBy ?? "onbekend"}` : "nog niet"}</dd>
      </dl>
      {decided ? (
        <section aria-labelledby="h-antwoord">
          <h2 id="h-antwoord">Antwoord van het zorgkantoor: bezwaar {OBJECTION_STATE_LABEL[o.state]}</h2>
          <p className="pre-wrap" id="antwoord">
            {o.answer}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="h-gronden">
        <h2 id="h-gronden">Gronden</h2>
        <p className="pre-wrap" id="gronden">
          {o.grounds}
        </p>
        <h3>Bijlagen</h3>
        {o.receiptDescription.attachments.length === 0 ? (
          <p>Geen.</p>
        ) : (
          <ul>
            {o.receiptDescription.attachments.map((a) => (
              <li key={a.sha256}>
                <a href={attachmentHref(a.sha256)} download>
                  {a.name}
                </a>{" "}
                ({a.size}) <span className="mono">SHA-256 {a.sha256}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The receipt's fields as on the PDF: the same words. */
export function ObjectionReceiptFacts({ description: d }: { description: ObjectionReceiptDescription }) {
  return (
    <section aria-labelledby="h-ontvangst">
      <h2 id="h-ontvangst">{d.title}</h2>
      <p>{d.intro}</p>
      <dl className="facts panel" id="ontvangstbewijs">
        {d.fields.map((f) => (
          <div key={f.label} style={{ display: "contents" }}>
            <dt>{f.label}</dt>
            <dd className={f.mono ? "mono" : undefined}>{f.value}</dd>
          </div>
        ))}
        <div style={{ display: "contents" }}>
          <dt>{d.hash.label}</dt>
          <dd className="mono" id="bezwaar-sha256">
            {d.hash.value}
          </dd>
        </div>
      </dl>
      <details>
        <summary>{d.explanationTitle}</summary>
        {d.explanation.map((t) => (
          <p key={t}>{t}</p>
        ))}
      </details>
    </section>
  );
}
