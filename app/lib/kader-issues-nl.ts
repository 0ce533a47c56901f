/**
 * Dutch for the scoring engine's issues. The engine speaks English (its messages are part of
 * the open format's command line); inkopers read Dutch. Each known message is matched by
 * pattern and rewritten; an unknown one falls back to a Dutch sentence that names the field
 * (from its path). The engine's English never reaches the screen.
 */
import type { Issue } from "../../scoring";
import { getOwn } from "./safe-keys";

export type DutchIssue = {
  /** The engine's path (`surcharges[1].mapping.bands[2].from`), unchanged. */
  path: string;
  /** Where, in words: `Opslag 2 › omzetting › schijf 3 › vanaf`. */
  where: string;
  /** What, in Dutch. */
  message: string;
};

export type PathNames = {
  /** A name per surcharge index (its label or id), to say `Opslag 2 (Module complexe zorg)`. */
  surcharges?: readonly (string | undefined)[];
};

// ---------------------------------------------------------------------------
// Values and numbers as the engine describes them

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** `94.5` → `94,5`; other words as they are. */
function nlNumber(text: string): string {
  return DECIMAL.test(text) ? text.replace(".", ",") : text;
}

/** The engine's description of a value (`"abc"`, `12`, `nothing`, `a list`) in Dutch. */
function nlValue(text: string): string {
  switch (text) {
    case "nothing":
      return "niets";
    case "null":
      return "null (leeg)";
    case "a list":
      return "een lijst";
    case "an object":
      return "een object";
    case "true":
      return "true (waar)";
    case "false":
      return "false (onwaar)";
    default:
      return nlNumber(text);
  }
}

const EXPECTED: Record<string, string> = {
  text: "tekst",
  "a number": "een getal",
  "a whole number": "een geheel getal",
  "true or false": "true of false (waar of onwaar)",
  "an object": "een object (met sleutels)",
  "a list": "een lijst",
  "a finite number": "een eindig getal",
};

const OPTIONS: Record<string, string> = {
  absolute: "absoluut (absolute)",
  relative: "relatief (relative)",
  fixed: "vast (fixed)",
  points: "punten (points)",
  cap: "plafond (cap)",
  floor: "bodem (floor)",
  "half-up": "half naar boven (half-up)",
};

const options = (list: string) =>
  list
    .split(" or ")
    .map((o) => getOwn(OPTIONS, o) ?? o)
    .join(" of ");

const expected = (what: string) => getOwn(EXPECTED, what) ?? "een geldige waarde";

/** `module complexe-zorg for target group jonge-dementie` → `module complexe-zorg (doelgroep jonge-dementie)`. */
const assessmentNl = (text: string) => text.replace(/^module (\S+) for target group (\S+)$/, "module $1 (doelgroep $2)");

const NON_NEGATIVE: Record<string, string> = {
  maximum: "Het maximumtarief",
  component: "De component",
  volume: "Het volume",
  weight: "Het gewicht",
};

