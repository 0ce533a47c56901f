import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { AppErrorBoundary } from "~/components/error-boundary";
import { TariffMonitor } from "~/components/tariff-monitor";
import styles from "~/components/tariff-monitor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
import { buildMonitorPage, requireInkoperMonitor } from "~/services/monitor/monitor.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Tariefmonitor ${data?.page.view.provider.name ?? ""} — Zorginkoop` }];

/**
 * One provider's tariff monitor for the kader's inkopers: any provider of the kader's regions
 * (404 for any other AGB code). Declarations and plans count only once the inkoper may read the
 * submissions (after the opening); before it the page says it shows registry data only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const subject = requireInkoperMonitor(request, user, params.slug ?? "", params.agb ?? "");
  const { page, status } = buildMonitorPage(request, user, subject, new URL(request.url).searchParams);
  return data({ page }, { status });
}

export const ErrorBoundary = AppErrorBoundary;

export default function InkoperMonitor() {
  const { page } = useLoaderData<typeof loader>();
  const { view } = page;
  return (
    <>
      <p>
        <Link to={`/inkoop/kaders/${view.kader.slug}`}>← {view.kader.title}</Link>
      </p>
      <h1>Tariefmonitor {view.provider.name}</h1>
      <p>
        AGB {view.provider.agbCode} · {view.kader.title} · {view.kader.year}
      </p>
      <TariffMonitor page={page} pdfHref={`/inkoop/kaders/${view.kader.slug}/monitor/${view.provider.agbCode}/pdf`} own={false} />
    </>
  );
}
