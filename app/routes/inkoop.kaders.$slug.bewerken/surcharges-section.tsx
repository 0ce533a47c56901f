/** Opslagen: the surcharges in calculation order, each fixed (with a condition), a points module, or read-only. */
import { ConditionBuilder, declaredFacts } from "./condition-builder";
import { RawJson } from "./extras";
import { Group, IntentButton, TextField } from "./fields";
import type { EditorModel, FactModel, FixedModel, SurchargeModel } from "./model";
import { PointsFields } from "./points-module";
import { EditorSection } from "./section-frame";
import { SurchargeFields } from "./surcharge-fields";

export function SurchargesSection({ model }: { model: EditorModel }) {
  return (
    <EditorSection
      section="surcharges"
      title="Opslagen"
      hint="In de volgorde waarin ze in de berekening en de toelichting verschijnen. Een vaste opslag geldt als aan de voorwaarde is voldaan; een puntenmodule geeft een opslag naar de punten van de beoordeling."
      misfit={model.extra?.surcharges !== undefined && "De opslagen in dit concept hebben"}
    >
      {model.surcharges.length === 0 ? <p className="muted">Nog geen opslagen.</p> : null}
      {model.surcharges.map((s, i) => (
        <SurchargeBlock key={i} surcharge={s} index={i} count={model.surcharges.length} facts={declaredFacts(model)} />
      ))}
      <div className="actions">
        <IntentButton intent="add:surcharges:fixed">Vaste opslag toevoegen</IntentButton>
        <IntentButton intent="add:surcharges:points">Puntenmodule toevoegen</IntentButton>
      </div>
    </EditorSection>
  );
}

const KIND_LABEL = { fixed: "vaste opslag", points: "puntenmodule", raw: "alleen-lezen" } as const;

function SurchargeBlock({ surcharge: s, index: i, count, facts }: { surcharge: SurchargeModel; index: number; count: number; facts: FactModel[] | null }) {
  const p = `surcharges[${i}]`;
  const title = s.kind === "raw" ? "" : s.label || s.id;
  const name = `opslag ${i + 1}${title ? ` (${title})` : ""}`;
  return (
    <Group path={p} className="ke-surcharge" legend={`Opslag ${i + 1} · ${KIND_LABEL[s.kind]}${title ? `: ${title}` : ""}`}>
      <input type="hidden" name={`${p}.kind`} value={s.kind} />
      {s.kind === "raw" ? (
        <RawJson path={p} json={s.json}>
          Deze opslag kan het formulier niet tonen (geen object, of een onbekende soort). Ze blijft ongewijzigd bewaard; wijzigen kan via een kaderbestand.
        </RawJson>
      ) : s.kind === "fixed" ? (
        <FixedFields path={p} s={s} facts={facts} />
      ) : (
        <PointsFields path={p} s={s} />
      )}
      <div className="actions ke-surcharge-actions">
        {i > 0 ? (
          <IntentButton intent={`up:${p}`} srLabel={name}>
            Omhoog
          </IntentButton>
        ) : null}
        {i < count - 1 ? (
          <IntentButton intent={`down:${p}`} srLabel={name}>
            Omlaag
          </IntentButton>
        ) : null}
        <IntentButton intent={`remove:${p}`} variant="danger" srLabel={name}>
          Opslag verwijderen
        </IntentButton>
      </div>
    </Group>
  );
}

function FixedFields({ path, s, facts }: { path: string; s: FixedModel; facts: FactModel[] | null }) {
  return (
    <SurchargeFields path={path} s={s} amount={<TextField name={`${path}.percent`} label="Opslag (%)" kind="decimal" value={s.percent} origs={s.orig} origKey="percent" />}>
      <ConditionBuilder path={`${path}.when`} when={s.when} facts={facts} />
    </SurchargeFields>
  );
}
