/**
 * The authorisation matrix: for every route, what each kind of user gets on a GET of the page
 * and of its loader's data alone (single fetch `.data?_routes=`). A route missing here fails
 * the test, so a new route must state who may see it.
 *
 * Users: anonymous; the demo accounts; `buiten` = a provider user whose organisation serves no
 * region of the demo kader (created by the test).
 * 302 = redirect to /login; 403 = refused; 404 = existence hidden.
 */
export const USERS = ["anonymous", "beheerder", "inkoper", "beoordelaar", "jurist", "aanbieder", "buiten"] as const;
export type MatrixUser = (typeof USERS)[number];
export type Expect = Record<MatrixUser, number>;

const staffOnly = (ok: number): Expect => ({ anonymous: 302, beheerder: 403, inkoper: ok, beoordelaar: 403, jurist: 403, aanbieder: 403, buiten: 403 });
const role = (who: Exclude<MatrixUser, "anonymous">): Expect => ({
  anonymous: 302,
  beheerder: who === "beheerder" ? 200 : 403,
  inkoper: who === "inkoper" ? 200 : 403,
  beoordelaar: who === "beoordelaar" ? 200 : 403,
  jurist: who === "jurist" ? 200 : 403,
  aanbieder: who === "aanbieder" ? 200 : 403,
  buiten: who === "aanbieder" ? 200 : 403,
});
/** Staff of the owning zorgkantoor see it; providers of its regions too; everyone else: 404. */
const publishedKader: Expect = { anonymous: 302, beheerder: 404, inkoper: 200, beoordelaar: 200, jurist: 200, aanbieder: 200, buiten: 404 };
/** The inkoper's own pages of a kader: other staff roles are refused, providers do not learn it exists. */
const kaderWorkbench: Expect = { anonymous: 302, beheerder: 403, inkoper: 200, beoordelaar: 403, jurist: 403, aanbieder: 403, buiten: 403 };

export type MatrixRow = { route: string; path: string; expect: Expect; dataRequest?: boolean };

export const MATRIX: MatrixRow[] = [
  { route: "root", path: "/login", expect: { anonymous: 200, beheerder: 302, inkoper: 302, beoordelaar: 302, jurist: 302, aanbieder: 302, buiten: 302 }, dataRequest: false },
  { route: "routes/_index", path: "/", expect: { anonymous: 302, beheerder: 302, inkoper: 302, beoordelaar: 302, jurist: 302, aanbieder: 302, buiten: 302 }, dataRequest: false },
  { route: "routes/login", path: "/login", expect: { anonymous: 200, beheerder: 302, inkoper: 302, beoordelaar: 302, jurist: 302, aanbieder: 302, buiten: 302 }, dataRequest: false },
  { route: "routes/logout", path: "/logout", expect: { anonymous: 302, beheerder: 302, inkoper: 302, beoordelaar: 302, jurist: 302, aanbieder: 302, buiten: 302 }, dataRequest: false },
  { route: "routes/beheer._index", path: "/beheer", expect: role("beheerder") },
  { route: "routes/beheer.gebruikers._index", path: "/beheer/gebruikers", expect: role("beheerder") },
  { route: "routes/beheer.gebruikers.nieuw", path: "/beheer/gebruikers/nieuw", expect: role("beheerder") },
  { route: "routes/beheer.gebruikers.$id", path: "/beheer/gebruikers/2", expect: role("beheerder") },
  { route: "routes/beheer.organisaties._index", path: "/beheer/organisaties", expect: role("beheerder") },
  { route: "routes/beheer.organisaties.nieuw", path: "/beheer/organisaties/nieuw", expect: role("beheerder") },
  { route: "routes/audit", path: "/audit", expect: { ...role("jurist"), beheerder: 200 } },
  { route: "routes/inkoop._index", path: "/inkoop", expect: staffOnly(200) },
  { route: "routes/inkoop.tarieven", path: "/inkoop/tarieven", expect: staffOnly(200) },
  { route: "routes/inkoop.register", path: "/inkoop/register", expect: staffOnly(200) },
  { route: "routes/beoordeling._index", path: "/beoordeling", expect: role("beoordelaar") },
  { route: "routes/juridisch._index", path: "/juridisch", expect: role("jurist") },
  { route: "routes/aanbieder._index", path: "/aanbieder", expect: role("aanbieder") },
  {
    route: "routes/inkoop.kaders.$slug._index",
    path: "/inkoop/kaders/demo-vv-2026",
    expect: { anonymous: 302, beheerder: 403, inkoper: 200, beoordelaar: 200, jurist: 200, aanbieder: 403, buiten: 403 },
  },
  { route: "routes/inkoop.kaders.$slug.bewerken", path: "/inkoop/kaders/demo-vv-2026/bewerken", expect: kaderWorkbench },
  { route: "routes/inkoop.kaders.$slug.voorbeeld", path: "/inkoop/kaders/demo-vv-2026/voorbeeld", expect: kaderWorkbench },
  { route: "routes/inkoop.kaders.$slug.concept[.yaml]", path: "/inkoop/kaders/demo-vv-2026/concept.yaml", expect: kaderWorkbench, dataRequest: false },
  { route: "routes/inkoop.kaders.$slug.concept[.json]", path: "/inkoop/kaders/demo-vv-2026/concept.json", expect: kaderWorkbench, dataRequest: false },
  { route: "routes/inkoop.kaders.$slug.invoer[.yaml]", path: "/inkoop/kaders/demo-vv-2026/invoer.yaml", expect: kaderWorkbench, dataRequest: false },
  { route: "routes/kaders.$slug._index", path: "/kaders/demo-vv-2026", expect: publishedKader },
  { route: "routes/kaders.$slug.kader[.yaml]", path: "/kaders/demo-vv-2026/kader.yaml", expect: publishedKader, dataRequest: false },
  { route: "routes/kaders.$slug.kader[.json]", path: "/kaders/demo-vv-2026/kader.json", expect: publishedKader, dataRequest: false },
  { route: "routes/kaders.$slug.kader[.pdf]", path: "/kaders/demo-vv-2026/kader.pdf", expect: publishedKader, dataRequest: false },
];
