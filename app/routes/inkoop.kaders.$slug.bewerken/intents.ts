/**
 * The editor's buttons: `name="intent"` values, processed on the server before saving.
 *
 *   save
 *   add:surcharges:fixed | add:surcharges:points
 *   add:baseRate.bySector | add:baseRate.byPrestatie | add:facts (a declared fact)
 *   add:surcharges[i].targetGroups | .criteria | .mapping.bands | .when (a condition row)
 *   switch:surcharges[i].mapping.bands | switch:surcharges[i].mapping.linear
 *   up:surcharges[i] | down:surcharges[i]
 *   remove:<path>   a row (surcharges[2], baseRate.bySector[0], surcharges[1].criteria[3],
 *                   surcharges[0].when.all[1], facts[0]), a part (facts, surcharges[0].when,
 *                   surcharges[1].mapping.linear), or an unknown key shown read-only
 *                   (surcharges[1].treshold)
 *
 * Anything else is a malformed request (400).
 */
import { newBand, newCriterion, newFact, newFixed, newLinear, newPoints, newRow } from "./convert.server";
import { fieldId, formatPath, parsePath, rowBase, type EditorModel, type Extras, type Segment, type SurchargeModel } from "./model";

export type IntentOutcome = { ok: true; model: EditorModel; focus: string | null } | { ok: false; message: string };

const bad = (message: string): IntentOutcome => ({ ok: false, message });

export function applyIntent(model: EditorModel, intent: string): IntentOutcome {
  if (intent === "save") return { ok: true, model, focus: null };
  const colon = intent.indexOf(":");
  if (colon < 0) return bad(`Onbekende handeling: ${intent}`);
  const verb = intent.slice(0, colon);
  const rest = intent.slice(colon + 1);
  const m = structuredClone(model);
  if (verb === "add" && (rest === "surcharges:fixed" || rest === "surcharges:points")) {
    const s = rest.endsWith("fixed") ? newFixed(m.surcharges) : newPoints(m.surcharges);
    m.surcharges.push(s);
    return { ok: true, model: m, focus: fieldId(`surcharges[${m.surcharges.length - 1}].label`) };
  }
  const path = parsePath(rest);
  if (!path || path.length === 0) return bad(`Onbekend onderdeel in handeling: ${intent}`);
  switch (verb) {
    case "add":
      return add(m, path);
    case "remove":
      return remove(m, path);
    case "switch":
      return switchMapping(m, path);
    case "up":
    case "down":
      return move(m, path, verb === "up" ? -1 : 1);
    default:
      return bad(`Onbekende handeling: ${intent}`);
  }
}

const ok = (model: EditorModel, focus: string | null = null): IntentOutcome => ({ ok: true, model, focus });
const notFound = (path: Segment[]) => bad(`Onderdeel ${formatPath(path)} bestaat niet (meer).`);
const isIndex = (n: Segment | undefined, length: number): n is number => typeof n === "number" && n >= 0 && n < length;

function surchargeAt(m: EditorModel, path: Segment[]): SurchargeModel | undefined {
  return path[0] === "surcharges" && isIndex(path[1], m.surcharges.length) ? m.surcharges[path[1]] : undefined;
}

function add(m: EditorModel, path: Segment[]): IntentOutcome {
  const key = formatPath(path);
  if (key === "baseRate.bySector" || key === "baseRate.byPrestatie") {
    const rows = m.baseRate[path[1] as "bySector" | "byPrestatie"];
    rows.push({ key: "", value: "" });
    return ok(m, fieldId(`${key}[${rows.length - 1}].$key`));
  }
  if (key === "facts" && m.extra?.facts === undefined) {
    m.facts ??= [];
    m.facts.push(newFact());
    return ok(m, fieldId(`facts[${m.facts.length - 1}].id`));
  }
  const s = surchargeAt(m, path);
  if (!s || s.kind === "raw") return notFound(path);
  const at = `surcharges[${path[1]}]`;
  const sub = formatPath(path.slice(2));
  if (s.kind === "fixed" && sub === "when") {
    if (s.when?.kind === "raw") return bad("Deze voorwaarde is alleen in een kaderbestand te bewerken; verwijder haar eerst om de bouwer te gebruiken.");
    if (!s.when || s.when.rows.length === 0) {
      s.when = { kind: "builder", combine: "", rows: [newRow()] };
      return ok(m, fieldId(`${at}.when.fact`));
    }
    if (s.when.combine === "") s.when.combine = "all";
    s.when.rows.push(newRow());
    return ok(m, fieldId(`${rowBase(`${at}.when`, s.when.combine, s.when.rows.length - 1, false)}.fact`));
  }
  if (s.kind === "points") {
    if (sub === "targetGroups") {
      s.targetGroups.push({ id: "", label: "" });
      return ok(m, fieldId(`${at}.targetGroups[${s.targetGroups.length - 1}].id`));
    }
    if (sub === "criteria") {
      s.criteria.push(newCriterion());
      return ok(m, fieldId(`${at}.criteria[${s.criteria.length - 1}].id`));
    }
    if (sub === "mapping.bands") {
      s.mapping ??= { basis: "absolute", bands: null, linear: null };
      s.mapping.bands ??= [];
      s.mapping.bands.push(newBand());
      return ok(m, fieldId(`${at}.mapping.bands[${s.mapping.bands.length - 1}].from`));
    }
  }
  return notFound(path);
}

