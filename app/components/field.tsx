import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled input with its hint and its Dutch error message, wired for screen readers. */
export function Field({ name, label, error, hint, id, ...input }: FieldProps) {
  const inputId = id ?? `veld-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-fout` : undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type SelectFieldProps = {
  name: string;
  label: string;
  error?: string;
  defaultValue?: string | number;
  /** The first, empty choice ("Kies…"). */
  placeholder: string;
  options: { value: string | number; label: string }[];
};

/** A labelled select with its Dutch error message, wired like `Field`. */
export function SelectField({ name, label, error, defaultValue, placeholder, options }: SelectFieldProps) {
  const id = `veld-${name}`;
  const errorId = error ? `${id}-fout` : undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} aria-invalid={error ? true : undefined} aria-describedby={errorId}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A field's Dutch error message under its control, with the id its control names in aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {message}
    </p>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}
