import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AppErrorBoundary } from "./components/error-boundary";
import { SiteHeader } from "./components/site-header";
import { useNonce } from "./lib/nonce";
import { loadShellUser } from "./services/shell.server";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [{ title: "Zorginkoop" }];

/** For the header only: every route checks access in its own loader. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { user: loadShellUser(request) };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhoud">
          Naar de inhoud
        </a>
        <SiteHeader user={data?.user ?? null} />
        {/* data-pad changes in the same commit as the content: browser tests wait for it after a navigation. */}
        <main id="inhoud" tabIndex={-1} data-pad={location.pathname + location.search}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Zorginkoop — open platform voor gedifferentieerde Wlz-zorginkoop. Demo-cijfers zijn illustratief.</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = AppErrorBoundary;
