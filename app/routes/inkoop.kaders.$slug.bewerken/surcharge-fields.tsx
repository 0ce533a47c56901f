/**
 * The fields every named surcharge has, whatever its kind: kenmerk, naam, verwijzing, its own
 * amount field, where it applies; then what is particular to its kind, then its extras.
 */
import type { ReactNode } from "react";
import { AppliesTo } from "./applies-to";
import { ExtrasBlock } from "./extras";
import { TextField } from "./fields";
import type { FixedModel, PointsModel } from "./model";

export function SurchargeFields({ path, s, amount, children }: { path: string; s: FixedModel | PointsModel; amount: ReactNode; children: ReactNode }) {
  return (
    <>
      <div className="ke-grid">
        <TextField name={`${path}.id`} label="Kenmerk" hint="Uniek, bijv. standaard." value={s.id} origs={s.orig} origKey="id" />
        <TextField name={`${path}.label`} label="Naam" value={s.label} origs={s.orig} origKey="label" className="ke-span-2" />
        <TextField name={`${path}.ref`} label="Verwijzing (optioneel)" hint="Bijvoorbeeld Inkoopkader par. 4.2." value={s.ref} origs={s.orig} origKey="ref" />
        {amount}
      </div>
      {s.extra?.appliesTo === undefined ? <AppliesTo path={`${path}.appliesTo`} model={s.appliesTo} /> : null}
      {children}
      <ExtrasBlock path={path} extra={s.extra} />
    </>
  );
}
