import type { Platform, SlaPolicyRequest, SlaPolicyView, TicketPriority } from '@guichet/shared';
import type { TFunction } from 'i18next';

export const TARGET_FIELDS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

export const TARGET_LABEL_KEYS = {
  firstResponseMinutes: 'slaPolicies.firstResponse',
  nextResponseMinutes: 'slaPolicies.nextResponse',
  resolutionMinutes: 'slaPolicies.resolution',
} as const;

export interface DurationDraft {
  hours: string;
  minutes: string;
}

/** A policy as typed: targets in hours and minutes of staffed time, '' for "any". */
export interface PolicyDraft {
  name: string;
  priority: TicketPriority | '';
  platform: Platform | '';
  targets: Record<TargetField, DurationDraft>;
}

/** Field (as the server names it) → messages. */
export type PolicyErrors = Partial<Record<'name' | 'priority' | 'platform' | TargetField, string[]>>;

function toDuration(minutes: number): DurationDraft {
  const total = Math.max(0, Math.round(minutes));
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

export function emptyPolicyDraft(): PolicyDraft {
  return {
    name: '',
    priority: '',
    platform: '',
    targets: {
      firstResponseMinutes: { hours: '', minutes: '' },
      nextResponseMinutes: { hours: '', minutes: '' },
      resolutionMinutes: { hours: '', minutes: '' },
    },
  };
}

export function toPolicyDraft(policy: SlaPolicyView): PolicyDraft {
  return {
    name: policy.name,
    priority: policy.priority ?? '',
    platform: policy.platform ?? '',
    targets: {
      firstResponseMinutes: toDuration(policy.firstResponseMinutes),
      nextResponseMinutes: toDuration(policy.nextResponseMinutes),
      resolutionMinutes: toDuration(policy.resolutionMinutes),
    },
  };
}

const WHOLE = /^\d+$/;

export function isHoursValid(value: string): boolean {
  return value.trim() === '' || WHOLE.test(value.trim());
}

export function isMinutesValid(value: string): boolean {
  const text = value.trim();
  return text === '' || (WHOLE.test(text) && Number(text) <= 59);
}

/** Empty hours or minutes count as 0: "2" hours alone is 120 minutes. */
export function totalMinutes(duration: DurationDraft): number {
  return Number(duration.hours.trim() || 0) * 60 + Number(duration.minutes.trim() || 0);
}

export function validatePolicyDraft(draft: PolicyDraft, t: TFunction): PolicyErrors {
  const errors: PolicyErrors = {};
  if (!draft.name.trim()) errors.name = [t('slaPolicies.nameRequired')];
  for (const field of TARGET_FIELDS) {
    const messages: string[] = [];
    if (!isHoursValid(draft.targets[field].hours)) messages.push(t('slaPolicies.hoursInvalid'));
    if (!isMinutesValid(draft.targets[field].minutes)) messages.push(t('slaPolicies.minutesInvalid'));
    if (messages.length === 0 && totalMinutes(draft.targets[field]) < 1)
      messages.push(t('slaPolicies.targetRequired'));
    if (messages.length) errors[field] = messages;
  }
  return errors;
}

export function fromPolicyDraft(draft: PolicyDraft): SlaPolicyRequest {
  return {
    name: draft.name.trim(),
    priority: draft.priority || null,
    platform: draft.platform || null,
    firstResponseMinutes: totalMinutes(draft.targets.firstResponseMinutes),
    nextResponseMinutes: totalMinutes(draft.targets.nextResponseMinutes),
    resolutionMinutes: totalMinutes(draft.targets.resolutionMinutes),
  };
}

const KNOWN = new Set<string>(['name', 'priority', 'platform', ...TARGET_FIELDS]);

export function isPolicyField(path: string): path is keyof PolicyErrors {
  return KNOWN.has(path);
}

export function policyFieldLabel(path: string, t: TFunction): string {
  if (path === 'name') return t('slaPolicies.name');
  if (path === 'priority') return t('slaPolicies.priority');
  if (path === 'platform') return t('slaPolicies.channel');
  if ((TARGET_FIELDS as readonly string[]).includes(path)) return t(TARGET_LABEL_KEYS[path as TargetField]);
  return path;
}
