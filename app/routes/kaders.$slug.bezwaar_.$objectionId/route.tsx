import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ObjectionBody, ObjectionReceiptFacts } from "~/components/objection-view";
import { objectionPath } from "~/lib/objections";
import { requireOwnObjection } from "~/services/objections/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Bezwaar ${data?.objection.id ?? ""} — Zorginkoop` }];

/** One of the provider's own objections: its receipt, state and the jurist's answer. 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { objection, ctx } = requireOwnObjection(request, params.slug ?? "", params.objectionId ?? "");
  const { receipt: _receipt, ...shown } = objection;
  return data({ kader: { slug: ctx.kader.slug, title: ctx.kader.title }, objection: shown }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function OwnObjection() {
  const { kader, objection } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const base = `${objectionPath(kader.slug)}/${objection.id}`;
  return (
    <>
      <p>
        <Link to={objectionPath(kader.slug)}>← Bezwaren bij {kader.title}</Link>
      </p>
      {search.get("ingediend") === "1" ? (
        <div className="alert alert--ok" role="status" id="ingediend">
          Uw bezwaar is ingediend en onveranderlijk opgeslagen (bezwaar {objection.id}). Hieronder staat uw ontvangstbevestiging; download haar als PDF voor uw
          administratie. Een jurist van het zorgkantoor behandelt uw bezwaar; de stand en het antwoord ziet u op deze pagina.
        </div>
      ) : null}
      <h1>
        Bezwaar {objection.id}: {objection.kindLabel}
      </h1>
      <ObjectionBody objection={objection} attachmentHref={(sha) => `${base}/bijlagen/${sha}`} />
      <ObjectionReceiptFacts description={objection.receiptDescription} />
      <div className="actions">
        <a className="button" href={`${base}/pdf`} download>
          Download ontvangstbevestiging (PDF)
        </a>
      </div>
    </>
  );
}
