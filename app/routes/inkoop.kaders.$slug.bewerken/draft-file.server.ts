/**
 * The draft as a file (`concept.yaml`, `concept.json`). A valid draft is written by the
 * engine's serializeKader, so that it reads back as the same kader; an invalid one is dumped
 * as it stands, faithfully, so that it can be fixed elsewhere and uploaded again.
 */
import YAML from "yaml";
import type { KaderRow } from "~/services/kaders/access.server";
import { parseKader, serializeKader } from "../../../scoring";

export function draftFile(draft: unknown, format: "yaml" | "json"): { body: string; valid: boolean; problems: number } {
  const parsed = parseKader(draft);
  if (parsed.ok) return { body: serializeKader(parsed.value, format), valid: true, problems: 0 };
  const problems = parsed.issues.length;
  if (format === "json") return { body: JSON.stringify(draft, null, 2) + "\n", valid: false, problems };
  const header = `# Concept, nog geen geldig kader (${problems} ${problems === 1 ? "probleem" : "problemen"}): zo bewaard als in de editor.\n`;
  return { body: header + YAML.stringify(draft, { lineWidth: 0, aliasDuplicateObjects: false }), valid: false, problems };
}

export function draftFileResponse(kader: KaderRow, format: "yaml" | "json"): Response {
  const { body } = draftFile(kader.draft, format);
  const name = `${kader.slug}-concept.${format}`;
  return new Response(body, {
    headers: {
      "Content-Type": format === "yaml" ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
