import { Link } from "@remix-run/react";
import type { FormPage } from "~/services/submissions/form-page.server";

const STATE_LABEL = { current: "huidig", superseded: "vervangen", withdrawn: "ingetrokken" } as const;

/** Every version the provider sent, newest first, each with its receipt and its content. */
export function VersionsTable({ page }: { page: FormPage }) {
  if (page.versions.length === 0) return null;
  const base = `/kaders/${page.slug}/inschrijving`;
  return (
    <section aria-labelledby="versies">
      <h2 id="versies">Uw versies</h2>
      <table className="data">
        <caption className="sr-only">Alle versies van uw inschrijving, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Versie</th>
            <th scope="col">Soort</th>
            <th scope="col">Ontvangen</th>
            <th scope="col">Kaderversie</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Status</th>
            <th scope="col">Bekijken</th>
          </tr>
        </thead>
        <tbody>
          {page.versions.map(({ receipt, state, kindLabel }) => (
            <tr key={receipt.version}>
              <td className="num">{receipt.version}</td>
              <td>{kindLabel}</td>
              <td>{receipt.receivedAtAmsterdam}</td>
              <td className="num">{receipt.kaderVersion}</td>
              <td>
                {receipt.contentSha256 ? (
                  <span className="mono" title={receipt.contentSha256} style={{ whiteSpace: "nowrap" }}>
                    {receipt.contentSha256.slice(0, 12)}…
                  </span>
                ) : (
                  "—"
                )}
              </td>
              <td>
                <span className={`badge ${state === "current" ? "badge--ok" : "badge--muted"}`}>{STATE_LABEL[state]}</span>
              </td>
              <td>
                <Link to={`${base}/ontvangstbewijs/${receipt.version}`}>Ontvangstbewijs</Link>
                {receipt.kind === "submission" ? (
                  <>
                    {" · "}
                    <Link to={`${base}/versies/${receipt.version}`}>Inhoud</Link>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
