import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: "Ongeldig verzoek", text: "Het verzoek bevat gegevens die niet kloppen." },
  403: { title: "Geen toegang", text: "U heeft geen toegang tot deze pagina of deze gegevens." },
  404: { title: "Niet gevonden", text: "Deze pagina bestaat niet, of u heeft er geen toegang toe." },
  405: { title: "Niet toegestaan", text: "Deze handeling is hier niet toegestaan." },
};

/** One error boundary for every route: a friendly Dutch page per status, never a stack trace. */
export function AppErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = MESSAGES[status] ?? {
    title: "Er ging iets mis",
    text: "Er is een onverwachte fout opgetreden. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met de beheerder.",
  };
  return (
    <section className="error-page" aria-labelledby="fout-titel">
      <h1 id="fout-titel">{message.title}</h1>
      <p>{message.text}</p>
      <p className="muted">Foutcode {status}</p>
      <p>
        <Link to="/">Naar de startpagina</Link>
      </p>
    </section>
  );
}
