/**
 * Where an issue is shown. Every field and group of the form is an anchor: a kader path with
 * the id of its element. An issue goes to the anchor of its path, or of the nearest enclosing
 * path that has one (`…criteria[0].scale[2]` → the scale field); an issue with no anchor at all
 * appears only in the summary. Mirrors sections.tsx (a test checks every id exists there).
 */
import type { DutchIssue } from "~/lib/kader-issues-nl";
import { childPath, fieldId, formatPath, groupId, parsePath, rowBase, rowPath, type EditorModel, type Extras, type WhenModel } from "./model";

export type Anchors = Map<string, string>;

export function extraId(path: string, key: string): string {
  return groupId(`${path}.$extra.${key}`);
}

export const SECTION_IDS = { general: "algemeen", baseRate: "basistarief", previousYear: "vorig-jaar", surcharges: "opslagen", facts: "feiten", assessment: "beoordeling" } as const;

export function collectAnchors(model: EditorModel): Anchors {
  const a: Anchors = new Map();
  const field = (name: string) => a.set(name, fieldId(name));
  const group = (path: string) => a.set(path, groupId(path));
  const extras = (path: string, extra: Extras | undefined) => {
    for (const key of Object.keys(extra ?? {})) a.set(childPath(path, key), extraId(path, key));
  };
  // A part of the wrong shape is shown read-only among the extras, not as fields.
  const misfit = (key: string) => model.extra?.[key] !== undefined;

  ["title", "year", "percentDecimals", "maxPercent"].forEach(field);
  if (!misfit("rounding")) {
    group("rounding");
    field("rounding.decimals");
    field("rounding.mode");
    extras("rounding", model.rounding.extra);
  }
  if (!misfit("nonNegotiable")) group("nonNegotiable");

  a.set("baseRate", SECTION_IDS.baseRate);
  if (!misfit("baseRate")) field("baseRate.default");
  for (const key of ["bySector", "byPrestatie"] as const) {
    if (misfit("baseRate") || model.baseRate.extra?.[key] !== undefined) continue;
    group(`baseRate.${key}`);
    model.baseRate[key].forEach((row, r) => {
      a.set(formatPath(["baseRate", key, row.key]), fieldId(`baseRate.${key}[${r}].$value`));
      a.set(`baseRate.${key}[${r}]`, fieldId(`baseRate.${key}[${r}].$key`));
    });
  }
  extras("baseRate", model.baseRate.extra);

  a.set("previousYear", SECTION_IDS.previousYear);
  if (!misfit("previousYear")) {
    field("previousYear.mode");
    if (model.previousYear?.extra?.over === undefined) group("previousYear.over");
    extras("previousYear", model.previousYear?.extra);
  }

  a.set("facts", SECTION_IDS.facts);
  if (!misfit("facts") && model.facts) {
    group("facts");
    model.facts.forEach((f, j) => {
      const q = `facts[${j}]`;
      group(q);
      ["id", "label", "type", "options", "source", "question", "evidence", "ref"].forEach((k) => field(`${q}.${k}`));
      extras(q, f.extra);
    });
  }
  a.set("assessment", SECTION_IDS.assessment);
  if (!misfit("assessment")) {
    field("assessment.assessors");
    field("assessment.decides");
    extras("assessment", model.assessment?.extra);
  }

  a.set("surcharges", SECTION_IDS.surcharges);
  extras("", model.extra);
  model.surcharges.forEach((s, i) => {
    const p = `surcharges[${i}]`;
    group(p);
    if (s.kind === "raw") return;
    [`${p}.id`, `${p}.label`, `${p}.ref`].forEach(field);
    extras(p, s.extra);
    if (!s.extra?.appliesTo) {
      group(`${p}.appliesTo`);
      if (s.appliesTo?.extra?.sectors === undefined) group(`${p}.appliesTo.sectors`);
      if (s.appliesTo?.extra?.prestaties === undefined) group(`${p}.appliesTo.prestaties`);
      extras(`${p}.appliesTo`, s.appliesTo?.extra);
    }
    if (s.kind === "fixed") {
      field(`${p}.percent`);
      group(`${p}.when`);
      if (s.when) whenAnchors(a, `${p}.when`, s.when);
      return;
    }
    field(`${p}.threshold`);
    if (!s.extra?.targetGroups) {
      group(`${p}.targetGroups`);
      s.targetGroups.forEach((g, j) => {
        const q = `${p}.targetGroups[${j}]`;
        group(q);
        field(`${q}.id`);
        field(`${q}.label`);
        extras(q, g.extra);
      });
    }
    if (!s.extra?.criteria) {
      group(`${p}.criteria`);
      s.criteria.forEach((c, j) => {
        const q = `${p}.criteria[${j}]`;
        group(q);
        ["id", "label", "weight", "scale", "minScore"].forEach((k) => field(`${q}.${k}`));
        extras(q, c.extra);
      });
    }
    if (!s.extra?.mapping) {
      group(`${p}.mapping`);
      const m = s.mapping;
      if (!m) return;
      field(`${p}.mapping.basis`);
      extras(`${p}.mapping`, m.extra);
      if (m.bands && !m.extra?.bands) {
        group(`${p}.mapping.bands`);
        m.bands.forEach((b, j) => {
          const q = `${p}.mapping.bands[${j}]`;
          group(q);
          field(`${q}.from`);
          field(`${q}.percent`);
          extras(q, b.extra);
        });
      }
      if (m.linear && !m.extra?.linear) {
        const q = `${p}.mapping.linear`;
        group(q);
        ["from", "to", "fromPercent", "toPercent"].forEach((k) => field(`${q}.${k}`));
        extras(q, m.linear.extra);
      }
    }
  });
  return a;
}

function whenAnchors(a: Anchors, prefix: string, w: WhenModel): void {
  if (w.kind === "raw") return;
  w.rows.forEach((row, r) => {
    const own = rowPath(prefix, w.combine, r);
    a.set(own, groupId(own));
    const base = rowBase(prefix, w.combine, r, row.not);
    for (const k of ["fact", "op", "value"]) a.set(`${base}.${k}`, fieldId(`${base}.${k}`));
  });
  if (w.combine !== "") a.set(`${prefix}.${w.combine}`, groupId(prefix));
}

/** The anchor path an issue belongs to: its own path or the nearest enclosing one with an anchor. */
export function anchorOf(path: string, anchors: Anchors): string | null {
  const segs = parsePath(path);
  if (!segs) return anchors.has(path) ? path : null;
  for (let n = segs.length; n > 0; n--) {
    const candidate = formatPath(segs.slice(0, n));
    if (anchors.has(candidate)) return candidate;
  }
  return null;
}

export type PlacedIssue = DutchIssue & { anchor: string | null; target: string | null };

export function placeIssues(issues: readonly DutchIssue[], anchors: Anchors): PlacedIssue[] {
  return issues.map((i) => {
    const anchor = anchorOf(i.path, anchors);
    return { ...i, anchor, target: anchor === null ? null : (anchors.get(anchor) ?? null) };
  });
}
