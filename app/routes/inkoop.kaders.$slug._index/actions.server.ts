import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { parseForm } from "~/lib/forms";
import type { KaderRow } from "~/services/kaders/access.server";
import { publishKader, publishSchema } from "~/services/kaders/publication.server";
import { answerQuestion, answerSchema, publishAnswers } from "~/services/kaders/questions.server";
import { saveSettings, settingsSchema } from "~/services/kaders/store.server";
import { transitionKader } from "~/services/kaders/transitions.server";
import { KADER_PHASES } from "../../../db/schema/kaders";

const intentSchema = z.enum(["settings", "publish", "transition", "answer", "publishAnswers"], "Onbekende handeling.");

/** One form per intent on the kader page; each answers with its own field errors. */
export async function handleKaderAction(request: Request, user: SessionUser, kader: KaderRow) {
  const formData = await request.formData();
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return data({ intent: null, errors: { _form: "Onbekende handeling." }, values: {} }, { status: 400 });
  const back = () => redirect(`/inkoop/kaders/${kader.slug}`);
  switch (intent.data) {
    case "settings": {
      const form = parseForm(settingsSchema, formData);
      if (!form.ok) return data({ intent: intent.data, errors: form.errors, values: form.values }, { status: 400 });
      const result = saveSettings(user, kader, form.data);
      if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: {} }, { status: 400 });
      return back();
    }
    case "publish": {
      const form = parseForm(publishSchema, formData);
      if (!form.ok) return data({ intent: intent.data, errors: form.errors, values: form.values }, { status: 400 });
      const result = publishKader(user, kader, form.data);
      if (!result.ok) {
        const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
        return data({ intent: intent.data, errors: result.errors, values }, { status: 400 });
      }
      return back();
    }
    case "transition": {
      const to = z.enum(KADER_PHASES).safeParse(formData.get("to"));
      if (!to.success) return data({ intent: intent.data, errors: { _form: "Onbekende fase." }, values: {} }, { status: 400 });
      const result = transitionKader(user, kader, to.data);
      if (!result.ok) return data({ intent: intent.data, errors: { _form: result.error }, values: {} }, { status: 409 });
      return back();
    }
    case "answer": {
      const form = parseForm(answerSchema, formData);
      if (!form.ok) return data({ intent: intent.data, errors: form.errors, values: form.values }, { status: 400 });
      const result = answerQuestion(user, kader, form.data);
      if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: {} }, { status: 400 });
      return back();
    }
    case "publishAnswers": {
      const result = publishAnswers(user, kader);
      if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: {} }, { status: 400 });
      return back();
    }
  }
}
