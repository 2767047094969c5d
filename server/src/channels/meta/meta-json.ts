/** Reading Meta's loosely typed payloads. */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Meta sends ids as strings or numbers, depending on the field's age. */
export const idOf = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== ''
    ? v.trim()
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : null;
export const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Feed events carry seconds, Messenger milliseconds, Graph responses ISO strings. */
export function metaTime(v: unknown, fallback: Date): Date {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v < 1e12 ? v * 1000 : v);
  if (typeof v === 'string' && v.trim() !== '') {
    if (/^\d+$/.test(v.trim())) return metaTime(Number(v.trim()), fallback);
    const d = new Date(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(d.getTime())) return d;
  }
  return fallback;
}
