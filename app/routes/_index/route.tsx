import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/guards.server";
import { ROLE_HOME } from "~/auth/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  if (!user) throw redirect("/login");
  const first = user.roles[0];
  if (!first) throw new Response("Dit account heeft geen rol.", { status: 403 });
  throw redirect(ROLE_HOME[first]);
}
