import { Form, NavLink } from "@remix-run/react";
import type { ShellUser } from "../services/shell.server";

export function SiteHeader({ user }: { user: ShellUser | null }) {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <a href="/" className="brand">
          Zorginkoop
        </a>
        {user ? (
          <div className="whoami">
            <span className="whoami__name">{user.name}</span>
            <span className="whoami__meta">
              {user.roles.join(", ")}
              {user.organisation ? ` · ${user.organisation}` : ""}
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="button button--quiet">
                Uitloggen
              </button>
            </Form>
          </div>
        ) : null}
      </div>
      {user && user.nav.length > 0 ? (
        <nav aria-label="Hoofdmenu" className="main-nav">
          <ul>
            {user.nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to.split("/").length <= 2}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
