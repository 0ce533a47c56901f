/**
 * A crawl of the whole built app as given users, searching every response for given strings
 * (canaries). Reusable: the sealed-submission canary test uses it before the closing time, and a
 * test after the opening can run it with other expectations.
 *
 * What it fetches, per user:
 * - every route of the Remix build (read from `build/index.js`, so a new route is crawled without
 *   anyone listing it), with its params filled from a map of param names to values: the page
 *   (GET) for every value, the single-fetch data request of the route alone
 *   (`<path>.data?_routes=<id>`) for every value of a page route and once for a resource route,
 *   and the default data request (`<path>.data`, every loader of the match) once per route;
 * - then, breadth first up to a depth and a count, every same-origin link, form action, source
 *   and redirect target in what came back (downloads too: PDF, YAML, JSON, XLSX, ZIP, CSV).
 * A route whose params the map cannot fill is reported in `unfillable`, never skipped silently.
 *
 * How it searches a body for a string: the raw bytes (UTF-8, and UTF-16 both ways), the hex
 * form (PDF text strings `<...>`, ASCII and UTF-16BE), base64 at each alignment; inside a PDF
 * also the text `pdftotext` extracts (pdfkit writes text as hex glyph ids), inside a zip (XLSX)
 * or gzip every inflated entry. A data request to a resource route returns the loader's body
 * as text inside the turbo-stream (binary bytes lossy, ASCII literal): a raw canary shows there
 * as it is; compressed PDF text does not, which is why the page (GET) of every resource route is
 * fetched too and searched as a file.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

export type RouteParam = { name: string; optional: boolean };
export type ManifestRoute = {
  id: string;
  /** The full URL pattern, e.g. `/kaders/:slug/kader.pdf`. */
  pattern: string;
  params: RouteParam[];
  hasLoader: boolean;
  /** A page (has a component) rather than a resource route (a download, say). */
  hasComponent: boolean;
};

type BuildRoute = { id: string; path?: string; parentId?: string; index?: boolean; module: Record<string, unknown> };

/** Every route of the server build, with its full pattern. */
export async function manifestRoutes(buildFile = path.resolve("build/index.js")): Promise<ManifestRoute[]> {
  const build = (await import(pathToFileURL(buildFile).href)) as { routes: Record<string, BuildRoute> };
  const full = (id: string): string => {
    const route = build.routes[id]!;
    const own = route.path ?? "";
    const parent = route.parentId ? full(route.parentId) : "";
    return [parent, own].filter((p) => p !== "").join("/");
  };
  return Object.values(build.routes).map((route) => {
    const pattern = `/${full(route.id)}`;
    const params = pattern
      .split("/")
      .filter((s) => s.startsWith(":") || s === "*")
      .map((s) => (s === "*" ? { name: "*", optional: false } : { name: s.slice(1).replace(/\?$/, ""), optional: s.endsWith("?") }));
    return { id: route.id, pattern, params, hasLoader: typeof route.module.loader === "function", hasComponent: typeof route.module.default === "function" };
  });
}

/**
 * Param name → the values to put in it (`*` is a splat). `primary` values are combined with each
 * other in full (every seeded provider with every seeded attachment, say); each of the `others`
 * (another zorgkantoor's kader, a provider that owns nothing here) is tried once per route, with
 * the other params at their first primary value. That keeps every value in every route without
 * the full product of all of them.
 */
export type ParamValues = ReadonlyMap<string, { primary: readonly string[]; others?: readonly string[] }>;

/**
 * The concrete paths of a route pattern (see ParamValues), with and without each optional
 * segment. `missing` names the params the map has no values for.
 */
export function expandPattern(pattern: string, values: ParamValues): { paths: string[]; missing: string[] } {
  const segments = pattern.split("/").filter((s) => s !== "");
  const names = segments.filter((s) => s.startsWith(":") || s === "*").map((s) => (s === "*" ? "*" : s.slice(1).replace(/\?$/, "")));
  const missing = names.filter((n) => !values.get(n)?.primary.length);
  if (missing.length > 0) return { paths: [], missing };

  // Assignments of values to names: the full product of primaries, then each other value alone.
  let assignments: Map<string, string>[] = [new Map()];
  for (const name of new Set(names)) assignments = assignments.flatMap((a) => values.get(name)!.primary.map((v) => new Map(a).set(name, v)));
  for (const name of new Set(names)) {
    for (const other of values.get(name)!.others ?? []) {
      const a = new Map(names.map((n) => [n, values.get(n)!.primary[0]!]));
      assignments.push(a.set(name, other));
    }
  }

  const paths = new Set<string>();
  for (const a of assignments) {
    let partial: string[] = [""];
    for (const segment of segments) {
      const optional = segment.endsWith("?");
      const bare = optional ? segment.slice(0, -1) : segment;
      const part =
        bare === "*" ? a.get("*")!.split("/").map(encodeURIComponent).join("/") : bare.startsWith(":") ? encodeURIComponent(a.get(bare.slice(1))!) : bare;
      partial = partial.flatMap((p) => (optional ? [`${p}/${part}`, p] : [`${p}/${part}`]));
    }
    for (const p of partial) paths.add(p === "" ? "/" : p);
  }
  return { paths: [...paths], missing: [] };
}

