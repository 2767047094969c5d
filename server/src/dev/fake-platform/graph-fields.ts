import { offsetOf, pageToken } from './ids';

type Obj = Record<string, unknown>;

/** One requested field: `from{id,name}`, `messages.limit(25){id,message}`. */
export interface FieldSpec {
  name: string;
  limit: number | null;
  sub: FieldSpec[] | null;
}

/** Parses Graph's `fields` parameter, nested braces and `.limit(n)` modifiers included. */
export function parseFields(text: string): FieldSpec[] {
  let i = 0;
  const list = (): FieldSpec[] => {
    const specs: FieldSpec[] = [];
    while (i < text.length && text[i] !== '}') {
      const start = i;
      while (i < text.length && !',{}.'.includes(text[i])) i++;
      const spec: FieldSpec = { name: text.slice(start, i).trim(), limit: null, sub: null };
      while (text[i] === '.') {
        const modifier = /^\.(\w+)\(([^)]*)\)/.exec(text.slice(i));
        if (!modifier) break;
        if (modifier[1] === 'limit') spec.limit = Number(modifier[2]) || null;
        i += modifier[0].length;
      }
      if (text[i] === '{') {
        i++;
        spec.sub = list();
        i++; // the closing brace
      }
      if (spec.name !== '') specs.push(spec);
      if (text[i] === ',') i++;
    }
    return specs;
  };
  return list();
}

/** Keeps only the requested fields (and always `id`), as Graph answers. */
export function project(item: Obj, specs: FieldSpec[]): Obj {
  const out: Obj = {};
  if (item.id !== undefined) out.id = item.id;
  for (const spec of specs) {
    const value = item[spec.name];
    if (value === undefined) continue;
    if (spec.sub && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[spec.name] = project(value as Obj, spec.sub);
    } else out[spec.name] = value;
  }
  return out;
}

export interface GraphListOptions {
  /** The fake's own origin: `paging.next` points back at it. */
  origin: string;
  defaultFields: string;
  /** How a nested edge (`messages` of a conversation) is listed, for `fields=messages{…}`. */
  nested?: (item: Obj, spec: FieldSpec) => unknown;
}

/**
 * A Graph list answer: `data`, and `paging` with opaque cursors and a `next` URL (same query, next
 * cursor) while more items remain. The last page has no `next`, which is how clients know to stop.
 */
export function graphList(items: Obj[], url: URL, options: GraphListOptions): [number, unknown] {
  const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 25) || 25, 1), 100);
  const offset = offsetOf(url.searchParams.get('after'));
  if (offset === null) return [400, graphError('(#100) The after cursor is invalid', 100)];
  const specs = parseFields(url.searchParams.get('fields') ?? options.defaultFields);
  const slice = items.slice(offset, offset + limit).map((item) => {
    const projected = project(item, specs);
    for (const spec of specs) {
      if (spec.sub && options.nested && Array.isArray(item[spec.name]))
        projected[spec.name] = options.nested(item, spec);
    }
    return projected;
  });
  const more = offset + limit < items.length;
  const next = new URL(url.pathname + url.search, options.origin);
  next.searchParams.set('after', pageToken(offset + limit));
  next.searchParams.delete('before');
  const paging =
    slice.length === 0
      ? {}
      : {
          cursors: { before: pageToken(offset), after: pageToken(offset + slice.length) },
          ...(more ? { next: next.toString() } : {}),
        };
  return [200, { data: slice, paging }];
}

export const graphError = (message: string, code: number, type = 'OAuthException', subcode?: number) => ({
  error: {
    message,
    type,
    code,
    ...(subcode !== undefined ? { error_subcode: subcode } : {}),
    fbtrace_id: 'AfakeTRACE0',
  },
});
