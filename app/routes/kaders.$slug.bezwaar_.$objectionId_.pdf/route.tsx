import type { LoaderFunctionArgs } from "@remix-run/node";
import { ownObjectionReceiptPdf, requireOwnObjection } from "~/services/objections/pages.server";

/** The receipt of one of the provider's own objections, as PDF; 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { objection } = requireOwnObjection(request, params.slug ?? "", params.objectionId ?? "");
  return ownObjectionReceiptPdf(objection);
}