/** The single-fetch data URL of a path: `/x.data`, `/_root.data` for `/`, with `_routes` when given. */
export function dataPath(pathname: string, routeId?: string): string {
  const target = pathname === "/" ? "/_root.data" : `${pathname.replace(/\/$/, "")}.data`;
  return routeId ? `${target}?_routes=${encodeURIComponent(routeId)}` : target;
}

// ---------------------------------------------------------------------------------------------
// Searching a body

export type Found = { token: string; count: number; how: string[]; context: string };

/** The forms a token can take in bytes, each as a latin1 string (so byte-exact matching). */
function formsOf(token: string): [string, string][] {
  const utf8 = Buffer.from(token, "utf8");
  const utf16be = Buffer.alloc(utf8.length * 2);
  for (let i = 0; i < utf8.length; i++) utf16be[2 * i + 1] = utf8[i]!;
  const utf16le = Buffer.from(token, "utf16le");
  const forms: [string, string][] = [
    ["raw", utf8.toString("latin1")],
    ["utf16be", utf16be.toString("latin1")],
    ["utf16le", utf16le.toString("latin1")],
    ["hex", utf8.toString("hex")],
    ["HEX", utf8.toString("hex").toUpperCase()],
    ["hex16", utf16be.toString("hex")],
    ["HEX16", utf16be.toString("hex").toUpperCase()],
  ];
  // Base64 at each of the three alignments: only the characters fixed by the token's bytes alone.
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), utf8]).toString("base64").replace(/=+$/, "");
    const head = [0, 2, 3][align]!;
    const tail = (align + utf8.length) % 3 === 0 ? 0 : 1;
    forms.push([`base64@${align}`, encoded.slice(head, encoded.length - tail)]);
  }
  return forms;
}

const formCache = new Map<string, [string, string][]>();
const pdfTextCache = new Map<string, string>();

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

function contextOf(haystack: string, needle: string): string {
  const at = haystack.indexOf(needle);
  return haystack
    .slice(Math.max(0, at - 60), at + needle.length + 60)
    .replace(/[^\x20-\x7e]/g, ".");
}

/** The text of a PDF as `pdftotext` reads it, whitespace removed (a line break never hides a token). */
export function pdfText(bytes: Buffer): string {
  const key = createHash("sha256").update(bytes).digest("hex");
  let text = pdfTextCache.get(key);
  if (text === undefined) {
    try {
      text = execFileSync("pdftotext", ["-q", "-", "-"], { input: bytes, maxBuffer: 64 * 1024 * 1024 }).toString("utf8");
    } catch (error) {
      // A body that starts like a PDF but does not parse is searched as bytes only; say so.
      text = `[pdftotext failed: ${(error as Error).message}]`;
    }
    text = text.replace(/\s+/g, "");
    pdfTextCache.set(key, text);
  }
  return text;
}

/** The entries of a zip (an XLSX is one), inflated; bounded so a hostile body cannot stall the crawl. */
export function zipEntries(bytes: Buffer, limit = 64 * 1024 * 1024): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries && at + 46 <= bytes.length && bytes.readUInt32LE(at) === 0x02014b50; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (local + 30 > bytes.length) continue;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    let content: Buffer;
    try {
      content = method === 0 ? data : method === 8 ? zlib.inflateRawSync(data, { maxOutputLength: limit - total }) : data;
    } catch {
      content = data;
    }
    total += content.length;
    out.push({ name, bytes: content });
    if (total >= limit) break;
  }
  return out;
}

/**
 * Every token found in `bytes`, in any form, with how it was found. PDFs are also searched
 * through their extracted text, zips and gzip through their inflated contents.
 */
