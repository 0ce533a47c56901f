// Calling the preview's route loaders as Remix does: a Request with a session cookie.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createSession, type SessionUser } from "../../../app/auth/session.server";
import type { Db } from "../../../db/client.server";

export type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
export type RouteModule = { loader: Loader; action?: unknown };

const context = { cspNonce: "test", clientAddress: "127.0.0.1" };

export function caller(db: Db) {
  const tokens = new Map<number, string>();
  const tokenFor = (user: SessionUser) => {
    let token = tokens.get(user.id);
    if (!token) {
      token = createSession(db, user.id).token;
      tokens.set(user.id, token);
    }
    return token;
  };
  return (route: RouteModule, path: string, slug: string, user: SessionUser | null): Promise<unknown> => {
    const headers = new Headers();
    if (user) headers.set("Cookie", `zk_session=${tokenFor(user)}`);
    return route.loader({ request: new Request(`http://localhost${path}`, { headers }), params: { slug }, context });
  };
}

/** The Response a loader threw (a guard's refusal or redirect), or fails. */
export async function thrown(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the loader to throw a Response");
}
