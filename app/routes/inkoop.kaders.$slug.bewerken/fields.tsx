/**
 * Form primitives of the kader editor: labelled fields whose name is their kader path, with
 * the issues of that path next to them (aria-invalid, aria-describedby), plus the hidden
 * fields that carry what the form cannot show.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { PlacedIssue } from "./anchors";
import { fieldId, groupId } from "./model";

export type TariffHints = {
  sectors: string[];
  prestaties: { code: string; sector: string; label: string }[];
};

export type EditorContextValue = {
  /** Issues by the id of the element they are shown at. */
  issues: ReadonlyMap<string, PlacedIssue[]>;
  readOnly: boolean;
  tariffs: TariffHints | null;
};

export const EditorContext = createContext<EditorContextValue>({ issues: new Map(), readOnly: false, tariffs: null });

export function useEditor(): EditorContextValue {
  return useContext(EditorContext);
}

export function useIssues(elementId: string): PlacedIssue[] {
  return useEditor().issues.get(elementId) ?? [];
}

/** The hidden field carrying a value's original (when its text alone would not reproduce it). */
export function origName(name: string, key: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? `$orig.${key}` : `${name.slice(0, dot)}.$orig.${key}`;
}

export function OrigInput({ name, origKey, origs }: { name: string; origKey: string; origs: Record<string, unknown> | undefined }) {
  if (!origs || !(origKey in origs)) return null;
  return <input type="hidden" name={origName(name, origKey)} value={JSON.stringify(origs[origKey])} />;
}

export function IssueList({ id, issues }: { id: string; issues: PlacedIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="field-error ke-errors" id={id}>
      {issues.map((i, n) => (
        <p key={n}>{i.message}</p>
      ))}
    </div>
  );
}

type InputKind = "text" | "decimal" | "integer";

/** What every field has, whatever its control. */
type FieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The original of this value, when it must be carried (see model.ts). */
  origs?: Record<string, unknown>;
  origKey?: string;
  hideLabel?: boolean;
  className?: string;
};

/** The attributes that tie a control to its label, hint and issues. */
type ControlAttributes = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/** One field: label, hint, the control, the issues at its id, and the carried original. */
function Field({ name, label, hint, origs, origKey, hideLabel, className, control }: FieldProps & { control: (attributes: ControlAttributes) => ReactNode }) {
  const id = fieldId(name);
  const issues = useIssues(id);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = issues.length > 0 ? `${id}-fout` : undefined;
  return (
    <div className={`field ke-field${issues.length > 0 ? " field--error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : undefined}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {control({ id, "aria-invalid": issues.length > 0 ? true : undefined, "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined })}
      <IssueList id={`${id}-fout`} issues={issues} />
      {origKey ? <OrigInput name={name} origKey={origKey} origs={origs} /> : null}
    </div>
  );
}

export type TextFieldProps = FieldProps & {
  value: string;
  kind?: InputKind;
  list?: string;
  placeholder?: string;
};

export function TextField({ value, kind = "text", list, placeholder, ...field }: TextFieldProps) {
  return (
    <Field
      {...field}
      control={({ id, ...aria }) => (
        <input
          type="text"
          id={id}
          name={field.name}
          defaultValue={value}
          inputMode={kind === "decimal" ? "decimal" : kind === "integer" ? "numeric" : undefined}
          autoComplete="off"
          spellCheck={kind === "text" ? undefined : false}
          list={list}
          placeholder={placeholder}
          {...aria}
        />
      )}
    />
  );
}

export type SelectFieldProps = FieldProps & {
  value: string;
  options: readonly (readonly [string, string])[];
  /** A first, empty option ("Kies…") offered only while nothing is chosen, so a choice cannot be undone to nothing. */
  prompt?: string;
};

/** A select that also offers the current value when it is not one of the options (it is kept). */
export function SelectField({ value, options: given, prompt, ...field }: SelectFieldProps) {
  const options = prompt !== undefined && value === "" ? [["", prompt] as const, ...given] : given;
  const all = options.some(([v]) => v === value) ? options : [...options, [value, `${value} (onbekend)`] as const];
  return (
    <Field
      {...field}
      control={({ id, ...aria }) => (
        <select id={id} name={field.name} defaultValue={value} {...aria}>
          {all.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A fieldset that is an anchor: its issues (those without a field of their own) show at the top. */
export function Group({ path, legend, children, className, hint }: { path: string; legend: ReactNode; children: ReactNode; className?: string; hint?: ReactNode }) {
  const id = groupId(path);
  const issues = useIssues(id);
  const describedBy = [hint ? `${id}-hint` : null, issues.length > 0 ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={id} tabIndex={-1} className={`ke-group${issues.length > 0 ? " ke-group--error" : ""}${className ? ` ${className}` : ""}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <IssueList id={`${id}-fout`} issues={issues} />
      {children}
    </fieldset>
  );
}

/** A submit button with an intent; its accessible name says what it acts on. */
export function IntentButton({ intent, children, srLabel, variant = "secondary" }: { intent: string; children: ReactNode; srLabel?: string; variant?: "secondary" | "danger" | "primary" }) {
  const { readOnly } = useEditor();
  const cls = variant === "primary" ? "button" : variant === "danger" ? "button button--small ke-danger" : "button button--secondary button--small";
  return (
    <button type="submit" name="intent" value={intent} className={cls} disabled={readOnly || undefined}>
      {children}
      {srLabel ? <span className="sr-only"> {srLabel}</span> : null}
    </button>
  );
}

/** Issues for a table row's own anchor (e.g. "expected an object"), shown in the row. */
export function RowIssues({ path }: { path: string }) {
  const issues = useIssues(groupId(path));
  return <IssueList id={`${groupId(path)}-fout`} issues={issues} />;
}