export function findTokens(bytes: Buffer, tokens: readonly string[], depth = 0): Found[] {
  const found = new Map<string, Found>();
  const add = (token: string, n: number, how: string, context: string) => {
    const f = found.get(token) ?? { token, count: 0, how: [], context };
    f.count += n;
    f.how.push(n > 1 ? `${how}×${n}` : how);
    found.set(token, f);
  };
  const text = bytes.toString("latin1");
  for (const token of tokens) {
    let forms = formCache.get(token);
    if (!forms) formCache.set(token, (forms = formsOf(token)));
    for (const [how, needle] of forms) {
      const n = count(text, needle);
      if (n > 0) add(token, n, how, contextOf(text, needle));
    }
  }
  if (depth < 3) {
    if (text.startsWith("%PDF-")) {
      const extracted = pdfText(bytes);
      for (const token of tokens) {
        const n = count(extracted, token);
        if (n > 0) add(token, n, "pdftotext", contextOf(extracted, token));
      }
    }
    const nested: { label: string; bytes: Buffer }[] = [];
    if (text.startsWith("PK\x03\x04")) for (const entry of zipEntries(bytes)) nested.push({ label: `zip:${entry.name}`, bytes: entry.bytes });
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        nested.push({ label: "gzip", bytes: zlib.gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 }) });
      } catch {
        // Not gzip after all: searched as bytes above.
      }
    }
    for (const entry of nested) for (const f of findTokens(entry.bytes, tokens, depth + 1)) add(f.token, f.count, `${entry.label}/${f.how.join("+")}`, f.context);
  }
  return [...found.values()];
}

// ---------------------------------------------------------------------------------------------
// Crawling

export type CrawlUser = { name: string; cookie?: string };
export type FetchKind = "page" | "route-data" | "data" | "link";
export type Fetched = { url: string; kind: FetchKind; routeId?: string; status: number; contentType: string; size: number; ms: number; found: Found[] };
export type UserCrawl = {
  user: string;
  fetched: Fetched[];
  /** Route ids this user fetched at least one URL of (from the build, not from links). */
  routes: Set<string>;
  /** Links found but not fetched because the count or depth bound was reached. */
  linksLeft: number;
  /** Links not fetched because their path had been fetched with `maxQueryVariants` other queries. */
  variantsSkipped: number;
};
export type CrawlReport = {
  routes: ManifestRoute[];
  /** Routes the param map cannot fill, with the params it lacks. */
  unfillable: { routeId: string; pattern: string; missing: string[] }[];
  users: Map<string, UserCrawl>;
};

export type CrawlOptions = {
  baseURL: string;
  users: CrawlUser[];
  routes: ManifestRoute[];
  params: ParamValues;
  tokens: readonly string[];
  /** Link-following rounds after the routes (default 5). */
  maxDepth?: number;
  /** Links fetched per user at most (default 400). */
  maxLinks?: number;
  /** Distinct queries fetched per linked path (`/login?next=...`, `/audit?voor=...`; default 6). */
  maxQueryVariants?: number;
  /** Requests in flight at once, over all users (default 6). */
  concurrency?: number;
};

function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Same-origin URLs (path and query) referred to in a body: links, form actions, sources, paths in data. */
export function linksIn(body: string, contentType: string, base: string): string[] {
  const out = new Set<string>();
  const consider = (raw: string) => {
    const value = raw.replace(/&amp;/g, "&").replace(/&#x2F;/gi, "/").replace(/&#47;/g, "/");
    if (value.startsWith("#") || /^(mailto|tel|javascript|data):/i.test(value)) return;
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      return;
    }
    if (url.origin !== new URL(base).origin) return;
    // Static assets (scripts, styles, fonts) hold no data.
    if (url.pathname.startsWith("/build/") || url.pathname.startsWith("/assets/")) return;
    out.add(url.pathname + url.search);
  };
  if (contentType.includes("html")) {
    for (const m of body.matchAll(/\s(?:href|src|action|formaction)\s*=\s*"([^"]*)"/gi)) consider(m[1]!);
    for (const m of body.matchAll(/\s(?:href|src|action|formaction)\s*=\s*'([^']*)'/gi)) consider(m[1]!);
  } else if (!contentType.includes("pdf") && !contentType.includes("zip") && !contentType.includes("spreadsheet")) {
    // Data responses (turbo-stream, JSON): quoted absolute paths.
    for (const m of body.matchAll(/"(\/[A-Za-z0-9][A-Za-z0-9._~\-/%?=&;+]*)"/g)) consider(m[1]!);
  }
  return [...out];
}

const DOWNLOAD = /\.(pdf|ya?ml|json|xlsx|zip|csv|txt)(\?|$)/i;
const isDownload = (url: string) => DOWNLOAD.test(url.split("#")[0]!);

