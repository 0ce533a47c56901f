import { Form, Link } from "@remix-run/react";
import { CONFIRM_FIELD, type Confirmation } from "~/routes/inkoop.kaders.$slug._index/confirm";

/**
 * The confirmation step of an irreversible action, without JavaScript: the sentence, then a
 * form that sends the same fields again with `bevestigd=ja`, and a way back (`cancelTo`) that
 * changes nothing.
 */
export function ConfirmStep({ confirm, cancelTo }: { confirm: Confirmation; cancelTo: string }) {
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="bevestigen-titel" aria-describedby="bevestigen-tekst">
      <h3 id="bevestigen-titel">Weet u het zeker?</h3>
      <p id="bevestigen-tekst">{confirm.message}</p>
      <Form method="post" className="actions">
        {Object.entries(confirm.values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name={CONFIRM_FIELD} value="ja" />
        <button type="submit" className="button" autoFocus>
          {confirm.confirmLabel}
        </button>
        <Link className="button button--secondary" to={cancelTo}>
          Annuleren
        </Link>
      </Form>
    </div>
  );
}
