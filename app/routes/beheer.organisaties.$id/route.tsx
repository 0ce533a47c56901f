import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { Field, FormError } from "~/components/field";
import { parseForm } from "~/lib/forms";
import { SECTOR_LABEL, SECTORS } from "~/lib/sectors";
import {
  listOrganisations,
  listRegions,
  loadOrganisation,
  providerEditSchema,
  updateOrganisation,
  zorgkantoorEditSchema,
  type OrganisationEdit,
} from "~/services/organisations.server";

export const meta: MetaFunction = () => [{ title: "Organisatie wijzigen — Zorginkoop" }];

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

function requireOrganisationId(params: unknown): number {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Niet gevonden", { status: 404 });
  return parsed.data.id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "beheerder");
  const organisation = loadOrganisation(requireOrganisationId(params));
  if (!organisation) throw new Response("Niet gevonden", { status: 404 });
  const zorgkantoren = new Map(listOrganisations().filter((o) => o.kind === "zorgkantoor").map((o) => [o.id, o.name]));
  return {
    organisation,
    regions: listRegions().map((r) => ({ id: r.id, code: r.code, name: r.name, zorgkantoor: zorgkantoren.get(r.zorgkantoorId) ?? "" })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireRole(request, "beheerder");
  const id = requireOrganisationId(params);
  const current = loadOrganisation(id);
  if (!current) throw new Response("Niet gevonden", { status: 404 });
  // A body that is no form (text/plain, broken multipart) is bad input, not a server error.
  const formData = await request.formData().catch(() => null);
  if (!formData) return data({ errors: { _form: "Het formulier kon niet worden gelezen." } as Record<string, string>, values: {} as Record<string, string>, changed: null }, { status: 400 });
  let edit: OrganisationEdit;
  if (current.kind === "zorgkantoor") {
    const form = parseForm(zorgkantoorEditSchema, formData);
    if (!form.ok) return data({ errors: form.errors, values: form.values, changed: null }, { status: 400 });
    edit = { kind: "zorgkantoor", data: form.data };
  } else {
    const form = parseForm(providerEditSchema, formData);
    if (!form.ok) return data({ errors: form.errors, values: form.values, changed: null }, { status: 400 });
    edit = { kind: "zorgaanbieder", data: form.data };
  }
  const result = updateOrganisation(actor, id, edit);
  if (!result.ok) {
    if (result.notFound) throw new Response("Niet gevonden", { status: 404 });
    return data({ errors: result.errors, values: {} as Record<string, string>, changed: null }, { status: 400 });
  }
  return { errors: {}, values: {} as Record<string, string>, changed: result.changed };
}

const CHANGED_LABEL: Record<string, string> = { name: "naam", kvkNumber: "KvK-nummer", sectors: "sectoren", regions: "regio's" };

export default function OrganisatieWijzigen() {
  const { organisation, regions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  const failed = result !== undefined && result.changed === null;
  const isProvider = organisation.kind === "zorgaanbieder";
  // After a refused submit the form shows what was typed; otherwise the stored values.
  const chosen = (key: string, stored: string[]) => (failed && key in values ? (values[key] ?? "").split(/,\s*/) : stored);
  const linkedIds = organisation.regions.map((r) => String(r.id));
  return (
    <>
      <p>
        <Link to="/beheer/organisaties">← Organisaties</Link>
      </p>
      <h1>Organisatie wijzigen: {organisation.name}</h1>
      <p>
        {isProvider ? (
          <>
            Zorgaanbieder, AGB-code <span className="mono">{organisation.agbCode}</span>. Naam, KvK-nummer en sectoren zijn stamgegevens die elk zorgkantoor
            gebruikt: alleen de beheerder wijzigt ze. Elke wijziging komt met de oude en de nieuwe waarde in het auditlog.
          </>
        ) : (
          <>Zorgkantoor. Elke wijziging komt met de oude en de nieuwe waarde in het auditlog.</>
        )}
      </p>
      {result?.changed ? (
        <div className="alert alert--ok" role="status">
          {result.changed.length === 0 ? "Er is niets gewijzigd." : `Opgeslagen: ${result.changed.map((c) => CHANGED_LABEL[c] ?? c).join(", ")} gewijzigd.`}
        </div>
      ) : null}
      <FormError message={errors._form ?? (failed ? "De organisatie is niet gewijzigd. Verbeter de gemarkeerde velden." : undefined)} />
      <Form method="post" className="stacked" noValidate>
        <Field name="name" label="Naam" defaultValue={failed ? values.name : organisation.name} error={errors.name} autoComplete="off" />
        {isProvider ? (
          <>
            <Field name="kvkNumber" label="KvK-nummer" hint="8 cijfers." inputMode="numeric" defaultValue={failed ? values.kvkNumber : (organisation.kvkNumber ?? "")} error={errors.kvkNumber} />
            <fieldset className={`field${errors.sectors ? " field--error" : ""}`}>
              <legend>Sectoren</legend>
              {SECTORS.map((s) => (
                <label key={s} className="checkbox">
                  <input type="checkbox" name="sectors" value={s} defaultChecked={chosen("sectors", organisation.sectors).includes(s)} /> {SECTOR_LABEL[s]}
                </label>
              ))}
              {errors.sectors ? <p className="field-error">{errors.sectors}</p> : null}
            </fieldset>
            <fieldset className={`field${errors.regionIds ? " field--error" : ""}`}>
              <legend>Regio&apos;s</legend>
              {regions.map((r) => (
                <label key={r.id} className="checkbox">
                  <input type="checkbox" name="regionIds" value={r.id} defaultChecked={chosen("regionIds", linkedIds).includes(String(r.id))} /> {r.name} ({r.code}
                  {r.zorgkantoor ? `, ${r.zorgkantoor}` : ""})
                </label>
              ))}
              {errors.regionIds ? <p className="field-error">{errors.regionIds}</p> : null}
            </fieldset>
          </>
        ) : (
          <p>
            Regio&apos;s van dit zorgkantoor: {organisation.regions.map((r) => `${r.name} (${r.code})`).join(", ") || "nog geen"}. Een regio voegt u toe op de
            pagina Organisaties.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button">
            Opslaan
          </button>
        </div>
      </Form>
    </>
  );
}
