import { badField, fieldProblem, Open311Error } from './open311-error';

/** What a citizen's POST says, checked; everything else the client sent is kept in `raw` only. */
export interface Open311RequestInput {
  serviceCode: string;
  description: string | null;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  email: string | null;
  deviceId: string | null;
  accountId: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  mediaUrl: string | null;
}

export interface Open311RequestFilters {
  /** Ticket references; when given, the other filters are ignored (GeoReport v2). */
  references: number[] | null;
  serviceCodes: string[] | null;
  statuses: Array<'open' | 'closed'> | null;
  start: Date | null;
  end: Date | null;
}

/** Longest value of each text field, in characters; the web form shows and checks the same. */
export const FIELD_MAX = {
  service_code: 64,
  description: 4000,
  address_string: 500,
  address_id: 200,
  email: 128,
  phone: 40,
  first_name: 90,
  last_name: 90,
  device_id: 100,
  account_id: 100,
  media_url: 2000,
} as const;
export const DESCRIPTION_MAX = FIELD_MAX.description;
/** Without dates, GeoReport v2 lists the last 90 days. */
export const DEFAULT_WINDOW_DAYS = 90;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{3,40}$/;
const REFERENCE = /^\d{1,9}$/;
// A client's idempotency key (a UUID, typically) doubles as the GeoReport token: URL-safe.
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,100}$/;
// W3C datetime: a date, or a date and time with its offset (as GeoReport v2 requires).
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

type Fields = Record<string, unknown>;

/** A form or JSON body as a plain record (form bodies are parsed by qs and can nest). */
export function asFields(value: unknown): Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

/** One text value: absent, empty and blank are null; several values or a nested one are refused. */
function text(fields: Fields, name: string, problems: string[]): string | null {
  const value = fields[name];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') {
    problems.push(fieldProblem(name, 'une seule valeur texte est attendue'));
    return null;
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

const length = (s: string): number => [...s].length;

function bounded(fields: Fields, name: keyof typeof FIELD_MAX, problems: string[]): string | null {
  const max = FIELD_MAX[name];
  const value = text(fields, name, problems);
  if (value !== null && length(value) > max) {
    problems.push(fieldProblem(name, `${max} caractères au plus`));
    return null;
  }
  return value;
}

function coordinate(fields: Fields, name: 'lat' | 'long', limit: number, problems: string[]): number | null {
  const value = text(fields, name, problems);
  if (value === null) return null;
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < -limit || n > limit) {
    problems.push(fieldProblem(name, `nombre décimal entre -${limit} et ${limit} attendu`));
    return null;
  }
  return n;
}

function httpUrl(fields: Fields, name: 'media_url', problems: string[]): string | null {
  const value = bounded(fields, name, problems);
  if (value === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.push(fieldProblem(name, 'adresse http ou https attendue'));
    return null;
  }
  return value;
}

/** Checks a POST /requests body; every problem found is reported at once (400). */
export function parseRequestInput(body: unknown): Open311RequestInput {
  const fields = asFields(body);
  const problems: string[] = [];
  const serviceCode = bounded(fields, 'service_code', problems);
  if (serviceCode === null && !problems.some((p) => p.startsWith('service_code'))) {
    problems.push(fieldProblem('service_code', 'champ obligatoire'));
  }
  const description = bounded(fields, 'description', problems);
  const mediaUrl = httpUrl(fields, 'media_url', problems);
  const mediaGiven = text(fields, 'media_url', []) !== null;
  if (description === null && !mediaGiven && !problems.some((p) => p.startsWith('description '))) {
    problems.push(fieldProblem('description', 'champ obligatoire (sauf si media_url est donné)'));
  }
  const lat = coordinate(fields, 'lat', 90, problems);
  const long = coordinate(fields, 'long', 180, problems);
  const latGiven = text(fields, 'lat', []) !== null;
  const longGiven = text(fields, 'long', []) !== null;
  if (latGiven && !longGiven) problems.push(fieldProblem('long', 'obligatoire avec lat'));
  if (longGiven && !latGiven) problems.push(fieldProblem('lat', 'obligatoire avec long'));
  const addressString = bounded(fields, 'address_string', problems);
  const addressId = bounded(fields, 'address_id', problems);
  if (!latGiven && !longGiven && addressString === null && addressId === null) {
    problems.push(fieldProblem('lat/long, address_string ou address_id', 'une localisation est obligatoire'));
  }
  const email = bounded(fields, 'email', problems)?.toLowerCase() ?? null;
  if (email !== null && !EMAIL.test(email)) problems.push(fieldProblem('email', 'adresse e-mail invalide'));
  const phone = bounded(fields, 'phone', problems);
  if (phone !== null && !PHONE.test(phone)) problems.push(fieldProblem('phone', 'numéro invalide'));
  const input: Open311RequestInput = {
    serviceCode: serviceCode ?? '',
    description,
    lat,
    long,
    addressString,
    addressId,
    email,
    deviceId: bounded(fields, 'device_id', problems),
    accountId: bounded(fields, 'account_id', problems),
    firstName: bounded(fields, 'first_name', problems),
    lastName: bounded(fields, 'last_name', problems),
    phone,
    mediaUrl,
  };
  if (problems.length > 0) throw new Open311Error(400, problems);
  return input;
}

