/**
 * Renders the kader editor's form body to HTML and reads it back as a browser would submit
 * it (successful controls in document order), so tests can check the real field names.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { collectAnchors, placeIssues, type PlacedIssue } from "../../../app/routes/inkoop.kaders.$slug.bewerken/anchors";
import { EditorContext, type TariffHints } from "../../../app/routes/inkoop.kaders.$slug.bewerken/fields";
import type { EditorModel } from "../../../app/routes/inkoop.kaders.$slug.bewerken/model";
import { EditorBody } from "../../../app/routes/inkoop.kaders.$slug.bewerken/sections";
import type { DutchIssue } from "../../../app/lib/kader-issues-nl";

export function renderBody(model: EditorModel, options: { tariffs?: TariffHints | null; issues?: DutchIssue[]; readOnly?: boolean } = {}): string {
  const placed = placeIssues(options.issues ?? [], collectAnchors(model));
  const byId = new Map<string, PlacedIssue[]>();
  for (const i of placed) if (i.target) byId.set(i.target, [...(byId.get(i.target) ?? []), i]);
  return renderToStaticMarkup(
    createElement(EditorContext.Provider, { value: { issues: byId, readOnly: options.readOnly ?? false, tariffs: options.tariffs ?? null } }, createElement(EditorBody, { model })),
  );
}

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s([A-Za-z_:][-A-Za-z0-9_:.]*)(?:="([^"]*)")?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out[m[1]!] = decode(m[2] ?? "");
  return out;
}

/** The entries a browser submits for this HTML (no submit button). */
export function formEntries(html: string): [string, string][] {
  const entries: [string, string][] = [];
  const re = /<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const el = m[0];
    const open = /^<[^>]*>/.exec(el)![0];
    const a = attributes(open);
    if (!a.name || "disabled" in a) continue;
    if (el.startsWith("<input")) {
      const type = a.type ?? "text";
      if (type === "submit" || type === "button" || type === "file") continue;
      if ((type === "checkbox" || type === "radio") && !("checked" in a)) continue;
      entries.push([a.name, a.value ?? (type === "checkbox" ? "on" : "")]);
    } else if (el.startsWith("<select")) {
      const options = [...el.matchAll(/<option\b[^>]*>/g)].map((o) => attributes(o[0]));
      const chosen = options.find((o) => "selected" in o) ?? options[0];
      if (chosen) entries.push([a.name, chosen.value ?? ""]);
    } else {
      entries.push([a.name, decode(el.replace(/^<[^>]*>/, "").replace(/<\/textarea>$/, ""))]);
    }
  }
  return entries;
}

/** Every `id="…"` in the HTML. */
export function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1]!)));
}

/** Submit-button intents in the HTML. */
export function intents(html: string): string[] {
  return [...html.matchAll(/<button\b[^>]*>/g)].map((b) => attributes(b[0])).filter((a) => a.name === "intent").map((a) => a.value ?? "");
}

/** Replace (or add) the value of a named entry. */
export function setEntry(entries: [string, string][], name: string, value: string): [string, string][] {
  let found = false;
  const out = entries.map(([n, v]): [string, string] => {
    if (n === name && !found) {
      found = true;
      return [n, value];
    }
    return [n, v];
  });
  if (!found) throw new Error(`no field ${name} in the form`);
  return out;
}
