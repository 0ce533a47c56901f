import { getUser } from "../auth/guards.server";
import { navFor, ROLE_LABEL } from "../auth/permissions";

export type ShellUser = {
  name: string;
  organisation: string | null;
  roles: string[];
  nav: { to: string; label: string }[];
};

/** What the header shows about the signed-in user; null when signed out. */
export function loadShellUser(request: Request): ShellUser | null {
  const user = getUser(request);
  if (!user) return null;
  return {
    name: user.name,
    organisation: user.organisation?.name ?? null,
    roles: user.roles.map((r) => ROLE_LABEL[r]),
    nav: navFor(user.roles),
  };
}