/** Runs the crawl for every user (they share the concurrency bound) and searches every body. */
export async function crawl(options: CrawlOptions): Promise<CrawlReport> {
  const { baseURL, routes, params, tokens } = options;
  const maxDepth = options.maxDepth ?? 5;
  const maxLinks = options.maxLinks ?? 400;
  const maxQueryVariants = options.maxQueryVariants ?? 6;
  const run = limiter(options.concurrency ?? 6);

  const unfillable: CrawlReport["unfillable"] = [];
  const seeds: { url: string; kind: FetchKind; routeId: string }[] = [];
  for (const route of routes) {
    const { paths, missing } = expandPattern(route.pattern, params);
    if (missing.length > 0) {
      unfillable.push({ routeId: route.id, pattern: route.pattern, missing });
      continue;
    }
    paths.forEach((p, i) => {
      seeds.push({ url: p, kind: "page", routeId: route.id });
      // A resource route's data request runs the very loader its page (GET) runs and returns its
      // body as text, lossy for binary: the page, searched as a file, is the stronger test, so
      // its data requests are made once per route (they still must not fail or leak).
      const once = i === 0;
      if (route.hasLoader && (route.hasComponent || once)) seeds.push({ url: dataPath(p, route.id), kind: "route-data", routeId: route.id });
      // The default data request runs every loader of the match (the root's, the parents' and
      // the route's own, each fetched alone above): once per route is enough to cover the form.
      if (once || !route.hasLoader) seeds.push({ url: dataPath(p), kind: "data", routeId: route.id });
    });
  }

  const fetchOne = async (user: CrawlUser, url: string): Promise<{ status: number; contentType: string; body: Buffer; location: string | null; ms: number }> =>
    run(async () => {
      const started = performance.now();
      const res = await fetch(baseURL + url, { redirect: "manual", headers: user.cookie ? { Cookie: user.cookie } : {}, signal: AbortSignal.timeout(30_000) });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, contentType: res.headers.get("content-type") ?? "", body, location: res.headers.get("location"), ms: Math.round(performance.now() - started) };
    });

  const crawlUser = async (user: CrawlUser): Promise<UserCrawl> => {
    const result: UserCrawl = { user: user.name, fetched: [], routes: new Set(), linksLeft: 0, variantsSkipped: 0 };
    const seen = new Set<string>();
    const variants = new Map<string, number>();
    const wanted = (url: string): boolean => {
      if (seen.has(url)) return false;
      const [pathname, query] = url.split("?");
      if (query === undefined) return true;
      const n = variants.get(pathname!) ?? 0;
      if (n >= maxQueryVariants) {
        seen.add(url);
        result.variantsSkipped++;
        return false;
      }
      variants.set(pathname!, n + 1);
      return true;
    };
    const visit = async (url: string, kind: FetchKind, routeId?: string): Promise<string[]> => {
      const { status, contentType, body, location, ms } = await fetchOne(user, url);
      result.fetched.push({ url, kind, ...(routeId ? { routeId } : {}), status, contentType, size: body.length, ms, found: findTokens(body, tokens) });
      if (routeId) result.routes.add(routeId);
      const links = linksIn(body.toString("utf8"), contentType, baseURL + url);
      if (location) links.push(...linksIn(`<a href="${location.replace(/"/g, "%22")}">`, "text/html", baseURL + url));
      return links;
    };
    for (const seed of seeds) seen.add(seed.url);
    let frontier = (await Promise.all(seeds.map((s) => visit(s.url, s.kind, s.routeId)))).flat();
    let linksFetched = 0;
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
      // Downloads first, so that the count bound never cuts one off before a page.
      const next = [...new Set(frontier)].sort((a, b) => Number(isDownload(b)) - Number(isDownload(a))).filter(wanted);
      const batch = next.slice(0, Math.max(0, maxLinks - linksFetched));
      result.linksLeft += next.length - batch.length;
      for (const u of batch) seen.add(u);
      linksFetched += batch.length;
      frontier = (await Promise.all(batch.map((u) => visit(u, "link")))).flat();
    }
    // Links still unseen after the last round: not fetched, counted so a test can see the bound bite.
    result.linksLeft += new Set(frontier.filter((u) => !seen.has(u))).size;
    return result;
  };

  const users = new Map<string, UserCrawl>();
  for (const r of await Promise.all(options.users.map(crawlUser))) users.set(r.user, r);
  return { routes, unfillable, users };
}
