/** Geldt voor (appliesTo): sector and prestatie pickers from the kader's tariff table, plus free codes. */
import { ExtrasBlock } from "./extras";
import { Group, IntentButton, TextField, useEditor } from "./fields";
import type { AppliesToModel } from "./model";

export function AppliesTo({ path, model }: { path: string; model: AppliesToModel | null }) {
  const { tariffs } = useEditor();
  return (
    <Group path={path} legend="Geldt voor" hint="Niets gekozen: alle sectoren of prestaties. Kiest u beide, dan moet een prestatie aan allebei voldoen.">
      <div className="ke-grid ke-grid--wide">
        {model?.extra?.sectors === undefined ? (
          <CodePicker path={`${path}.sectors`} legend="Sectoren" codes={model?.sectors ?? null} options={(tariffs?.sectors ?? []).map((c) => ({ code: c, label: "" }))} />
        ) : null}
        {model?.extra?.prestaties === undefined ? (
          <CodePicker
            path={`${path}.prestaties`}
            legend="Prestaties"
            codes={model?.prestaties ?? null}
            options={(tariffs?.prestaties ?? []).map((t) => ({ code: t.code, label: t.label }))}
          />
        ) : null}
      </div>
      <ExtrasBlock path={path} extra={model?.extra} />
    </Group>
  );
}

function CodePicker({ path, legend, codes, options }: { path: string; legend: string; codes: string[] | null; options: { code: string; label: string }[] }) {
  const { tariffs } = useEditor();
  const known = new Set(options.map((o) => o.code));
  const extra = (codes ?? []).filter((c) => !known.has(c));
  return (
    <Group path={path} legend={legend} className="ke-codes">
      {codes !== null && codes.length === 0 ? (
        <>
          <input type="hidden" name={`${path}.$mode`} value="empty" />
          <p className="alert alert--warn">
            Een lege lijst: deze opslag geldt voor geen enkele {legend === "Sectoren" ? "sector" : "prestatie"}.{" "}
            <IntentButton intent={`remove:${path}`}>Beperking opheffen</IntentButton>
          </p>
        </>
      ) : null}
      {options.length > 0 || extra.length > 0 ? (
        <div className="ke-checks">
          {[...options, ...extra.map((c) => ({ code: c, label: tariffs ? "niet in de tarieftabel" : "" }))].map((o) => (
            <label key={o.code} className="checkbox" title={o.label || undefined}>
              <input type="checkbox" name={`${path}.$codes`} value={o.code} defaultChecked={codes?.includes(o.code) ?? false} /> {o.code}
              {!known.has(o.code) && o.label ? <span className="muted"> ({o.label})</span> : null}
            </label>
          ))}
        </div>
      ) : null}
      <TextField
        name={`${path}.$other`}
        label={options.length > 0 ? "Andere codes" : "Codes"}
        hint={tariffs ? "Kommagescheiden." : "Kommagescheiden. Koppel een tarieftabel op de kaderpagina om uit een lijst te kiezen."}
        value=""
      />
    </Group>
  );
}
