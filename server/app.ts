import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import express from "express";
import { auditRefusal } from "../app/auth/refusal-audit.server";
import { hasValidSession, readSessionTokenFromHeader, SESSION_COOKIE_NAMES } from "../app/auth/session.server";
import type { Db } from "../db/client.server";
import { readRequestBody } from "./request-body";
import { isCrossOriginWrite, noStore, securityHeaders } from "./security-headers";
import { trustProxySetting } from "./trust-proxy";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientAddress: string;
  }
}

/** Builds the HTTP app around the compiled Remix build (`remix build` output). */
export async function createApp(db: Db, buildDir = path.resolve("build")): Promise<express.Express> {
  const build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  app.use(securityHeaders);
  // Browsers ask for it on their own; answer without a log line (the page links a data: icon).
  app.get("/favicon.ico", (_req, res) => void res.status(204).end());
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h", index: false }));
  app.use((req, res, next) => {
    if (!isCrossOriginWrite(req, req.headers.host)) return next();
    // Compact and rate limited per address: an anonymous client cannot grow the trail at will.
    auditRefusal(db, {
      client: `address:${req.ip ?? req.socket.remoteAddress ?? "unknown"}`,
      actorUserId: null,
      action: "request.cross_origin_refused",
      entityType: "route",
      entityId: req.path,
      payload: { method: req.method, origin: req.headers.origin ?? null, site: req.headers["sec-fetch-site"] ?? null },
      organisationIds: [],
    });
    res.status(403).type("text/plain; charset=utf-8").send("Verzoek van een andere herkomst geweigerd.");
  });
  app.use(noStore);
  // Whether the request carries a valid session, under either cookie name: only a token matters.
  // The token-only check (same rules as the route's, no roles, no last-seen write): the route's
  // own guard loads the user right after, so the body limit need not do it too.
  const signedIn = (req: express.Request) => SESSION_COOKIE_NAMES.some((name) => hasValidSession(db, readSessionTokenFromHeader(req.headers.cookie, name)));
  app.use(readRequestBody(signedIn));
  const handleRequest = createRequestHandler(build, process.env.NODE_ENV);
  app.all("*", (req, res, next) => {
    const context: AppLoadContext = {
      cspNonce: String(res.locals.cspNonce ?? ""),
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    };
    handleRequest(remixRequest(req, res), context)
      .then((response) => sendResponse(res, response))
      .catch(next);
  });
  return app;
}

/**
 * As @remix-run/express builds the Request, except that the body is the one readRequestBody
 * has read and checked, not the socket stream (which is used up by then).
 */
function remixRequest(req: express.Request, res: express.Response): Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value) headers.set(key, value);
  }
  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") init.body = req.checkedBody ? new Uint8Array(req.checkedBody) : null;
  // Abort loaders and actions when the client goes away before the response is written.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
