/**
 * Remix v2 classic compiler. Every v3 future flag that the classic compiler
 * accepts is on, so that moving to React Router 7 is a codemod. `v3_routeConfig`
 * is Vite-only and crashes `remix build`, so routes stay file-based (flat
 * routes, one folder per route with `route.tsx`).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