function switchMapping(m: EditorModel, path: Segment[]): IntentOutcome {
  const s = surchargeAt(m, path);
  const sub = formatPath(path.slice(2));
  if (!s || s.kind !== "points" || (sub !== "mapping.bands" && sub !== "mapping.linear")) return notFound(path);
  s.mapping ??= { basis: "absolute", bands: null, linear: null };
  // Choosing a mapping replaces one that the form could only show read-only.
  if (s.mapping.extra) {
    delete s.mapping.extra.bands;
    delete s.mapping.extra.linear;
    if (Object.keys(s.mapping.extra).length === 0) delete s.mapping.extra;
  }
  const at = `surcharges[${path[1]}].mapping`;
  if (sub === "mapping.bands") {
    s.mapping.linear = null;
    s.mapping.bands = s.mapping.bands?.length ? s.mapping.bands : [newBand()];
    return ok(m, fieldId(`${at}.bands[0].from`));
  }
  s.mapping.bands = null;
  s.mapping.linear ??= newLinear();
  return ok(m, fieldId(`${at}.linear.from`));
}

function move(m: EditorModel, path: Segment[], delta: -1 | 1): IntentOutcome {
  if (path.length !== 2 || !surchargeAt(m, path)) return notFound(path);
  const from = path[1] as number;
  const to = from + delta;
  if (to < 0 || to >= m.surcharges.length) return bad("Deze opslag staat al bovenaan of onderaan.");
  const [item] = m.surcharges.splice(from, 1);
  m.surcharges.splice(to, 0, item!);
  return ok(m, fieldId(`surcharges[${to}].label`));
}

/** Removes a key that is shown read-only (unknown, or of the wrong shape) from an object's extras. */
function removeExtra(holder: { extra?: Extras } | null | undefined, key: Segment | undefined): boolean {
  // Own keys only: `constructor` is "in" every plain object.
  if (!holder?.extra || typeof key !== "string" || !Object.hasOwn(holder.extra, key)) return false;
  delete holder.extra[key];
  if (Object.keys(holder.extra).length === 0) delete holder.extra;
  return true;
}

