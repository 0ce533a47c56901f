import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { AppErrorBoundary } from "~/components/error-boundary";
import { TariffMonitor } from "~/components/tariff-monitor";
import styles from "~/components/tariff-monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
import { buildMonitorPage, requireOwnMonitor } from "~/services/monitor/monitor.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Uw tariefmonitor${data ? ` — ${data.page.view.kader.title}` : ""} — Zorginkoop` }];

/**
 * The provider's own tariff monitor: always the actor's own organisation (never one from the URL
 * or the form), on a published kader of its regions; 404 for everyone else.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const subject = requireOwnMonitor(request, user, params.slug ?? "");
  const { page, status } = buildMonitorPage(request, user, subject, new URL(request.url).searchParams);
  return data({ page }, { status });
}

export const ErrorBoundary = AppErrorBoundary;

export default function OwnMonitor() {
  const { page } = useLoaderData<typeof loader>();
  const { view } = page;
  return (
    <>
      <p>
        <Link to={`/kaders/${view.kader.slug}`}>← {view.kader.title}</Link>
      </p>
      <h1>Uw tariefmonitor</h1>
      <p>
        {view.provider.name} (AGB {view.provider.agbCode}) · {view.kader.title} · {view.kader.year}
      </p>
      <TariffMonitor page={page} pdfHref={`/kaders/${view.kader.slug}/monitor.pdf`} own />
    </>
  );
}
