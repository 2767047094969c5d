import type { TFunction } from 'i18next';
import { countCharacters } from '../../lib/format';
import type { FieldLimits } from './api/get-web-form';

/** The form's fields in page order (focus goes to the first invalid one). */
export const CONTACT_FIELDS = [
  'service',
  'description',
  'address',
  'lat',
  'long',
  'firstName',
  'lastName',
  'email',
  'phone',
  'mediaUrl',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactDraft = Record<ContactField, string>;
export type ContactErrors = Partial<Record<ContactField, string[]>>;

/** Each field's GeoReport v2 name, as the server names it in its errors. */
const API_NAMES: Record<ContactField, string> = {
  service: 'service_code',
  description: 'description',
  address: 'address_string',
  lat: 'lat',
  long: 'long',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  mediaUrl: 'media_url',
};

const LIMITED: Partial<Record<ContactField, keyof FieldLimits>> = {
  description: 'description',
  address: 'address_string',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  mediaUrl: 'media_url',
};

// The server's own rules (server/src/open311/open311-input.ts): a citizen learns of a problem before posting.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{3,40}$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function emptyContactDraft(service = ''): ContactDraft {
  return Object.fromEntries(CONTACT_FIELDS.map((f) => [f, f === 'service' ? service : ''])) as ContactDraft;
}

function isCoordinate(value: string, limit: number): boolean {
  if (!DECIMAL.test(value)) return false;
  const n = Number(value);
  return Number.isFinite(n) && n >= -limit && n <= limit;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function validateContactDraft(draft: ContactDraft, limits: FieldLimits, t: TFunction): ContactErrors {
  const errors: ContactErrors = {};
  const add = (field: ContactField, message: string) => (errors[field] ??= []).push(message);
  const value = (field: ContactField) => draft[field].trim();

  if (!value('service')) add('service', t('contact.errors.serviceRequired'));
  if (!value('description')) add('description', t('contact.errors.descriptionRequired'));
  for (const [field, limit] of Object.entries(LIMITED) as Array<[ContactField, keyof FieldLimits]>) {
    const count = countCharacters(value(field));
    if (count > limits[limit]) add(field, t('contact.errors.tooLong', { max: limits[limit], count }));
  }
  const lat = value('lat');
  const long = value('long');
  if (!value('address') && !lat && !long) add('address', t('contact.errors.locationRequired'));
  if (lat && !isCoordinate(lat, 90)) add('lat', t('contact.errors.latInvalid'));
  if (long && !isCoordinate(long, 180)) add('long', t('contact.errors.longInvalid'));
  if (long && !lat) add('lat', t('contact.errors.latMissing'));
  if (lat && !long) add('long', t('contact.errors.longMissing'));
  if (value('email') && !EMAIL.test(value('email'))) add('email', t('contact.errors.emailInvalid'));
  if (value('phone') && !PHONE.test(value('phone'))) add('phone', t('contact.errors.phoneInvalid'));
  if (value('mediaUrl') && !isHttpUrl(value('mediaUrl'))) add('mediaUrl', t('contact.errors.urlInvalid'));
  return errors;
}

/** The GeoReport v2 fields to post: trimmed, empty ones left out. */
export function toRequestFields(draft: ContactDraft): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of CONTACT_FIELDS) {
    const value = draft[field].trim();
    if (value) fields[API_NAMES[field]] = value;
  }
  return fields;
}

/**
 * A server description ("email : adresse e-mail invalide") split into the form field it names,
 * if any, and its message.
 */
export function parseProblem(description: string): {
  field: ContactField | null;
  name: string;
  message: string;
} {
  const separator = description.indexOf(' : ');
  if (separator <= 0) return { field: null, name: '', message: description };
  const name = description.slice(0, separator);
  const message = description.slice(separator + 3);
  // "lat/long, address_string ou address_id : une localisation est obligatoire" is about the address.
  const field = name.includes('address_string')
    ? 'address'
    : (CONTACT_FIELDS.find((f) => API_NAMES[f] === name) ?? null);
  return { field, name, message };
}
