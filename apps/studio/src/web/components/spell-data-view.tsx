// A spell's data the way a player reads a tooltip database: its scalar fields as a grid, each
// list of records (effects, ...) as a table of the columns that carry a value, and the raw
// JSON underneath. Generic over the record's shape, so new fields in the game-data types show
// up without a studio change.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (v: Json): v is number | string | boolean =>
  ['number', 'string', 'boolean'].includes(typeof v);
const isRecordList = (v: Json): v is { [key: string]: Json }[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
const meaningful = (v: Json) => v !== 0 && v !== '' && v !== false && v !== null;

function cell(v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  if (isScalar(v)) return String(v);
  if (Array.isArray(v) && v.every(isScalar)) return v.join(', ');
  return JSON.stringify(v);
}

export function SpellDataView({ data }: { data: unknown }) {
  const record = (typeof data === 'object' && data !== null ? data : {}) as { [key: string]: Json };
  const scalars = Object.entries(record).filter(([, v]) => isScalar(v) && meaningful(v));
  const lists = Object.entries(record).filter(([, v]) => isRecordList(v)) as [
    string,
    { [key: string]: Json }[],
  ][];
  return (
    <div className="spell-view">
      <dl className="spell-fields">
        {scalars.map(([key, value]) => (
          <div key={key} className={typeof value === 'string' && value.length > 40 ? 'stat wide' : 'stat'}>
            <dt>{key}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
      {lists.map(([key, rows]) => {
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) =>
          rows.some(
            (r) => r[c] !== undefined && meaningful(r[c]!) && cell(r[c]).replace(/[0, ]/g, '') !== '',
          ),
        );
        return (
          <div key={key} className="spell-list">
            <h3>{key}</h3>
            <div className="table-scroll">
              <table className="table" data-testid={`spell-${key}`}>
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c}>{c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional (effect index)
                    <tr key={i}>
                      {columns.map((c) => (
                        <td key={c} className="mono">
                          {cell(row[c])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
      <details>
        <summary className="muted">Raw data</summary>
        <pre className="spell-data" data-testid="spell-data">
          {JSON.stringify(data, null, 2)}
        </pre>
      </details>
    </div>
  );
}