function remove(m: EditorModel, path: Segment[]): IntentOutcome {
  const key = formatPath(path);
  const last = path[path.length - 1];
  const parent = path.slice(0, -1);
  // Root and the fixed objects of the kader.
  if (path.length === 1 && last === "facts" && m.extra?.facts === undefined && m.facts !== null) {
    // Without a facts section, conditions may name any fact again.
    m.facts = null;
    return ok(m);
  }
  if (path.length === 1) return removeExtra(m, last) ? ok(m) : notFound(path);
  if (formatPath(parent) === "assessment") return removeExtra(m.assessment, last) ? ok(m) : notFound(path);
  if (path[0] === "facts" && m.facts) {
    if (path.length === 2 && isIndex(last, m.facts.length)) {
      m.facts.splice(last, 1);
      return ok(m);
    }
    if (path.length === 3 && isIndex(path[1], m.facts.length)) return removeExtra(m.facts[path[1]], last) ? ok(m) : notFound(path);
    return notFound(path);
  }
  if (formatPath(parent) === "rounding") return removeExtra(m.rounding, last) ? ok(m) : notFound(path);
  if (formatPath(parent) === "previousYear") return removeExtra(m.previousYear, last) ? ok(m) : notFound(path);
  if (formatPath(parent) === "baseRate") return removeExtra(m.baseRate, last) ? ok(m) : notFound(path);
  if (key.startsWith("baseRate.bySector[") || key.startsWith("baseRate.byPrestatie[")) {
    const rows = m.baseRate[path[1] as "bySector" | "byPrestatie"];
    if (path.length !== 3 || !isIndex(last, rows.length)) return notFound(path);
    rows.splice(last, 1);
    return ok(m);
  }
  const s = surchargeAt(m, path);
  if (!s) return notFound(path);
  const index = path[1] as number;
  if (path.length === 2) {
    m.surcharges.splice(index, 1);
    // A removed surcharge can no longer be one the previous-year rule is taken over.
    const stillThere = (id: string) => m.surcharges.some((o) => o.kind !== "raw" && o.id === id);
    if (s.kind !== "raw" && m.previousYear) m.previousYear.over = m.previousYear.over.filter((id) => id !== s.id || stillThere(id));
    return ok(m);
  }
  if (s.kind === "raw") return notFound(path);
  const sub = path.slice(2);
  const subKey = formatPath(sub);
  if (sub.length === 1) return removeExtra(s, last) || removePart(s, subKey) ? ok(m) : notFound(path);
  if (subKey.startsWith("appliesTo.") && sub.length === 2) {
    if (removeExtra(s.appliesTo, last)) return ok(m);
    // "Beperking opheffen": an (empty) list of sectors or prestaties is dropped.
    if (s.appliesTo && (last === "sectors" || last === "prestaties") && s.appliesTo[last] !== null) {
      s.appliesTo[last] = null;
      if (s.appliesTo.sectors === null && s.appliesTo.prestaties === null && !s.appliesTo.extra) s.appliesTo = null;
      return ok(m);
    }
    return notFound(path);
  }
  if (s.kind === "fixed") {
    if (s.when?.kind === "builder" && sub[0] === "when" && sub.length === 3 && s.when.combine !== "" && sub[1] === s.when.combine) {
      if (!isIndex(last, s.when.rows.length)) return notFound(path);
      s.when.rows.splice(last, 1);
      if (s.when.rows.length === 0) s.when = null;
      return ok(m);
    }
    return notFound(path);
  }
  // Points module.
  const listOf = { targetGroups: s.targetGroups, criteria: s.criteria } as const;
  if (sub.length === 2 && (sub[0] === "targetGroups" || sub[0] === "criteria")) {
    const rows = listOf[sub[0]];
    if (!isIndex(last, rows.length)) return notFound(path);
    rows.splice(last, 1);
    return ok(m);
  }
  if (sub.length === 3 && (sub[0] === "targetGroups" || sub[0] === "criteria") && isIndex(sub[1], listOf[sub[0]].length)) {
    return removeExtra(listOf[sub[0]][sub[1]], last) ? ok(m) : notFound(path);
  }
  if (sub[0] === "mapping" && s.mapping) {
    if (sub.length === 2 && last === "bands") {
      s.mapping.bands = null;
      return ok(m);
    }
    if (sub.length === 2 && last === "linear") {
      s.mapping.linear = null;
      return ok(m);
    }
    if (sub.length === 2) return removeExtra(s.mapping, last) ? ok(m) : notFound(path);
    if (sub.length === 3 && sub[1] === "bands" && s.mapping.bands && isIndex(last, s.mapping.bands.length)) {
      s.mapping.bands.splice(last, 1);
      return ok(m);
    }
    if (sub.length === 4 && sub[1] === "bands" && s.mapping.bands && isIndex(sub[2], s.mapping.bands.length)) {
      return removeExtra(s.mapping.bands[sub[2]], last) ? ok(m) : notFound(path);
    }
    if (sub.length === 3 && sub[1] === "linear") return removeExtra(s.mapping.linear, last) ? ok(m) : notFound(path);
  }
  return notFound(path);
}

/** Optional parts of a surcharge that a button removes as a whole. */
function removePart(s: Exclude<SurchargeModel, { kind: "raw" }>, part: string): boolean {
  if (part === "appliesTo" && s.appliesTo) {
    s.appliesTo = null;
    return true;
  }
  if (s.kind === "fixed" && part === "when" && s.when) {
    s.when = null;
    return true;
  }
  if (s.kind === "points" && part === "mapping" && s.mapping) {
    s.mapping = null;
    return true;
  }
  return false;
}
