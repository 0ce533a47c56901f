import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logOut } from "~/auth/login.server";
import { clearSessionCookie, readSessionToken } from "~/auth/session.server";
import { getDb } from "~/services/db.server";

/** Logging out changes state, so it is a POST; a GET just goes home. */
export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  logOut(getDb(), readSessionToken(request));
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}
