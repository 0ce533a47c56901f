import { ROLES, type Role } from "../../db/schema/roles";

export { ROLES, type Role };

/** Where each role starts, and what its navigation shows. Shared by server and UI. */
export const ROLE_HOME: Record<Role, string> = {
  beheerder: "/beheer",
  inkoper: "/inkoop",
  beoordelaar: "/beoordeling",
  jurist: "/juridisch",
  zorgaanbieder: "/aanbieder",
};

export const ROLE_LABEL: Record<Role, string> = {
  beheerder: "Beheerder",
  inkoper: "Inkoper",
  beoordelaar: "Beoordelaar",
  jurist: "Jurist",
  zorgaanbieder: "Zorgaanbieder",
};

export type NavItem = { to: string; label: string };

export const ROLE_NAV: Record<Role, NavItem[]> = {
  beheerder: [
    { to: "/beheer", label: "Beheer" },
    { to: "/beheer/gebruikers", label: "Gebruikers" },
    { to: "/beheer/organisaties", label: "Organisaties" },
    { to: "/audit", label: "Audittrail" },
  ],
  inkoper: [
    { to: "/inkoop", label: "Inkoopkaders" },
    { to: "/inkoop/tarieven", label: "Tarieftabellen" },
    { to: "/inkoop/register", label: "Aanbiedersregister" },
  ],
  beoordelaar: [{ to: "/beoordeling", label: "Beoordelen" }],
  jurist: [
    { to: "/juridisch", label: "Juridisch" },
    { to: "/juridisch/bezwaren", label: "Bezwaren" },
    { to: "/audit", label: "Audittrail" },
  ],
  zorgaanbieder: [{ to: "/aanbieder", label: "Mijn organisatie" }],
};

/** Roles that belong to a zorgkantoor; `zorgaanbieder` belongs to a provider. */
export const PURCHASER_ROLES: Role[] = ["inkoper", "beoordelaar", "jurist"];

export function navFor(roles: Role[]): NavItem[] {
  const seen = new Set<string>();
  return roles.flatMap((r) => ROLE_NAV[r]).filter((item) => (seen.has(item.to) ? false : (seen.add(item.to), true)));
}