/**
 * The key that makes a POST safe to repeat (IETF Idempotency-Key header, or an `idempotency_key`
 * field for clients that cannot set headers); null when the client gave none.
 */
export function parseIdempotencyKey(header: unknown, field: unknown): string | null {
  const values = [header, field].filter((v) => v !== undefined && v !== null && v !== '');
  if (values.length === 0) return null;
  const [key] = values;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw badField('idempotency_key', 'de 16 à 100 lettres, chiffres, - ou _ (un UUID par exemple)');
  }
  if (values.length > 1 && values[1] !== key) {
    throw badField('idempotency_key', 'l’en-tête Idempotency-Key et le champ idempotency_key diffèrent');
  }
  return key;
}

/** A token of GET /tokens/{token}.json: the same shape as an idempotency key. */
export function isToken(value: string): boolean {
  return IDEMPOTENCY_KEY.test(value);
}

/** A comma-separated filter ("open,closed"); repeated parameters are joined. */
function list(fields: Fields, name: string): string[] | null {
  const value = fields[name];
  if (value === undefined || value === null) return null;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : typeof v === 'number' ? [String(v)] : [null],
  );
  if (parts.includes(null)) throw badField(name, 'liste de valeurs séparées par des virgules attendue');
  const items = parts.map((p) => (p as string).trim()).filter((p) => p !== '');
  return items.length > 0 ? items : null;
}

function date(fields: Fields, name: string): Date | null {
  const value = list(fields, name);
  if (value === null) return null;
  const d = value.length === 1 && W3C_DATETIME.test(value[0]) ? new Date(value[0]) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw badField(name, 'date au format W3C attendue (ex. 2026-03-01T08:00:00+01:00)');
  }
  return d;
}

/** Checks the filters of GET /requests; without dates, the last 90 days before `now` (or before end_date). */
export function parseRequestFilters(query: unknown, now: Date): Open311RequestFilters {
  const fields = asFields(query);
  const ids = list(fields, 'service_request_id');
  if (ids !== null) {
    if (ids.some((id) => !REFERENCE.test(id))) {
      throw badField('service_request_id', 'numéros de demande séparés par des virgules attendus');
    }
    return { references: ids.map(Number), serviceCodes: null, statuses: null, start: null, end: null };
  }
  const statuses = list(fields, 'status');
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) {
    throw badField('status', 'open ou closed attendu');
  }
  const end = date(fields, 'end_date');
  let start = date(fields, 'start_date');
  if (start && end && start > end) throw badField('start_date', 'doit précéder end_date');
  if (!start && !end) start = new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (!start && end) start = new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  return {
    references: null,
    serviceCodes: list(fields, 'service_code'),
    statuses: statuses as Array<'open' | 'closed'> | null,
    start,
    end,
  };
}

/** A number the client sent (a JSON number or a form's text), read back from `raw`. */
export function storedNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function storedText(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
