/**
 * What the form cannot show: kept untouched in hidden fields, shown read-only, removable.
 * Changing it is done through an uploaded kader file, never by flattening it here.
 */
import type { ReactNode } from "react";
import { extraId } from "./anchors";
import { IntentButton, IssueList, useIssues } from "./fields";
import { childPath, type Extras } from "./model";

const pretty = (json: string) => JSON.stringify(JSON.parse(json) as unknown, null, 2);

/** Unknown keys (and known keys of the wrong shape) of the object at `path`. */
export function ExtrasBlock({ path, extra }: { path: string; extra: Extras | undefined }) {
  const keys = Object.keys(extra ?? {});
  if (!extra || keys.length === 0) return null;
  return (
    <div className="ke-extras">
      <input type="hidden" name={path === "" ? "$extra" : `${path}.$extra`} value={JSON.stringify(extra)} />
      <p>
        <strong>Niet in dit formulier te bewerken</strong> (uit een geüpload bestand). Het blijft ongewijzigd bewaard tot u het verwijdert; wijzigen kan via een
        kaderbestand.
      </p>
      <ul>
        {keys.map((key) => (
          <ExtraItem key={key} path={path} name={key} value={extra[key]} />
        ))}
      </ul>
    </div>
  );
}

function ExtraItem({ path, name, value }: { path: string; name: string; value: unknown }) {
  const id = extraId(path, name);
  const issues = useIssues(id);
  return (
    <li id={id} tabIndex={-1} aria-describedby={issues.length > 0 ? `${id}-fout` : undefined}>
      <code>{name}</code>
      <pre className="ke-raw">{JSON.stringify(value, null, 2)}</pre>
      <IssueList id={`${id}-fout`} issues={issues} />
      <IntentButton intent={`remove:${childPath(path, name)}`} variant="danger" srLabel={`(onderdeel ${name})`}>
        Verwijderen
      </IntentButton>
    </li>
  );
}

/** A whole part kept as JSON (a surcharge of unknown kind, a condition nested too deep): carried in `${path}.$json`. */
export function RawJson({ path, json, children }: { path: string; json: string; children: ReactNode }) {
  return (
    <>
      <input type="hidden" name={`${path}.$json`} value={json} />
      <p>{children}</p>
      <pre className="ke-raw">{pretty(json)}</pre>
    </>
  );
}
