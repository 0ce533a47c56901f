import type { ImportError } from "../services/imports/import-result";

/** Every problem of a refused import, by row and column, so the file can be fixed in one go. */
export function ImportErrors({ errors }: { errors: ImportError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>
        <strong>Niets geïmporteerd.</strong> Het bestand bevat {errors.length === 1 ? "één probleem" : `${errors.length} problemen`}:
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col" className="num">Rij</th>
            <th scope="col">Kolom</th>
            <th scope="col">Probleem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td className="num">{e.row ?? "—"}</td>
              <td>{e.column ?? "—"}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
