import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { appendAudit } from "../db/audit.server";
import type { Db } from "../db/client.server";
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
    db.transaction((tx) => {
      appendAudit(tx, {
        actorUserId: null,
        action: "request.cross_origin_refused",
        entityType: "route",
        entityId: req.path,
        payload: { method: req.method, origin: req.headers.origin ?? null, site: req.headers["sec-fetch-site"] ?? null },
      });
    });
    res.status(403).type("text/plain; charset=utf-8").send("Verzoek van een andere herkomst geweigerd.");
  });
  app.use(noStore);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce ?? ""),
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  return app;
}
