import type { ContactView } from '@guichet/shared';

/** Placeholders with a translated label (`answers.placeholder.<name>`); any other shows its own name. */
export const KNOWN_PLACEHOLDERS = [
  'prenom',
  'nom',
  'date_rdv',
  'heure_rdv',
  'adresse',
  'numero_ticket',
  'date_passage',
  'date_fin',
  'date_envoi',
  'service',
] as const;
export type KnownPlaceholder = (typeof KNOWN_PLACEHOLDERS)[number];

export function isKnownPlaceholder(name: string): name is KnownPlaceholder {
  return (KNOWN_PLACEHOLDERS as readonly string[]).includes(name);
}

/** A display name that reads like "Prénom Nom" (not a handle such as "@jdupont" or "mairie_fan_59"). */
const PERSON_NAME = /^\p{Lu}[\p{L}'’-]*(\s+\p{L}[\p{L}'’-]*)*$/u;

/**
 * What the ticket already tells: the contact's first name (and last name) when the display name
 * looks like a person's, and the ticket's number.
 */
export function knownValues(ticket: {
  reference: number;
  contact: ContactView | null;
}): Record<string, string> {
  const values: Record<string, string> = { numero_ticket: String(ticket.reference) };
  const name = ticket.contact?.displayName?.trim().replace(/\s+/g, ' ');
  if (name && PERSON_NAME.test(name)) {
    const [first, ...rest] = name.split(' ');
    values.prenom = first;
    if (rest.length > 0) values.nom = rest.join(' ');
  }
  return values;
}
