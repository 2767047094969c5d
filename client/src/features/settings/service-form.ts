import type { AssignmentMode, ServiceRequest, ServiceView } from '@guichet/shared';
import type { TFunction } from 'i18next';

export interface ServiceDraft {
  name: string;
  slug: string;
  description: string;
  /** Comma-separated. */
  keywords: string;
  open311Listed: boolean;
  open311Group: string;
  assignmentMode: AssignmentMode;
  /** '' for no cap. */
  maxOpenPerAgent: string;
}

export type ServiceField = keyof ServiceDraft;
export type ServiceErrors = Partial<Record<ServiceField, string[]>>;

export function emptyServiceDraft(): ServiceDraft {
  return {
    name: '',
    slug: '',
    description: '',
    keywords: '',
    open311Listed: true,
    open311Group: 'Ville',
    assignmentMode: 'manual',
    maxOpenPerAgent: '',
  };
}

export function toServiceDraft(s: ServiceView): ServiceDraft {
  return {
    name: s.name,
    slug: s.slug,
    description: s.description,
    keywords: s.keywords.join(', '),
    open311Listed: s.open311Listed,
    open311Group: s.open311Group,
    assignmentMode: s.assignmentMode,
    maxOpenPerAgent: s.maxOpenPerAgent === null ? '' : String(s.maxOpenPerAgent),
  };
}

export function fromServiceDraft(d: ServiceDraft): ServiceRequest {
  return {
    name: d.name.trim(),
    ...(d.slug.trim() ? { slug: d.slug.trim() } : {}),
    description: d.description.trim(),
    keywords: d.keywords
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    open311Listed: d.open311Listed,
    open311Group: d.open311Group.trim(),
    assignmentMode: d.assignmentMode,
    maxOpenPerAgent: d.maxOpenPerAgent.trim() === '' ? null : Number(d.maxOpenPerAgent.trim()),
  };
}

export function validateServiceDraft(d: ServiceDraft, t: TFunction): ServiceErrors {
  const errors: ServiceErrors = {};
  if (!d.name.trim()) errors.name = [t('servicesAdmin.nameRequired')];
  if (d.slug.trim() && !/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(d.slug.trim()))
    errors.slug = [t('servicesAdmin.slugInvalid')];
  if (!d.open311Group.trim()) errors.open311Group = [t('servicesAdmin.groupRequired')];
  const cap = d.maxOpenPerAgent.trim();
  if (cap !== '' && (!/^\d+$/.test(cap) || Number(cap) < 1 || Number(cap) > 10_000))
    errors.maxOpenPerAgent = [t('servicesAdmin.capInvalid')];
  return errors;
}

/** "maxOpenPerAgent must not be less than 1" (class-validator) or "slug: …" (domain) → field. */
export function serviceFieldOf(detail: { path: string; message: string }): ServiceField | null {
  const candidates: ServiceField[] = [
    'name',
    'slug',
    'description',
    'keywords',
    'open311Listed',
    'open311Group',
    'assignmentMode',
    'maxOpenPerAgent',
  ];
  const head = detail.path || detail.message.split(' ')[0];
  return candidates.find((field) => head === field) ?? null;
}
