import type { z } from "zod";
import { parseForm } from "./forms";
import type { ImportFile } from "../services/imports/import-result";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * Reads a multipart form with one file field, refusing oversized bodies before parsing them.
 * Returns the other fields as strings and the file's bytes (the name only for display: the
 * content decides what it is).
 */
export async function readUpload(request: Request, field: string): Promise<{ fields: FormData; file: ImportFile | null; error: string | null }> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) return { fields: new FormData(), file: null, error: "Het bestand is te groot (hoogstens 5 MB)." };
  let fields: FormData;
  try {
    fields = await request.formData();
  } catch {
    // A body that is no well-formed form (a broken multipart): the request's fault, not ours.
    return { fields: new FormData(), file: null, error: "Het formulier kon niet worden gelezen. Kies het bestand opnieuw en verstuur het formulier." };
  }
  const value = fields.get(field);
  if (!value || typeof value === "string" || value.size === 0) return { fields, file: null, error: "Kies een bestand." };
  if (value.size > MAX_UPLOAD_BYTES) return { fields, file: null, error: "Het bestand is te groot (hoogstens 5 MB)." };
  return { fields, file: { name: value.name || "upload", bytes: new Uint8Array(await value.arrayBuffer()) }, error: null };
}

/**
 * An import form: a file plus fields checked by `schema`. Either both are fine, or the field
 * errors (the file's under `file`) to show next to the fields.
 */
export async function readImportForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S>; file: ImportFile } | { ok: false; fieldErrors: Record<string, string> }> {
  const upload = await readUpload(request, "file");
  const form = parseForm(schema, upload.fields);
  const fieldErrors: Record<string, string> = form.ok ? {} : { ...form.errors };
  if (upload.error) fieldErrors.file = upload.error;
  if (!form.ok || !upload.file) return { ok: false, fieldErrors };
  return { ok: true, data: form.data, file: upload.file };
}
