/**
 * Request bodies, before any Remix handler sees them. Undici's `request.formData()` reads a whole
 * body into memory and throws on anything that is not a well-formed form, which a route would
 * answer with 500. So every write request is checked here first:
 * - the body is read into memory up to a limit (the streamed bytes are counted, not only the
 *   declared Content-Length, so a chunked body cannot slip past), else 413;
 * - it must be a form (urlencoded; multipart only on the routes that take a file), else 400;
 * - a form field holding a NUL character is refused with 400 (no name or title has one, and
 *   databases and PDF writers treat it as the end of a string).
 * The checked body is then handed to Remix from memory.
 */
import type { NextFunction, Request, Response } from "express";

/** Ordinary forms: a login, a question, an account. */
export const FORM_BODY_LIMIT = 128 * 1024;
/** Routes that take a file (5 MB) or the kader editor's whole form: the file plus room for the other fields. */
export const UPLOAD_BODY_LIMIT = 5 * 1024 * 1024 + 256 * 1024;

/**
 * The inschrijving form (urlencoded): a whole submission of up to MAX_CONTENT_CHARS (2 million)
 * characters, percent-encoded (most text stays one byte a character, accents and line breaks
 * take more).
 */
export const SUBMISSION_FORM_BODY_LIMIT = 8 * 1024 * 1024;
/** An inschrijving attachment (a PDF of up to 10 MB) with the whole form posted along (multipart, not encoded). */
export const SUBMISSION_UPLOAD_BODY_LIMIT = 10 * 1024 * 1024 + 8 * 1024 * 1024;

/**
 * The objection form (multipart when it carries PDFs): the grounds (at most 20,000 characters)
 * and up to 20 MB of attachments per check; more files can be added in a next round.
 */
export const OBJECTION_BODY_LIMIT = 20 * 1024 * 1024 + 256 * 1024;

// The file routes, also as single-fetch data requests (`/inkoop/tarieven.data`).
const UPLOAD_ROUTE = /^\/inkoop\/(?:tarieven|register|jaarrekeningen|kaders\/[^/]+\/bewerken)(?:\.data)?\/?$/;
const SUBMISSION_UPLOAD_ROUTE = /^\/kaders\/[^/]+\/inschrijving\/bijlagen(?:\.data)?\/?$/;
const SUBMISSION_FORM_ROUTE = /^\/kaders\/[^/]+\/inschrijving(?:\.data)?\/?$/;

const OBJECTION_ROUTE = /^\/kaders\/[^/]+\/bezwaar(?:\.data)?\/?$/;

const isMultipartRoute = (path: string) => UPLOAD_ROUTE.test(path) || SUBMISSION_UPLOAD_ROUTE.test(path) || OBJECTION_ROUTE.test(path);

const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function bodyLimitFor(path: string): number {
  if (SUBMISSION_UPLOAD_ROUTE.test(path)) return SUBMISSION_UPLOAD_BODY_LIMIT;
  if (SUBMISSION_FORM_ROUTE.test(path)) return SUBMISSION_FORM_BODY_LIMIT;
  if (OBJECTION_ROUTE.test(path)) return OBJECTION_BODY_LIMIT;
  return UPLOAD_ROUTE.test(path) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
}

declare module "express-serve-static-core" {
  interface Request {
    /** The request body as read and checked by `readRequestBody`; undefined for GET/HEAD. */
    checkedBody?: Buffer;
  }
}

/**
 * The body check as middleware. A body above the ordinary form limit is read only for a request
 * with a valid session (`signedIn`): the large limits are for people who upload, and a client
 * without an account cannot make the server hold megabytes per request.
 */
export function readRequestBody(signedIn: (req: Request) => boolean): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    if (BODYLESS_METHODS.has(req.method)) return next();
    const routeLimit = bodyLimitFor(req.path);
    checkBody(req, res, next, routeLimit > FORM_BODY_LIMIT && !signedIn(req) ? FORM_BODY_LIMIT : routeLimit);
  };
}

function checkBody(req: Request, res: Response, next: NextFunction, limit: number): void {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return refuseTooLarge(req, res, limit);

  const contentType = req.headers["content-type"];
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const form = mediaType === "application/x-www-form-urlencoded";
  const multipart = mediaType === "multipart/form-data" && isMultipartRoute(req.path);
  // No content type is fine only for an empty body (a bare POST /logout): checked once read.
  if (!form && !multipart && contentType !== undefined) return notAForm(res);

  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const onData = (chunk: Buffer) => {
    if (done) return;
    received += chunk.byteLength;
    if (received > limit) {
      done = true;
      cleanup();
      chunks.length = 0;
      return refuseTooLarge(req, res, limit);
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    if (done) return;
    done = true;
    cleanup();
    const body = Buffer.concat(chunks, received);
    if (contentType === undefined) {
      if (body.byteLength > 0) return notAForm(res);
      // An empty form, so that an action reading it finds no fields (400 at the fields) instead of failing.
      req.headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (form && hasNulInForm(body)) {
      return void sendPage(res, 400, "Ongeldige tekens", "Het formulier bevat een ongeldig teken (een nulteken). Verwijder het en verstuur het formulier opnieuw.");
    }
    req.checkedBody = body;
    next();
  };
  const onError = () => {
    if (done) return;
    done = true;
    cleanup();
  };
  const cleanup = () => {
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onError);
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onError);
}

function notAForm(res: Response): void {
  // Said without reading the body; closing the connection means the rest is never waited for.
  res.setHeader("Connection", "close");
  sendPage(res, 400, "Verzoek niet begrepen", "Dit verzoek is geen formulier dat deze pagina verwacht. Ga terug en verstuur het formulier opnieuw.");
}

/** How long a refused connection is still read (and the bytes dropped) after the answer. */
const LINGER_MS = 2000;

function refuseTooLarge(req: Request, res: Response, limit: number): void {
  // Closing the connection is what stops the client from sending the rest. Closing it at once,
  // with the client's bytes still unread, makes the kernel send a reset, and a client may then
  // lose the answer: so what still arrives is read and dropped for a moment first (as nginx's
  // lingering close does), never stored.
  res.setHeader("Connection", "close");
  req.resume();
  const socket = req.socket as typeof req.socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  const size = limit >= 1024 * 1024 ? `${Math.floor(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} kB`;
  sendPage(res, 413, "Verzoek te groot", `Wat u verstuurde is groter dan hier is toegestaan (hoogstens ${size}). Er is niets gewijzigd. Ga terug en probeer het met een kleiner bestand of minder tekst.`);
}

/** A NUL in a field name or value, written raw or as `%00`. */
function hasNulInForm(body: Buffer): boolean {
  if (body.includes(0)) return true;
  const text = body.toString("latin1");
  return /%00/.test(text);
}

function sendPage(res: Response, status: number, title: string, text: string): void {
  res
    .status(status)
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title} | Zorginkoop</title></head>` +
        `<body><main><h1>${title}</h1><p>${text}</p></main></body></html>`,
    );
}
