import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { requireKaderEditor } from "~/services/kaders/access.server";
import { inputsYaml, loadBudgetImpact } from "~/services/kaders/budget.server";
import { dutchPreviewIssues, readPreviewQuery } from "~/services/kaders/preview.server";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * /inkoop/kaders/<slug>/invoer.yaml — the exact inputs document of the preview's budget
 * scenario with surcharges (same query parameters as the page), so that
 * `npm run -s score -- kader.yaml invoer.yaml` gives the same budget to the cent.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const row = requireKaderEditor(request, user, params.slug ?? "");
  const db = getDb();
  const { kader, parsed } = readPreviewQuery(db, row, new URL(request.url).searchParams);
  if (kader.state === "noTariffTable") return text("Er is nog geen tarieftabel gekozen voor dit kader.\n", 409);
  if (kader.state === "invalid" || !parsed) return text("Het concept bevat fouten; los die eerst op in de editor.\n", 409);
  if (!parsed.budget.ok) {
    const lines = Object.entries(parsed.budget.errors).map(([field, message]) => `${field}: ${message}`);
    return text(`De aannames voor het budget kloppen niet:\n${lines.join("\n")}\n`, 400);
  }
  const outcome = loadBudgetImpact(db, row, kader.kader, kader.tariffs, parsed.budget.value);
  if (!outcome.ok) {
    const issues = dutchPreviewIssues(outcome.issues, kader.kader);
    return text(`De invoer uit het register is niet geldig:\n${issues.map((i) => `${i.where}: ${i.message}`).join("\n")}\n`, 409);
  }
  return new Response(inputsYaml(outcome.value, row.slug), {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="invoer.yaml"`,
      "Cache-Control": "no-store",
    },
  });
}
