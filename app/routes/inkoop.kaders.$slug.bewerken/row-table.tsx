/**
 * Lists of the kader edited as tables: one row per item, its fields in cells, a remove button
 * last. Every add and remove is a submit button with an intent, so this works without JavaScript.
 */
import { Fragment, type ReactNode } from "react";
import { ExtrasBlock } from "./extras";
import { Group, IntentButton, RowIssues, TextField } from "./fields";
import { groupId, type Extras, type Origs } from "./model";

/** A row table: its columns, the (visually hidden) actions column, and the rows. */
export function RowTable({ columns, children }: { columns: readonly ReactNode[]; children: ReactNode }) {
  return (
    <div className="ke-table-wrap">
      <table className="data ke-rows">
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Acties</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The last cell of a row: its remove button; `srLabel` names the row for a screen reader. */
export function RemoveCell({ intent, srLabel }: { intent: string; srLabel: string }) {
  return (
    <td className="ke-cell-actions">
      <IntentButton intent={intent} variant="danger" srLabel={srLabel}>
        Verwijderen
      </IntentButton>
    </td>
  );
}

/** A row that is the anchor of the list item at `path` (issues about the item as a whole land here), removable. */
export function ItemRow({ path, what, className, children }: { path: string; what: string; className?: string; children: ReactNode }) {
  return (
    <tr id={groupId(path)} tabIndex={-1} className={className}>
      {children}
      <RemoveCell intent={`remove:${path}`} srLabel={`(${what})`} />
    </tr>
  );
}

/**
 * The first two cells of an item that has a kenmerk and a naam (a target group, a criterion, a
 * fact): issues about the item as a whole show under the kenmerk, its extras under the naam.
 */
export function IdentityCells({
  path,
  name,
  item,
  wideLabel = false,
  idPlaceholder,
}: {
  path: string;
  /** The row's name for labels: "Criterium 2". */
  name: string;
  item: { id: string; label: string; orig?: Origs; extra?: Extras };
  wideLabel?: boolean;
  idPlaceholder?: string;
}) {
  return (
    <>
      <td>
        <TextField name={`${path}.id`} label={`${name}: kenmerk`} hideLabel value={item.id} origs={item.orig} origKey="id" placeholder={idPlaceholder} />
        <RowIssues path={path} />
      </td>
      <td className={wideLabel ? "ke-cell-wide" : undefined}>
        <TextField name={`${path}.label`} label={`${name}: naam`} hideLabel value={item.label} origs={item.orig} origKey="label" />
        <ExtrasBlock path={path} extra={item.extra} />
      </td>
    </>
  );
}

/** A list in its own group: a table of its items (or `empty` when there are none) and an add button. */
export function ListGroup<T>({
  path,
  legend,
  hint,
  columns,
  empty,
  addLabel,
  items,
  children,
}: {
  path: string;
  legend: string;
  hint?: string;
  columns: readonly ReactNode[];
  empty: string;
  addLabel: string;
  items: readonly T[];
  /** One table row for an item; `itemPath` is the item's kader path. */
  children: (item: T, index: number, itemPath: string) => ReactNode;
}) {
  return (
    <Group path={path} legend={legend} hint={hint}>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <RowTable columns={columns}>
          {items.map((item, j) => (
            <Fragment key={j}>{children(item, j, `${path}[${j}]`)}</Fragment>
          ))}
        </RowTable>
      )}
      <IntentButton intent={`add:${path}`}>{addLabel}</IntentButton>
    </Group>
  );
}
