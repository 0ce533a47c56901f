import type { z } from "zod";

/**
 * Characters no one types into a name, title or text (NUL and the other C0 controls except tab
 * and line breaks, and DEL): they end strings in C libraries and PDF writers and hide text.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const CONTROL_CHARACTER_MESSAGE = "Dit veld bevat een ongeldig teken (een stuurteken, zoals een nulteken). Verwijder het.";

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Parses a submitted form with a zod schema. On failure returns the first message per field
 * (Dutch, from the schema) and the submitted values, so the form can show both.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  // Field names are user input: no prototype, so `__proto__` is just a key.
  const raw: Record<string, unknown> = Object.create(null);
  const values: Record<string, string> = Object.create(null);
  const errors: FieldErrors = Object.create(null);
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
    values[key] = all.join(", ");
    if (all.some((v) => CONTROL_CHARACTER.test(v))) errors[key] = CONTROL_CHARACTER_MESSAGE;
  }
  const result = schema.safeParse(raw);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  if (result.success) return { ok: false, errors, values };
  for (const issue of result.error.issues) {
    // A bad item of a list field (roles.1) is shown at the field itself (roles).
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}
