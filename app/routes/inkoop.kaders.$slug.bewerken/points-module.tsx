/** Puntenmodule: target groups, criteria (weight × score on a scale) and the mapping of points to a surcharge. */
import { ExtrasBlock } from "./extras";
import { Group, IntentButton, RowIssues, SelectField, TextField } from "./fields";
import type { BandModel, MappingModel, PointsModel } from "./model";
import { IdentityCells, ItemRow, ListGroup } from "./row-table";
import { SurchargeFields } from "./surcharge-fields";

export function PointsFields({ path, s }: { path: string; s: PointsModel }) {
  return (
    <SurchargeFields
      path={path}
      s={s}
      amount={
        <TextField
          name={`${path}.threshold`}
          label="Drempel (punten, optioneel)"
          kind="decimal"
          hint="Minder punten: geen opslag."
          value={s.threshold}
          origs={s.orig}
          origKey="threshold"
        />
      }
    >
      {s.extra?.targetGroups === undefined ? <TargetGroups path={`${path}.targetGroups`} s={s} /> : null}
      {s.extra?.criteria === undefined ? <Criteria path={`${path}.criteria`} s={s} /> : null}
      {s.extra?.mapping === undefined ? <Mapping path={`${path}.mapping`} s={s} /> : null}
    </SurchargeFields>
  );
}

function TargetGroups({ path, s }: { path: string; s: PointsModel }) {
  return (
    <ListGroup
      path={path}
      legend="Doelgroepen (optioneel)"
      hint="Met doelgroepen krijgt elke doelgroep een eigen beoordeling en tariefregel. Kenmerken zijn uniek in het hele kader."
      columns={["Kenmerk", "Naam"]}
      empty="Geen doelgroepen: de module geldt voor de aanbieder als geheel."
      addLabel="Doelgroep toevoegen"
      items={s.targetGroups}
    >
      {(g, j, q) => {
        const n = `Doelgroep ${j + 1}`;
        return (
          <ItemRow path={q} what={n.toLowerCase()}>
            <IdentityCells path={q} name={n} item={g} />
          </ItemRow>
        );
      }}
    </ListGroup>
  );
}

function Criteria({ path, s }: { path: string; s: PointsModel }) {
  return (
    <ListGroup
      path={path}
      legend="Criteria"
      hint="Punten = som van gewicht × score. Schaal: de toegestane scores, oplopend en kommagescheiden (met decimale komma's: puntkomma's). Een score onder de minimumscore is een knock-out: geen opslag."
      columns={["Kenmerk", "Naam", "Gewicht", "Schaal", "Minimumscore"]}
      empty="Nog geen criteria."
      addLabel="Criterium toevoegen"
      items={s.criteria}
    >
      {(c, j, q) => {
        const n = `Criterium ${j + 1}`;
        return (
          <ItemRow path={q} what={n.toLowerCase()}>
            <IdentityCells path={q} name={n} item={c} wideLabel />
            <td className="ke-cell-num">
              <TextField name={`${q}.weight`} label={`${n}: gewicht`} hideLabel kind="decimal" value={c.weight} origs={c.orig} origKey="weight" placeholder="1" />
            </td>
            <td>
              <TextField name={`${q}.scale`} label={`${n}: schaal`} hideLabel kind="decimal" value={c.scale} origs={c.orig} origKey="scale" />
            </td>
            <td className="ke-cell-num">
              <TextField name={`${q}.minScore`} label={`${n}: minimumscore`} hideLabel kind="decimal" value={c.minScore} origs={c.orig} origKey="minScore" />
            </td>
          </ItemRow>
        );
      }}
    </ListGroup>
  );
}

