import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { formatDate, formatDateTime } from "~/lib/dates";
import { requireOwnSentDecision } from "~/services/award/access.server";
import { providerDecisionPage } from "~/services/award/pages.server";
import { getDb } from "~/services/db.server";
import { objectionPath } from "~/lib/objections";
import { LetterText } from "~/components/letter-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Besluit ${data?.kader.title ?? ""} — Zorginkoop` }];

/** The provider's own award decision, once sent: before that, 404 (its existence does not show). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader, decision } = requireOwnSentDecision(request, user, params.slug ?? "");
  return { kader: { slug: kader.slug, title: kader.title }, page: providerDecisionPage(getDb(), kader, decision) };
}

export default function ProviderDecision() {
  const { kader, page } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/kaders/${kader.slug}`}>← {kader.title}</Link>
      </p>
      <h1>{page.replaces ? "Gecorrigeerd besluit voorlopige gunning" : "Besluit voorlopige gunning"}</h1>
      {page.replaces ? (
        <div className="alert" role="note" id="vervangt">
          Dit besluit vervangt uw eerdere besluit (kenmerk <span className="mono">{page.replaces.reference}</span>
          {page.replaces.sentAt ? `, verzonden ${formatDateTime(page.replaces.sentAt)}` : ""}). Reden: {page.replaces.reason} Het eerdere besluit en zijn brief
          blijven bewaard zoals ze zijn verzonden; voor u geldt dit besluit.
        </div>
      ) : null}
      {page.finalSince ? (
        <div className="alert" role="note" id="definitief">
          De gunning is definitief sinds {formatDateTime(page.finalSince)}: de opschortende termijn is voorbij en het zorgkantoor heeft definitief gegund. Voor u geldt dit
          besluit.
        </div>
      ) : null}
      <dl>
        <dt>Kenmerk</dt>
        <dd className="mono">{page.reference}</dd>
        <dt>Besluit</dt>
        <dd id="uitkomst">{page.contracted ? "U wordt gecontracteerd (voorlopige gunning)." : `U wordt niet gecontracteerd. Reden: ${page.reason ?? ""}`}</dd>
        <dt>Verzonden</dt>
        <dd>{formatDateTime(page.sentAt)}</dd>
        <dt>Bezwaar mogelijk tot en met</dt>
        <dd id="termijn">
          {formatDate(page.standstillLastDay)} (24:00 uur, Nederlandse tijd): de opschortende termijn van 20 kalenderdagen. Tijdens deze termijn wordt niet definitief gegund.
        </dd>
        {page.approvedBy ? (
          <>
            <dt>Juridisch getoetst door</dt>
            <dd>{page.approvedBy}</dd>
          </>
        ) : null}
        <dt>Brief</dt>
        <dd>
          {page.letterSha256 ? (
            <>
              <a href={`/kaders/${kader.slug}/besluit.pdf`} download>
                Brief downloaden (PDF)
              </a>
              <br />
              SHA-256 van de brief: <span className="mono" id="brief-sha256">{page.letterSha256}</span>
            </>
          ) : (
            "De brief wordt opgemaakt; ververs deze pagina over enkele ogenblikken."
          )}
        </dd>
      </dl>
      {page.objectable ? (
        <p id="bezwaar-maken">
          <Link className="button" to={`${objectionPath(kader.slug)}#h-besluit`}>
            Bezwaar maken tegen dit besluit
          </Link>{" "}
          Tot en met {formatDate(page.standstillLastDay)} (24:00 uur), met uw gronden en eventueel bijlagen (PDF); u krijgt een ontvangstbevestiging.
        </p>
      ) : (
        <p id="bezwaar-maken">De bezwaartermijn van dit besluit is verstreken. Uw bezwaren en de antwoorden leest u bij <Link to={objectionPath(kader.slug)}>Bezwaar</Link>.</p>
      )}
      <section className="panel" aria-labelledby="h-brief">
        <h2 id="h-brief">De brief</h2>
        <LetterText blocks={page.letter} />
      </section>
    </>
  );
}
