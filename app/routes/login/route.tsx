import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getUser } from "~/auth/guards.server";
import { secureCookieWillBeDropped } from "~/auth/session.server";
import { logIn } from "~/auth/login.server";
import { ROLE_HOME } from "~/auth/permissions";
import { safeNextPath } from "~/auth/safe-next";
import { Field, FormError } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { getDb } from "~/services/db.server";
import { loginSchema } from "./schema";

export const meta: MetaFunction = () => [{ title: "Inloggen — Zorginkoop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  if (user?.roles[0]) throw redirect(ROLE_HOME[user.roles[0]]);
  // Without this, a correct login over plain http silently lands back here: say why.
  return { insecureTransport: secureCookieWillBeDropped(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(loginSchema, await request.formData());
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const outcome = await logIn(getDb(), { ...form.data, address: context.clientAddress });
  if (!outcome.ok) {
    const message =
      outcome.reason === "throttled"
        ? "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw."
        : "Deze combinatie van e-mailadres en wachtwoord kennen we niet.";
    return data({ errors: { _form: message }, values: { email: form.data.email } }, { status: 401 });
  }
  const home = outcome.user.roles[0] ? ROLE_HOME[outcome.user.roles[0]] : "/";
  return redirect(safeNextPath(form.data.next) ?? home, { headers: { "Set-Cookie": outcome.cookie } });
}

export default function Login() {
  const { insecureTransport } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <section className="login panel" aria-labelledby="login-titel">
      <h1 id="login-titel">Inloggen</h1>
      {insecureTransport ? <InsecureTransportNotice /> : null}
      <FormError message={errors._form} />
      <Form method="post" noValidate>
        <input type="hidden" name="next" value={safeNextPath(params.get("next")) ?? ""} />
        <Field name="email" label="E-mailadres" type="email" autoComplete="username" defaultValue={result?.values?.email ?? ""} error={errors.email} required />
        <Field name="password" label="Wachtwoord" type="password" autoComplete="current-password" error={errors.password} required />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Bezig met inloggen…" : "Inloggen"}
        </button>
      </Form>
    </section>
  );
}

function InsecureTransportNotice() {
  return (
    <div className="alert alert--warn" role="status" id="onveilige-verbinding">
      <p>
        <strong>Inloggen lukt niet via deze onbeveiligde verbinding (http).</strong> Het platform bewaart uw sessie in een
        beveiligd cookie, en uw browser bewaart dat alleen via https of op dit apparaat zelf (localhost). Na inloggen komt u
        dan weer op deze pagina terug.
      </p>
      <p>
        Open het platform via https (achter een reverse proxy, met <code>TRUST_PROXY</code> ingesteld), of start het voor een
        test op een lokaal netwerk met <code>NODE_ENV=development npm start</code>.
      </p>
    </div>
  );
}