function Mapping({ path, s }: { path: string; s: PointsModel }) {
  const m = s.mapping;
  return (
    <Group path={path} legend="Omzetting van punten naar opslag">
      {m === null ? (
        <p>
          Nog geen omzetting. <IntentButton intent={`switch:${path}.bands`}>Schijven gebruiken</IntentButton>{" "}
          <IntentButton intent={`switch:${path}.linear`}>Lineair gebruiken</IntentButton>
        </p>
      ) : (
        <>
          <SelectField
            name={`${path}.basis`}
            label="Basis"
            value={m.basis}
            prompt="Kies…"
            options={[
              ["absolute", "Absoluut: de punten zelf"],
              ["relative", "Relatief: punten als % van de beste in het veld"],
            ]}
            origs={m.orig}
            origKey="basis"
            className="ke-narrow"
          />
          {m.bands !== null ? <input type="hidden" name={`${path}.$bands`} value="1" /> : null}
          {m.linear !== null ? <input type="hidden" name={`${path}.$linear`} value="1" /> : null}
          {m.bands !== null && m.extra?.bands === undefined ? <Bands path={`${path}.bands`} bands={m.bands} /> : null}
          {m.linear !== null && m.extra?.linear === undefined ? <Linear path={`${path}.linear`} m={m} /> : null}
          <div className="actions">
            {m.bands !== null && m.linear === null ? <IntentButton intent={`switch:${path}.linear`}>Lineair in plaats van schijven</IntentButton> : null}
            {m.linear !== null && m.bands === null ? <IntentButton intent={`switch:${path}.bands`}>Schijven in plaats van lineair</IntentButton> : null}
            {m.bands !== null && m.linear !== null ? (
              <>
                <IntentButton intent={`remove:${path}.bands`} variant="danger">
                  Schijven verwijderen
                </IntentButton>
                <IntentButton intent={`remove:${path}.linear`} variant="danger">
                  Lineair verwijderen
                </IntentButton>
              </>
            ) : null}
            {m.bands === null && m.linear === null ? (
              <>
                <IntentButton intent={`switch:${path}.bands`}>Schijven gebruiken</IntentButton>
                <IntentButton intent={`switch:${path}.linear`}>Lineair gebruiken</IntentButton>
              </>
            ) : null}
          </div>
          <ExtrasBlock path={path} extra={m.extra} />
        </>
      )}
    </Group>
  );
}

function Bands({ path, bands }: { path: string; bands: BandModel[] }) {
  return (
    <ListGroup
      path={path}
      legend="Schijven (staffel)"
      hint="De opslag van de hoogste schijf waarvan ‘vanaf’ niet boven de punten ligt; onder de eerste schijf geen opslag. ‘Vanaf’ loopt op."
      columns={["Vanaf (punten)", "Opslag (%)"]}
      empty="Nog geen schijven."
      addLabel="Schijf toevoegen"
      items={bands}
    >
      {(b, j, q) => {
        const n = `Schijf ${j + 1}`;
        return (
          <ItemRow path={q} what={n.toLowerCase()}>
            <td className="ke-cell-num">
              <TextField name={`${q}.from`} label={`${n}: vanaf (punten)`} hideLabel kind="decimal" value={b.from} origs={b.orig} origKey="from" />
              <RowIssues path={q} />
            </td>
            <td className="ke-cell-num">
              <TextField name={`${q}.percent`} label={`${n}: opslag (%)`} hideLabel kind="decimal" value={b.percent} origs={b.orig} origKey="percent" />
              <ExtrasBlock path={q} extra={b.extra} />
            </td>
          </ItemRow>
        );
      }}
    </ListGroup>
  );
}

function Linear({ path, m }: { path: string; m: MappingModel }) {
  const l = m.linear!;
  return (
    <Group path={path} legend="Lineair" hint="Onder ‘vanaf’ geen opslag; daartussen naar rato; vanaf ‘tot’ het eindpercentage.">
      <div className="ke-grid">
        <TextField name={`${path}.from`} label="Vanaf (punten)" kind="decimal" value={l.from} origs={l.orig} origKey="from" />
        <TextField name={`${path}.to`} label="Tot (punten)" kind="decimal" value={l.to} origs={l.orig} origKey="to" />
        <TextField name={`${path}.fromPercent`} label="Opslag bij ‘vanaf’ (%)" kind="decimal" value={l.fromPercent} origs={l.orig} origKey="fromPercent" />
        <TextField name={`${path}.toPercent`} label="Opslag bij ‘tot’ (%)" kind="decimal" value={l.toPercent} origs={l.orig} origKey="toPercent" />
      </div>
      <ExtrasBlock path={path} extra={l.extra} />
    </Group>
  );
}
