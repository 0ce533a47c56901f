import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { ROLE_LABEL } from "~/auth/permissions";
import { FormError } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { describeRecentUserAction, listUsers, loadUser, setUserDisabled } from "~/services/users.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.confirm ? `${data.confirm.intent === "disable" ? "Account blokkeren" : "Account deblokkeren"} — Zorginkoop` : "Gebruikers — Zorginkoop" },
];

const LIST = "/beheer/gebruikers";
const CONFIRM_WORD = { disable: "blokkeren", enable: "deblokkeren" } as const;

/** `?bevestig=blokkeren&account=5` shows the confirmation step; `?melding=5` the result of the last action on account 5. */
const querySchema = z.object({
  bevestig: z.enum(["blokkeren", "deblokkeren"]).optional(),
  account: z.coerce.number().int().positive().optional(),
  melding: z.coerce.number().int().positive().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const params = new URL(request.url).searchParams;
  const query = querySchema.safeParse({
    bevestig: params.get("bevestig") ?? undefined,
    account: params.get("account") ?? undefined,
    melding: params.get("melding") ?? undefined,
  });
  const q = query.success ? query.data : {};
  if (q.bevestig && q.account) {
    const intent: "disable" | "enable" = q.bevestig === "blokkeren" ? "disable" : "enable";
    const user = loadUser(q.account);
    if (!user) throw new Response("Niet gevonden", { status: 404 });
    // Nothing to confirm: own account, or already in the asked state.
    if ((intent === "disable" && user.id === actor.id) || user.disabled === (intent === "disable")) throw redirect(LIST);
    return { confirm: { intent, user: { id: user.id, name: user.name, email: user.email } }, users: [], currentUserId: actor.id, notice: null };
  }
  const notice = q.melding ? describeRecentUserAction(actor, q.melding) : null;
  return { confirm: null, users: listUsers(), currentUserId: actor.id, notice };
}

const toggleSchema = z.object({
  userId: z.coerce.number().int().positive("Onbekend account."),
  intent: z.enum(["disable", "enable"], "Onbekende handeling."),
  bevestigd: z.literal("ja").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const form = parseForm(toggleSchema, await request.formData());
  if (!form.ok) return data({ error: Object.values(form.errors)[0] }, { status: 400 });
  const { userId, intent, bevestigd } = form.data;
  // Blocking ends every session at once: only after the confirmation step.
  if (bevestigd !== "ja") throw redirect(`${LIST}?bevestig=${CONFIRM_WORD[intent]}&account=${userId}`);
  const result = setUserDisabled(actor, userId, intent === "disable");
  if (!result.ok) return data({ error: result.error }, { status: 400 });
  throw redirect(`${LIST}?melding=${userId}`);
}

export default function Gebruikers() {
  const { confirm, users, currentUserId, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (confirm) return <ConfirmToggle {...confirm} error={result?.error} />;
  return (
    <>
      <h1>Gebruikers</h1>
      {notice ? (
        <div className="alert alert--ok" role="status">
          {notice}
        </div>
      ) : null}
      <FormError message={result?.error} />
      <p>
        <Link className="button" to="/beheer/gebruikers/nieuw">
          Nieuw account
        </Link>
      </p>
      <table className="data">
        <caption>Alle accounts</caption>
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">E-mailadres</th>
            <th scope="col">Rollen</th>
            <th scope="col">Organisatie</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Handeling</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <Link to={`/beheer/gebruikers/${u.id}`}>{u.name}</Link>
              </td>
              <td>{u.email}</td>
              <td>{u.roles.map((r) => ROLE_LABEL[r]).join(", ")}</td>
              <td>{u.organisation ?? "—"}</td>
              <td>{u.disabled ? <span className="badge badge--warn">Geblokkeerd</span> : <span className="badge badge--ok">Actief</span>}</td>
              <td>
                {u.id === currentUserId ? null : (
                  <Link
                    className="button button--secondary button--quiet"
                    to={`${LIST}?bevestig=${u.disabled ? "deblokkeren" : "blokkeren"}&account=${u.id}`}
                  >
                    {u.disabled ? "Deblokkeren" : "Blokkeren"}
                    <span className="sr-only"> {u.name}</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ConfirmToggle({ intent, user, error }: { intent: "disable" | "enable"; user: { id: number; name: string; email: string }; error?: string }) {
  const disable = intent === "disable";
  return (
    <>
      <p>
        <Link to={LIST}>← Gebruikers</Link>
      </p>
      <h1>{disable ? "Account blokkeren" : "Account deblokkeren"}</h1>
      <FormError message={error} />
      <p>
        Weet u het zeker? U {disable ? "blokkeert" : "deblokkeert"} het account van <strong>{user.name}</strong> ({user.email}).
      </p>
      <p>
        {disable
          ? "Alle sessies van dit account worden direct beëindigd en inloggen kan niet meer, tot u het account weer deblokkeert."
          : "Daarna kan dit account weer inloggen met het bestaande wachtwoord en de rollen die het had."}
      </p>
      <Form method="post" action={`${LIST}?index`}>
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="bevestigd" value="ja" />
        <div className="actions">
          <button type="submit" className={disable ? "button button--danger" : "button"}>
            {disable ? "Blokkeren" : "Deblokkeren"}
          </button>
          <Link className="button button--secondary" to={LIST}>
            Annuleren
          </Link>
        </div>
      </Form>
    </>
  );
}
