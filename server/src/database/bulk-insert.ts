import type { EntityManager } from 'typeorm';

/**
 * A column of a bulk insert: its SQL name, the PostgreSQL type of its values, and how to read a value
 * from a row. `cast` converts after the fact (enum columns are sent as text).
 */
export interface BulkColumn<Row> {
  name: string;
  type: 'uuid' | 'text' | 'integer' | 'double precision' | 'boolean' | 'timestamptz' | 'jsonb';
  cast?: string;
  value: (row: Row) => unknown;
}

/**
 * Inserts many rows with one statement (see `insertStatement`). `suffix` adds ON CONFLICT / RETURNING
 * clauses.
 *
 * Encoding a batch is a large part of ingestion's CPU, so values go in the cheapest form PostgreSQL
 * reads the same: dates as ISO strings (the driver's own formatting is several times slower), and each
 * jsonb column as one JSON array (one native stringify, where a jsonb[] array literal escapes every
 * quote of every document again).
 */
export async function bulkInsert<Row, Result = unknown>(
  manager: EntityManager,
  table: string,
  columns: Array<BulkColumn<Row>>,
  rows: Row[],
  suffix = '',
): Promise<Result[]> {
  if (rows.length === 0) return [];
  const { sql, params } = insertStatement({ table, columns, rows }, 0);
  const result: unknown = await manager.query(`${sql} ${suffix}`, params);
  return (Array.isArray(result) ? result : []) as Result[];
}

/** The rows of one table for `bulkInsertTogether`. */
export interface BulkRows<Row> {
  table: string;
  columns: Array<BulkColumn<Row>>;
  rows: Row[];
}

/**
 * Several bulk inserts in one statement (one round trip): `first` with its `suffix` (RETURNING), the
 * others in WITH clauses. They share one snapshot, so none may read what another writes; references
 * between them are fine, foreign keys being checked at the end of the statement.
 */
export async function bulkInsertTogether<Result = unknown>(
  manager: EntityManager,
  // Each part has its own row type: checked where it is built.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  first: BulkRows<any> & { suffix?: string },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  others: Array<BulkRows<any>>,
): Promise<Result[]> {
  const parts = others.filter((p) => p.rows.length > 0);
  if (first.rows.length === 0) {
    for (const part of parts) await bulkInsert(manager, part.table, part.columns, part.rows);
    return [];
  }
  const params: unknown[] = [];
  const withs = parts.map((part, i) => {
    const statement = insertStatement(part, params.length);
    params.push(...statement.params);
    return `w${i} AS (${statement.sql})`;
  });
  const main = insertStatement(first, params.length);
  params.push(...main.params);
  const sql = `${withs.length > 0 ? `WITH ${withs.join(', ')} ` : ''}${main.sql} ${first.suffix ?? ''}`;
  const result: unknown = await manager.query(sql, params);
  return (Array.isArray(result) ? result : []) as Result[];
}

/**
 * One parameter per column (arrays unnested by PostgreSQL), numbered from `offset` + 1, whatever the
 * number of rows: the statement text stays the same, and neither TypeORM nor PostgreSQL handle
 * thousands of separate parameters.
 */
function insertStatement<Row>(
  { table, columns, rows }: BulkRows<Row>,
  offset: number,
): { sql: string; params: unknown[] } {
  const n = (i: number) => `$${offset + i + 1}`;
  // A JSON null element is SQL NULL, as a null value was before (no stored value is a JSON null).
  const selected = columns.map((c, i) =>
    c.type === 'jsonb' ? `NULLIF(c${i}, 'null'::jsonb)` : c.cast ? `c${i}::${c.cast}` : `c${i}`,
  );
  const sources = columns.map((c, i) =>
    c.type === 'jsonb' ? `jsonb_array_elements(${n(i)}::jsonb)` : `unnest(${n(i)}::${c.type}[])`,
  );
  const names = columns.map((_, i) => `c${i}`);
  const sql =
    `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) ` +
    `SELECT ${selected.join(', ')} FROM ROWS FROM (${sources.join(', ')}) AS v(${names.join(', ')})`;
  const params = columns.map((c) => {
    if (c.type === 'jsonb') return toJsonb(rows.map((row) => c.value(row) ?? null));
    return rows.map((row) => {
      const value = c.value(row);
      if (value === null || value === undefined) return null;
      if (typeof value === 'string') return withoutNul(value);
      // An invalid date is left to the driver, which fails on it as before.
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value;
    });
  });
  return { sql, params };
}

/**
 * PostgreSQL refuses the NUL character in text and in jsonb (`\u0000`); a citizen's message holding
 * one must still be stored, so it becomes U+FFFD (the replacement character).
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.split('\u0000').join('\uFFFD') : text;
}

/**
 * A text[] value as one PostgreSQL array literal (`{"a","b \"c\""}`), for a column sent as text and
 * cast to text[]: a parameter of arrays of arrays would be flattened by unnest.
 */
export function toTextArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** JSON for a jsonb parameter, NUL characters replaced. */
export function toJsonb(value: unknown): string {
  // (Never called with undefined: bulkInsert stores null and undefined as NULL.)
  const json = JSON.stringify(value);
  // JSON writes a NUL as \u0000: only then is the (slower) replacing pass needed.
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? withoutNul(v) : v));
}

/**
 * The same NUL replacement through a whole value (objects, arrays); dates and numbers are kept, and
 * the value itself is returned when it holds no NUL (no copy).
 */
export function withoutNulDeep<T>(value: T): T {
  // Almost nothing holds a NUL: look first, and copy only what does.
  return containsNul(value) ? copyWithoutNul(value) : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (isPlainObject(value)) {
    for (const key in value) if (key.includes('\u0000') || containsNul(value[key])) return true;
  }
  return false;
}

function copyWithoutNul<T>(value: T): T {
  if (typeof value === 'string') return withoutNul(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => withoutNulDeep(v)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNulDeep(v)])) as T;
  }
  return value;
}

/**
 * The bigserial ids an `INSERT … SELECT … ORDER BY` returned, in the order its rows were inserted
 * (ids are handed out in that order; RETURNING does not promise it). Strings, as the driver gives them.
 */
export function inInsertionOrder(ids: string[]): string[] {
  return ids
    .map((id) => BigInt(id))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
}