/** Library syntax messages that are common enough to say in Dutch; others are left out. */
const SYNTAX: [RegExp, string][] = [
  [/Map keys must be unique/i, "een sleutel komt twee keer voor"],
  [/Unexpected end|Unterminated|Missing closing|must be closed|end of (the )?(stream|input)/i, "het bestand houdt midden in een waarde op"],
  [/tab/i, "tabs zijn in YAML niet toegestaan als inspringing; gebruik spaties"],
  [/indent/i, "de inspringing klopt niet"],
  [/Unexpected token|Expected|Unexpected/i, "een teken staat op een plek waar het niet mag"],
];
const syntaxNl = (message: string) => {
  const known = SYNTAX.find(([re]) => re.test(message));
  return known ? `: ${known[1]}` : "";
};

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: Rule[] = [
  [/^required$/, () => "Verplicht: vul dit in."],
  [/^required \(absolute or relative\)$/, () => "Verplicht: kies absoluut of relatief."],
  [/^required \(fixed or points\)$/, () => "Verplicht: kies vast (fixed) of punten (points)."],
  [/^required \(cap or floor\)$/, () => "Verplicht: kies plafond (cap) of bodem (floor)."],
  [/^must not be empty$/, () => "Mag niet leeg zijn."],
  [/^unknown key$/, () => "Onbekend onderdeel: het kaderformaat kent deze sleutel niet. Verwijder het of corrigeer de naam."],
  [/^must not start or end with a space$/, () => "Mag niet met een spatie beginnen of eindigen."],
  [/^must be a slug: .*$/, () => "Moet een kenmerk zijn: kleine letters en cijfers, verbonden met streepjes."],
  [
    /^expected a number or a decimal string like "250\.12", got nothing$/,
    () => "Vul een getal in, bijvoorbeeld 94 of 94,5.",
  ],
  [
    /^expected a number or a decimal string like "250\.12", got (.*)$/,
    (got) => `Vul een getal in, bijvoorbeeld 94 of 94,5 (nu: ${nlValue(got)}).`,
  ],
  [
    /^expected text, got the number (\S+) \(quote codes in YAML, e\.g\. "[^"]*"\)$/,
    (n) => `Verwacht tekst, maar dit is het getal ${nlNumber(n)}. Zet codes in YAML tussen aanhalingstekens, bijvoorbeeld "${n}".`,
  ],
  [
    /^expected a condition: .*$/,
    () => "Verwacht een voorwaarde: {fact, op, value}, {all: [...]}, {any: [...]} of {not: {...}}.",
  ],
  [
    /^expected true, false, a number, text or \(for in\) a list of those, got (.*)$/,
    (got) => `Verwacht waar, onwaar, een getal, tekst of (bij ‘in’) een lijst daarvan (nu: ${nlValue(got)}).`,
  ],
  [/^expected true, false, a number or text, got (.*)$/, (got) => `Verwacht waar, onwaar, een getal of tekst (nu: ${nlValue(got)}).`],
  [/^expected true, false, a number, text or null, got (.*)$/, (got) => `Verwacht waar, onwaar, een getal, tekst of null (leeg) (nu: ${nlValue(got)}).`],
  [/^expected (.+?), got nothing$/, (what) => `Verplicht: vul ${expected(what)} in.`],
  [/^expected (.+?), got (.*)$/, (what, got) => `Verwacht ${expected(what)}, maar dit is ${nlValue(got)}.`],
  [/^must be a whole number from (-?\d+) to (-?\d+), got (.*)$/, (a, b, got) => `Moet een geheel getal van ${a} tot en met ${b} zijn (nu: ${nlValue(got)}).`],
  [/^(\S+) is too large \(at most (\d+) digits before the decimal point\)$/, (v, n) => `${nlNumber(v)} is te groot (hoogstens ${n} cijfers voor de komma).`],
  [/^(\S+) has too many decimals \(at most (\d+)\)$/, (v, n) => `${nlNumber(v)} heeft te veel decimalen (hoogstens ${n}).`],
  [/^percentage (\S+) is below 0$/, (v) => `Het percentage ${nlNumber(v)} is negatief; vul 0 of meer in.`],
  [/^weight (\S+) is below 0$/, (v) => `Het gewicht ${nlNumber(v)} is negatief; vul 0 of meer in.`],
  [/^(\S+) (\S+) is below 0$/, (what, v) => `${getOwn(NON_NEGATIVE, what) ?? "De waarde"} ${nlNumber(v)} is negatief; vul 0 of meer in.`],
  [/^unknown value (.+), expected (.+)$/, (v, list) => `Onbekende waarde ${nlValue(v)}; kies ${options(list)}.`],
  [/^unknown operator (.+), expected one of (.+)$/, (v, list) => `Onbekende vergelijking ${nlValue(v)}; kies een van ${list}.`],
  [/^in takes a list$/, () => "‘in’ vraagt een lijst van waarden, gescheiden door komma's."],
  [/^(\S+) takes a single value, not a list$/, (op) => `‘${op}’ vraagt één waarde, geen lijst.`],
  [/^(\S+) needs a number, got (.*)$/, (op, got) => `‘${op}’ vraagt een getal (nu: ${nlValue(got)}).`],
  [/^unknown basis (.+), expected absolute or relative$/, (v) => `Onbekende basis ${nlValue(v)}; kies absoluut of relatief.`],
  [/^unknown surcharge kind (.+), expected fixed or points$/, (v) => `Onbekende soort opslag ${nlValue(v)}; kies vast (fixed) of punten (points).`],
  [/^unknown format (.+), expected (\S+)$/, (v, f) => `Onbekend formaat ${nlValue(v)}; verwacht ${f}.`],
  [/^unknown rounding mode (.+), expected half-up$/, (v) => `Onbekende afronding ${nlValue(v)}; alleen half naar boven (half-up) is mogelijk.`],
  [/^unknown previous-year mode (.+), expected cap or floor$/, (v) => `Onbekende vorig-jaarregel ${nlValue(v)}; kies plafond (cap) of bodem (floor).`],
  [
    /^maxPercent (\S+) is above 100: .*$/,
    (v) => `Het maximumpercentage ${nlNumber(v)} ligt boven 100: een tarief komt nooit boven het NZa-maximum.`,
  ],
  [
    /^surcharge (\S+) % is above 100: .*$/,
    (v) => `Een opslag van ${nlNumber(v)} % kan nooit bedoeld zijn: een tarief komt nooit boven het NZa-maximum. Vul hoogstens 100 in.`,
  ],
  [
    /^minScore (\S+) is above the highest score (\S+) of the scale$/,
    (v, max) => `De minimumscore ${nlNumber(v)} ligt boven de hoogste score van de schaal (${nlNumber(max)}): elke beoordeling zou afvallen. Vul hoogstens ${nlNumber(max)} in.`,
  ],
  [/^duplicate component (.+)$/, (c) => `De component ${c} staat er dubbel in.`],
  [/^base rate (\S+) is above maxPercent (\S+)$/, (b, max) => `Het basistarief ${nlNumber(b)} % ligt boven het maximumpercentage ${nlNumber(max)} %.`],
  [/^duplicate surcharge id (.+)$/, (id) => `Het kenmerk ${id} is al in gebruik bij een andere opslag.`],
  [/^unknown surcharge (.+)$/, (id) => `Er is geen opslag met kenmerk ${id}.`],
  [/^duplicate surcharge (.+)$/, (id) => `De opslag ${id} staat er dubbel in.`],
  [/^duplicate target group id (.+)$/, (id) => `Het doelgroepkenmerk ${id} komt al eerder voor; doelgroepen zijn uniek in het hele kader.`],
  [/^duplicate criterion id (.+)$/, (id) => `Het criteriumkenmerk ${id} komt al eerder voor in deze module.`],
  [/^scale must ascend$/, () => "De schaal moet oplopen: elke score hoger dan de vorige."],
  [/^mapping needs either bands or linear$/, () => "Kies een omzetting van punten naar procenten: schijven of lineair."],
  [/^mapping has both bands and linear: give one$/, () => "De omzetting heeft zowel schijven als lineair: houd er één over."],
  [/^bands must ascend$/, () => "De schijven moeten oplopen: elke ‘vanaf’ hoger dan die van de schijf ervoor."],
  [/^band percents must not descend$/, () => "De percentages van de schijven mogen niet dalen: een hogere schijf geeft niet minder."],
  [/^to (\S+) must be above from (\S+)$/, (to, from) => `‘Tot’ (${nlNumber(to)}) moet hoger zijn dan ‘vanaf’ (${nlNumber(from)}).`],
  [
    /^toPercent (\S+) must not be below fromPercent (\S+)$/,
    (to, from) => `Het eindpercentage (${nlNumber(to)}) mag niet lager zijn dan het beginpercentage (${nlNumber(from)}).`,
  ],
  [/^unknown prestatie (\S+) \(not in the tariff table\)$/, (code) => `Onbekende prestatie ${code}: die staat niet in de tarieftabel van dit kader.`],
  [/^unknown prestatie (\S+)$/, (code) => `Onbekende prestatie ${code}.`],
  [/^Invalid key in record$/, () => "Ongeldige code: vul een code in, zonder spatie aan het begin of eind."],
  // The inputs (preview and budget): the page builds them, so these point at the kader or the register.
  [/^duplicate tariff code (.+)$/, (c) => `De tariefcode ${c} staat dubbel in de tarieftabel.`],
  [/^duplicate provider id (.+)$/, (id) => `De aanbieder ${id} staat er dubbel in.`],
  [/^duplicate prestatie (.+)$/, (c) => `De prestatie ${c} staat er dubbel in.`],
  [/^prestatie (\S+) is not among the provider's prestaties$/, (c) => `Er is een volume voor prestatie ${c}, maar die hoort niet bij de prestaties van de aanbieder.`],
  [/^duplicate assessment of (.+)$/, (a) => `De beoordeling van ${assessmentNl(a)} staat er dubbel in.`],
  [/^duplicate fieldBest entry for (.+)$/, (a) => `De beste score van het veld voor ${assessmentNl(a)} staat er dubbel in.`],
  [/^inputs are for kader (\S+), but the kader is (\S+)$/, (a, b) => `De invoer hoort bij kader ${a}, niet bij kader ${b}.`],
  [/^(\S+) has more decimals than the kader's rounding \((\d+)\)$/, (v, n) => `Het bedrag ${nlNumber(v)} heeft meer decimalen dan de afronding van het kader (${n}).`],
  [
    /^non-negotiable part (\S+) \((.*)\) is above the maximum (\S+)$/,
    (sum, parts, max) => `Het niet-onderhandelbare deel ${nlNumber(sum)} (${parts}) ligt boven het maximumtarief ${nlNumber(max)}.`,
  ],
  [/^(\S+) is a fixed surcharge, not a points module$/, (id) => `${id} is een vaste opslag, geen puntenmodule.`],
  [/^unknown module (.+)$/, (id) => `Er is geen puntenmodule met kenmerk ${id}.`],
  [/^required: module (\S+) has target groups (.+)$/, (id, list) => `Verplicht: module ${id} heeft doelgroepen (${list}); kies er een.`],
  [/^unknown target group (\S+) of module (\S+)$/, (g, id) => `Module ${id} heeft geen doelgroep ${g}.`],
  [/^module (\S+) has no target groups$/, (id) => `Module ${id} heeft geen doelgroepen; laat de doelgroep weg.`],
  [/^missing score for criterion (.+)$/, (c) => `De score voor criterium ${c} ontbreekt.`],
  [/^(\S+) is not on the scale (.+)$/, (v, scale) => `${nlNumber(v)} staat niet op de schaal ${scale.split(", ").map(nlNumber).join("; ")}.`],
  [/^unknown criterion (\S+) of module (\S+)$/, (c, id) => `Module ${id} heeft geen criterium ${c}.`],
  [/^unknown provider (.+)$/, (id) => `Onbekende aanbieder ${id}.`],
  // Syntax: the position in Dutch; the parser's own (English) words only when we know them.
  [/^YAML syntax error at line (\d+), column (\d+): (.*)$/s, (l, c, m) => `Syntaxfout in het YAML-bestand op regel ${l}, kolom ${c}${syntaxNl(m)}.`],
  [/^YAML syntax error: (.*)$/s, (m) => `Syntaxfout in het YAML-bestand${syntaxNl(m)}.`],
  [/^JSON syntax error at line (\d+), column (\d+): (.*)$/s, (l, c, m) => `Syntaxfout in het JSON-bestand op regel ${l}, kolom ${c}${syntaxNl(m)}.`],
  [/^JSON syntax error: (.*)$/s, (m) => `Syntaxfout in het JSON-bestand${syntaxNl(m)}.`],
  // Limits on documents (scoring/format/yaml-limits.ts, json-limits.ts, document.ts).
  [
    /^anchors \(&\) and aliases \(\*\) are not allowed \(line (\d+)\)$/,
    (l) => `Regel ${l} gebruikt een YAML-anker (&) of -verwijzing (*). Een kaderbestand heeft die niet nodig en ze zijn niet toegestaan: schrijf de waarden uit.`,
  ],
  [
    /^merge keys \(<<\) are not allowed \(line (\d+)\)$/,
    (l) => `Regel ${l} gebruikt een YAML-samenvoegsleutel (<<). Een kaderbestand heeft die niet nodig en ze zijn niet toegestaan: schrijf de waarden uit.`,
  ],
  [/^nested too deeply: more than (\d+) levels \(line (\d+)(?:, column \d+)?\)$/, (n, l) => `Het bestand is op regel ${l} dieper genest dan ${n} niveaus; zo diep gaat een kader nooit.`],
  [/^document too large: more than (\d+) YAML tokens/, () => "Het bestand is te groot of te ingewikkeld om als kader te lezen; een kaderbestand is veel kleiner."],
  [/^document too large: .*$/, () => "Het bestand is te groot om te lezen; een kaderbestand is veel kleiner."],
  [/^duplicate key "(.*)" at line (\d+), column (\d+)$/, (k, l, c) => `De sleutel ‘${k}’ komt twee keer voor in hetzelfde object (regel ${l}, kolom ${c}).`],
  // Facts and assessment (spec 1).
  [/^undeclared fact (\S+)$/, (f) => `Het feit ${f} staat niet bij de feiten van het kader; leg het daar eerst vast.`],
  [/^duplicate fact id (.+)$/, (id) => `Het feitkenmerk ${id} komt al eerder voor.`],
  [/^a choice needs options$/, () => "Een keuze heeft mogelijkheden nodig: vul ze in, gescheiden door komma's."],
  [/^options are only for a choice, not for "(\w+)"$/, () => "Alleen een keuze heeft mogelijkheden; laat ze hier weg."],
  [/^duplicate option (.+)$/, (o) => `De mogelijkheid ${o} staat er dubbel in.`],
  [/^unknown fact type (.+), expected one of .*$/, (v) => `Onbekend soort feit ${nlValue(v)}; kies ja/nee, getal, tekst of keuze.`],
  [/^unknown fact source (.+), expected one of .*$/, (v) => `Onbekende bron ${nlValue(v)}; kies aanbieder, zorgkantoor of register.`],
  [/^unknown evidence (.+), expected one of .*$/, (v) => `Onbekende bewijsplicht ${nlValue(v)}; kies verplicht, optioneel of geen.`],
  [/^unknown decision method (.+), expected one of .*$/, (v) => `Onbekende beslisregel ${nlValue(v)}; kies consensus of gemiddelde.`],
  [/^required \((boolean, number, text, choice|aanbieder, zorgkantoor, register|consensus, mean)\)$/, () => "Verplicht: kies een van de mogelijkheden."],
  [/^fact (\S+): expected true or false, got (.*)$/, (f, got) => `Het feit ${f} is ja of nee (nu: ${nlValue(got)}).`],
  [/^fact (\S+): expected a number, got (.*)$/, (f, got) => `Het feit ${f} is een getal (nu: ${nlValue(got)}).`],
  [/^fact (\S+): expected text, got (.*)$/, (f, got) => `Het feit ${f} is tekst (nu: ${nlValue(got)}).`],
  [/^fact (\S+): (.*) is not one of (.*)$/, (f, v, list) => `${v} is geen mogelijkheid van het feit ${f}; kies uit ${list}.`],
  [/^(\S+) is negative: a relative module's scale holds no negative values$/, (v) => `${nlNumber(v)} is negatief: een relatieve module telt geen negatieve scores.`],
  // Messages since items are named (scoring/format/common.ts nameItems).
  [/^required: the module has target groups (.+)$/, (list) => `Verplicht: deze module heeft doelgroepen (${list}); kies er een.`],
  [/^unknown target group (\S+)$/, (g) => `Deze module heeft geen doelgroep ${g}.`],
  [/^the module has no target groups$/, () => "Deze module heeft geen doelgroepen; laat de doelgroep weg."],
  [/^duplicate assessment(?: for target group (\S+))?$/, (g) => `De beoordeling${g ? ` voor doelgroep ${g}` : ""} staat er dubbel in.`],
  [/^duplicate fieldBest entry(?: for target group (\S+))?$/, (g) => `De beste score van het veld${g ? ` voor doelgroep ${g}` : ""} staat er dubbel in.`],
  [/^unknown criterion (\S+)$/, (c) => `Deze module heeft geen criterium ${c}.`],
];

/** The item an engine message names before its text (`provider A, module m: …`, `4VV: …`). */
const ITEM_PREFIX = /^[^:]{1,200}?: /;

/**
 * The Dutch message for an engine message, or null when no pattern knows it. A message that
 * starts with the item it is about is translated without that name: the place, in words, says it.
 */
export function translateMessage(message: string): string | null {
  let text = message;
  for (let attempt = 0; attempt < 3; attempt++) {
    for (const [pattern, render] of RULES) {
      const match = pattern.exec(text);
      if (match) return render(...match.slice(1));
    }
    const prefix = ITEM_PREFIX.exec(text);
    if (!prefix) return null;
    text = text.slice(prefix[0].length);
  }
  return null;
}

// ---------------------------------------------------------------------------
// Paths in words

const WORDS: Record<string, string> = {
  format: "formaat",
  id: "kenmerk",
  title: "titel",
  zorgkantoor: "zorgkantoor",
  year: "jaar",
  rounding: "afronding",
  decimals: "decimalen",
  mode: "wijze",
  percentDecimals: "decimalen van percentages",
  maxPercent: "maximumpercentage",
  nonNegotiable: "niet-onderhandelbare componenten",
  baseRate: "basistarief",
  default: "standaard",
  bySector: "per sector",
  byPrestatie: "per prestatie",
  previousYear: "vorig-jaarregel",
  over: "geldt over",
  surcharges: "opslagen",
  kind: "soort",
  label: "naam",
  ref: "verwijzing",
  percent: "percentage",
  when: "voorwaarde",
  fact: "feit",
  op: "vergelijking",
  value: "waarde",
  not: "niet",
  appliesTo: "geldt voor",
  sectors: "sectoren",
  prestaties: "prestaties",
  targetGroups: "doelgroepen",
  criteria: "criteria",
  weight: "gewicht",
  scale: "schaal",
  minScore: "minimumscore (knock-out)",
  threshold: "drempel",
  mapping: "omzetting",
  basis: "basis",
  bands: "schijven",
  from: "vanaf",
  to: "tot",
  fromPercent: "beginpercentage",
  toPercent: "eindpercentage",
  linear: "lineair",
  // Facts and assessment (spec 1): `facts[0].type` reads "Feit 1 › soort".
  type: "soort",
  options: "mogelijkheden",
  source: "bron",
  question: "vraag",
  evidence: "bewijs",
  assessment: "beoordeling",
  assessors: "aantal beoordelaars",
  decides: "beslisregel",
  // The inputs document (preview and budget).
  kader: "kader",
  inputs: "invoer",
  tariffs: "tarieven",
  code: "code",
  sector: "sector",
  unit: "eenheid",
  max: "maximumtarief",
  components: "componenten",
  providers: "aanbieders",
  name: "naam",
  previousYearPercent: "percentage vorig jaar",
  facts: "feiten",
  assessments: "beoordelingen",
  module: "module",
  targetGroup: "doelgroep",
  scores: "scores",
  volumes: "volumes",
  fieldBest: "beste score van het veld",
  points: "punten",
  provider: "aanbieder",
};

/** One element of a list, by the list's key. */
const ITEM: Record<string, string> = {
  surcharges: "opslag",
  nonNegotiable: "component",
  over: "opslag",
  targetGroups: "doelgroep",
  criteria: "criterium",
  scale: "score",
  bands: "schijf",
  all: "regel",
  any: "regel",
  sectors: "sector",
  prestaties: "prestatie",
  tariffs: "tarief",
  providers: "aanbieder",
  assessments: "beoordeling",
  fieldBest: "opgave",
  facts: "feit",
  options: "mogelijkheid",
};

function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(`"${m[2]}"`) as string);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** `surcharges[1].criteria[0].weight` → `Opslag 2 › criterium 1 › gewicht`. */
export function describePath(path: string, names: PathNames = {}): string {
  const segs = segments(path);
  if (segs.length === 0) return "Het kader als geheel";
  const words: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const prev = segs[i - 1];
    if (typeof seg === "number") {
      const item = typeof prev === "string" ? getOwn(ITEM, prev) : undefined;
      const name = prev === "surcharges" && i === 1 ? names.surcharges?.[seg] : undefined;
      const word = `${item ?? "element"} ${seg + 1}${name ? ` (${name})` : ""}`;
      if (item && prev !== "all" && prev !== "any" && words.length > 0 && words[words.length - 1] === (getOwn(WORDS, prev as string) ?? prev)) words[words.length - 1] = word;
      else words.push(word);
    } else if (prev === "bySector" || prev === "byPrestatie" || prev === "scores" || prev === "facts" || prev === "volumes" || prev === "components") words.push(seg === "" ? "(lege code)" : seg);
    else if (seg === "all" || seg === "any") {
      // `all[1]` reads "regel 2"; a bare `all` is the combination itself.
      if (typeof segs[i + 1] !== "number") words.push(seg === "all" ? "alle regels" : "een van de regels");
    }
    // Own words only: a key like `constructor` is a name, not Object's constructor.
    else words.push(getOwn(WORDS, seg) ?? seg);
  }
  const text = words.join(" › ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The Dutch message for an issue; an unknown message names the field, in Dutch only. */
export function issueMessageNl(issue: Issue, names: PathNames = {}): string {
  const known = translateMessage(issue.message);
  if (known) return known;
  return `Deze waarde voldoet niet aan het kaderformaat. Controleer ‘${describePath(issue.path, names)}’.`;
}

export function issueToDutch(issue: Issue, names: PathNames = {}): DutchIssue {
  return { path: issue.path, where: describePath(issue.path, names), message: issueMessageNl(issue, names) };
}

export function issuesToDutch(issues: readonly Issue[], names: PathNames = {}): DutchIssue[] {
  return issues.map((i) => issueToDutch(i, names));
}
