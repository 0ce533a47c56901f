import type { ReactNode } from "react";
import { formatDateTime } from "~/lib/dates";
import type { FormPage } from "~/services/submissions/form-page.server";

export type ActionData = {
  saved: boolean;
  updatedAt: string | null;
  changed: boolean;
  errors: Record<string, string> | null;
  values: Record<string, string[]> | null;
  message: string | null;
  attachments: Record<string, { sha256: string; name: string; size: number }> | null;
};

type Props = {
  page: FormPage;
  result: ActionData | undefined;
  errors: Record<string, string>;
  uploadError: { purpose: string; message: string } | null;
};

/** The id of a field's element: `decl.0` → `veld-decl-0` (the error summary links to it). */
export const fieldId = (name: string) => `veld-${name.replace(/\./g, "-")}`;

function sizeDutch(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString("nl-NL")} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB`;
}

/** Which field a summary entry is about, in words. */
function describeField(page: FormPage, name: string): string {
  const parts = name.split(".");
  if (name === "attachments") return "Bijlagen";
  if (parts[0] === "decl" || parts[0] === "evidence") {
    const fact = page.facts[Number(parts[1])];
    return fact ? `${parts[0] === "evidence" ? "Bewijsstuk bij: " : ""}${fact.question}` : name;
  }
  const module = page.modules[Number(parts[1])];
  if (!module) return name;
  if (parts[0] === "module") return module.label;
  if (parts[0] === "group") return `${module.label}: ${module.targetGroups?.[Number(parts[2])]?.label ?? ""}`;
  if (parts[0] === "plan") {
    if (parts.length === 3) return `${module.label}: ${module.criteria[Number(parts[2])]?.label ?? ""}`;
    const group = module.targetGroups?.[Number(parts[2])]?.label ?? "";
    const what = parts[3] === "capacity" ? "aantal plaatsen" : parts[3] === "context" ? "context" : parts[3] === "expertise" ? "expertise" : (module.criteria[Number(parts[3])]?.label ?? "");
    return `${module.label}, ${group}: ${what}`;
  }
  return name;
}

/** Every field name of the form, in the order the page shows them. */
function fieldOrder(page: FormPage): Map<string, number> {
  const names: string[] = [];
  for (const fact of page.facts) names.push(`decl.${fact.index}`, `evidence.${fact.index}`);
  for (const module of page.modules) {
    const m = module.index;
    names.push(`module.${m}`);
    if (module.targetGroups === null) for (const c of module.criteria) names.push(`plan.${m}.${c.index}`);
    else
      for (const group of module.targetGroups) {
        const prefix = `plan.${m}.${group.index}`;
        names.push(`group.${m}.${group.index}`, `${prefix}.capacity`, `${prefix}.context`, `${prefix}.expertise`, ...module.criteria.map((c) => `${prefix}.${c.index}`));
      }
  }
  names.push("attachments");
  return new Map(names.map((n, i) => [n, i]));
}

function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  const message = errors[name];
  return message ? (
    <p className="field-error" id={`${fieldId(name)}-fout`}>
      {message}
    </p>
  ) : null;
}

const described = (name: string, errors: Record<string, string>, hint?: string) =>
  [hint, errors[name] ? `${fieldId(name)}-fout` : undefined].filter(Boolean).join(" ") || undefined;

export function SubmissionForm({ page, result, errors, uploadError }: Props) {
  const values = result?.values ?? page.values;
  const refs = { ...page.attachments, ...(result?.attachments ?? {}) };
  const one = (name: string) => values[name]?.[0] ?? "";
  const checked = (name: string) => values[name]?.[0] === "ja";
  // In the order of the page, so the summary reads top to bottom like the form.
  const order = fieldOrder(page);
  const rank = (name: string) => (order.has(name) ? order.get(name)! : order.size);
  const fieldErrors = Object.entries(errors)
    .filter(([k]) => k !== "_form")
    .sort(([a], [b]) => rank(a) - rank(b));
  const action = `/kaders/${page.slug}/inschrijving`;
  const upload = `${action}/bijlagen`;
  const replacing = page.status.state === "submitted";

  const attachmentList = (name: string, purpose: string, label: string) => {
    const hashes = values[name] ?? [];
    return (
      <div className={`field${errors[name] || uploadError?.purpose === purpose ? " field--error" : ""}`} id={fieldId(name)}>
        {hashes.length > 0 ? (
          <ul className="attachments">
            {hashes.map((sha) => {
              const ref = refs[sha];
              return (
                <li key={sha}>
                  <input type="hidden" name={name} value={sha} />
                  {ref ? (
                    <a href={`${action}/bijlagen/${sha}`} download>
                      {ref.name}
                    </a>
                  ) : (
                    <span>Onbekende bijlage</span>
                  )}{" "}
                  <span className="muted">
                    ({ref ? sizeDutch(ref.size) : "?"}, SHA-256 <span className="mono">{sha.slice(0, 12)}…</span>)
                  </span>{" "}
                  <button type="submit" className="button button--secondary button--quiet" name="intent" value={`remove-attachment:${sha}`} formNoValidate aria-label={`${ref?.name ?? "Bijlage"} uit de inschrijving halen`}>
                    Verwijderen
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <label htmlFor={`${fieldId(name)}-bestand`}>{label}</label>
        <p className="hint" id={`${fieldId(name)}-hint`}>
          PDF, hoogstens {page.limits.attachmentMb} MB; hoogstens {page.limits.attachments} bijlagen per inschrijving, bewijsstukken meegeteld.
        </p>
        <input type="file" id={`${fieldId(name)}-bestand`} name={`file.${purpose}`} accept="application/pdf,.pdf" aria-describedby={`${fieldId(name)}-hint`} />{" "}
        <button type="submit" className="button button--secondary" formAction={upload} formEncType="multipart/form-data" formNoValidate name="purpose" value={purpose}>
          Uploaden
        </button>
        {uploadError?.purpose === purpose ? (
          <p className="field-error" role="alert">
            {uploadError.message}
          </p>
        ) : null}
        <FieldError name={name} errors={errors} />
      </div>
    );
  };

  return (
    <form method="post" action={action} id="inschrijfformulier" noValidate>
      {/* Enter in a field saves (the first submit button of a form is its default), never an upload or a removal. */}
      <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true">
        Concept bewaren
      </button>
      <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
      <input type="hidden" name="kaderVersion" value={page.kaderVersion} />

      {/* A message for the whole form (errors._form) is shown at the top of the page. */}
      {fieldErrors.length > 0 ? (
        <div className="alert alert--error" role="alert" aria-labelledby="foutoverzicht">
          <h2 id="foutoverzicht">{result?.message ?? "Controleer de gemarkeerde velden."}</h2>
          <ul>
            {fieldErrors.map(([name, message]) => (
              <li key={name}>
                <a href={`#${fieldId(name)}`}>
                  {describeField(page, name)}: {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {replacing ? (
        <p className="alert">
          U heeft al ingeschreven. Als u nu verstuurt, vervangt dit uw huidige inschrijving (versie {page.versions[0]!.receipt.version}); die blijft bewaard als vervangen versie.
        </p>
      ) : null}
      {page.status.draftUpdatedAt ? <p className="muted">Concept laatst bewaard: {formatDateTime(page.status.draftUpdatedAt)}.</p> : null}

      {page.facts.length > 0 ? (
        <section aria-labelledby="verklaringen">
          <h2 id="verklaringen">Verklaringen</h2>
          {page.facts.map((fact) => {
            const name = `decl.${fact.index}`;
            const invalid = errors[name] ? true : undefined;
            let control: ReactNode;
            if (fact.type === "boolean") {
              control = (
                <fieldset className={`field${invalid ? " field--error" : ""}`} id={fieldId(name)} aria-describedby={described(name, errors)}>
                  <legend>{fact.question}</legend>
                  <label className="checkbox">
                    <input type="radio" name={name} value="ja" defaultChecked={one(name) === "ja"} /> Ja
                  </label>
                  <label className="checkbox">
                    <input type="radio" name={name} value="nee" defaultChecked={one(name) === "nee"} /> Nee
                  </label>
                  <FieldError name={name} errors={errors} />
                </fieldset>
              );
            } else {
              const input =
                fact.type === "choice" ? (
                  <select id={fieldId(name)} name={name} defaultValue={one(name)} aria-invalid={invalid} aria-describedby={described(name, errors)}>
                    <option value="">Kies…</option>
                    {fact.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : fact.type === "number" ? (
                  <input id={fieldId(name)} name={name} inputMode="decimal" defaultValue={one(name)} aria-invalid={invalid} aria-describedby={described(name, errors)} />
                ) : (
                  <textarea id={fieldId(name)} name={name} maxLength={fact.maxChars} defaultValue={one(name)} aria-invalid={invalid} aria-describedby={described(name, errors)} />
                );
              control = (
                <div className={`field${invalid ? " field--error" : ""}`}>
                  <label htmlFor={fieldId(name)}>{fact.question}</label>
                  {input}
                  <FieldError name={name} errors={errors} />
                </div>
              );
            }
            return (
              <div key={fact.index} className="card">
                {control}
                {fact.evidence !== "none"
                  ? attachmentList(`evidence.${fact.index}`, `evidence.${fact.index}`, fact.evidence === "required" ? "Bewijsstuk (verplicht bij ja)" : "Bewijsstuk (niet verplicht)")
                  : null}
              </div>
            );
          })}
        </section>
      ) : null}

      {page.modules.length > 0 ? (
        <section aria-labelledby="plannen">
          <h2 id="plannen">Plannen per module</h2>
          <p className="muted">Kies de modules waaraan u meedoet. Alleen de plannen van gekozen modules en doelgroepen worden meegestuurd.</p>
          {page.modules.map((module) => {
            const m = module.index;
            const criteria = (prefix: string, groupLabel?: string) =>
              module.criteria.map((criterion) => {
                const name = `${prefix}.${criterion.index}`;
                return (
                  <div key={name} className={`field${errors[name] ? " field--error" : ""}`}>
                    <h4>
                      <label htmlFor={fieldId(name)}>{criterion.label}</label>
                    </h4>
                    <textarea
                      id={fieldId(name)}
                      name={name}
                      maxLength={page.limits.answerChars}
                      defaultValue={one(name)}
                      aria-invalid={errors[name] ? true : undefined}
                      aria-describedby={described(name, errors)}
                      aria-label={groupLabel ? `${criterion.label} (${groupLabel})` : undefined}
                    />
                    <FieldError name={name} errors={errors} />
                  </div>
                );
              });
            return (
              <fieldset key={m} className="card">
                <legend>
                  <strong>{module.label}</strong>
                  {module.ref ? <span className="muted"> ({module.ref})</span> : null}
                </legend>
                <div className={`field${errors[`module.${m}`] ? " field--error" : ""}`}>
                  <label className="checkbox">
                    <input type="checkbox" id={fieldId(`module.${m}`)} name={`module.${m}`} value="ja" defaultChecked={checked(`module.${m}`)} /> Ik doe mee met deze module
                  </label>
                  <FieldError name={`module.${m}`} errors={errors} />
                </div>
                {module.targetGroups === null
                  ? criteria(`plan.${m}`)
                  : module.targetGroups.map((group) => {
                      const g = group.index;
                      const prefix = `plan.${m}.${g}`;
                      const text = (field: "context" | "expertise", label: string, hint: string) => {
                        const name = `${prefix}.${field}`;
                        return (
                          <div className={`field${errors[name] ? " field--error" : ""}`}>
                            <label htmlFor={fieldId(name)}>{label}</label>
                            <p className="hint" id={`${fieldId(name)}-hint`}>
                              {hint}
                            </p>
                            <textarea
                              id={fieldId(name)}
                              name={name}
                              maxLength={page.limits.answerChars}
                              defaultValue={one(name)}
                              aria-invalid={errors[name] ? true : undefined}
                              aria-describedby={described(name, errors, `${fieldId(name)}-hint`)}
                            />
                            <FieldError name={name} errors={errors} />
                          </div>
                        );
                      };
                      return (
                        <div key={g} className="target-group">
                          <h3>{group.label}</h3>
                          <div className={`field${errors[`group.${m}.${g}`] ? " field--error" : ""}`}>
                            <label className="checkbox">
                              <input type="checkbox" id={fieldId(`group.${m}.${g}`)} name={`group.${m}.${g}`} value="ja" defaultChecked={checked(`group.${m}.${g}`)} /> Ik bied zorg
                              voor deze doelgroep
                            </label>
                            <p className="hint">Alleen wat u invult bij een aangevinkte doelgroep wordt bewaard en meegestuurd.</p>
                            <FieldError name={`group.${m}.${g}`} errors={errors} />
                          </div>
                          <div className={`field${errors[`${prefix}.capacity`] ? " field--error" : ""}`}>
                            <label htmlFor={fieldId(`${prefix}.capacity`)}>Aantal plaatsen</label>
                            <input
                              id={fieldId(`${prefix}.capacity`)}
                              name={`${prefix}.capacity`}
                              inputMode="numeric"
                              defaultValue={one(`${prefix}.capacity`)}
                              aria-invalid={errors[`${prefix}.capacity`] ? true : undefined}
                              aria-describedby={described(`${prefix}.capacity`, errors)}
                              style={{ maxWidth: "10rem" }}
                            />
                            <FieldError name={`${prefix}.capacity`} errors={errors} />
                          </div>
                          {text("context", "Context", "Wat heeft deze doelgroep nodig?")}
                          {text("expertise", "Expertise", "Wat biedt u deze doelgroep: deskundigheid, personeel, omgeving?")}
                          {criteria(prefix, group.label)}
                        </div>
                      );
                    })}
              </fieldset>
            );
          })}
        </section>
      ) : null}

      <section aria-labelledby="bijlagen" id="bijlagen">
        <h2>Bijlagen</h2>
        {attachmentList("attachments", "algemeen", "Bijlage toevoegen")}
      </section>

      <div className="actions">
        <button type="submit" className="button button--secondary" name="intent" value="save" formNoValidate>
          Concept bewaren
        </button>
        <button type="submit" className="button" name="intent" value="submit">
          {replacing ? "Inschrijving vervangen" : "Inschrijving versturen"}
        </button>
      </div>
    </form>
  );
}
