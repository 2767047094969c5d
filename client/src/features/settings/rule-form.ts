import type {
  MessageKind,
  Platform,
  RoutingLanguage,
  RoutingRuleRequest,
  RoutingRuleView,
  StaffedHoursCondition,
  TicketPriority,
} from '@guichet/shared';
import type { TFunction } from 'i18next';

/** A routing rule as the form holds it: lists as typed, '' for « not set ». */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  continue: boolean;
  platforms: Platform[];
  kinds: MessageKind[];
  channelAccountIds: string[];
  /** One keyword or phrase per line. */
  keywords: string;
  regexPattern: string;
  regexIgnoreCase: boolean;
  languages: RoutingLanguage[];
  /** Comma-separated. */
  contactTags: string;
  staffedHours: StaffedHoursCondition | '';
  serviceId: string;
  priority: TicketPriority | '';
  /** Comma-separated. */
  tags: string;
  sensitive: boolean;
}

/** Form fields that the server's field paths map to. */
export type RuleField =
  | 'name'
  | 'conditions'
  | 'platforms'
  | 'kinds'
  | 'channelAccountIds'
  | 'keywords'
  | 'regexPattern'
  | 'languages'
  | 'contactTags'
  | 'staffedHours'
  | 'actions'
  | 'serviceId'
  | 'priority'
  | 'tags';

export type RuleErrors = Partial<Record<RuleField, string[]>>;

export function emptyRuleDraft(): RuleDraft {
  return {
    name: '',
    enabled: true,
    continue: false,
    platforms: [],
    kinds: [],
    channelAccountIds: [],
    keywords: '',
    regexPattern: '',
    regexIgnoreCase: true,
    languages: [],
    contactTags: '',
    staffedHours: '',
    serviceId: '',
    priority: '',
    tags: '',
    sensitive: false,
  };
}

export function toRuleDraft(rule: RoutingRuleView): RuleDraft {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    name: rule.name,
    enabled: rule.enabled,
    continue: rule.continue,
    platforms: c.platforms ?? [],
    kinds: c.kinds ?? [],
    channelAccountIds: c.channelAccountIds ?? [],
    keywords: (c.keywords ?? []).join('\n'),
    regexPattern: c.regex?.pattern ?? '',
    regexIgnoreCase: c.regex?.ignoreCase ?? true,
    languages: c.languages ?? [],
    contactTags: (c.contactTags ?? []).join(', '),
    staffedHours: c.staffedHours ?? '',
    serviceId: a.serviceId ?? '',
    priority: a.priority ?? '',
    tags: (a.tags ?? []).join(', '),
    sensitive: a.sensitive ?? false,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
export const commaList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Only what is filled in: the server counts an empty list as no condition. */
export function fromRuleDraft(draft: RuleDraft): RoutingRuleRequest {
  const keywords = lines(draft.keywords);
  const contactTags = commaList(draft.contactTags);
  const tags = commaList(draft.tags);
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    continue: draft.continue,
    conditions: {
      ...(draft.platforms.length ? { platforms: draft.platforms } : {}),
      ...(draft.kinds.length ? { kinds: draft.kinds } : {}),
      ...(draft.channelAccountIds.length ? { channelAccountIds: draft.channelAccountIds } : {}),
      ...(keywords.length ? { keywords } : {}),
      ...(draft.regexPattern.trim()
        ? { regex: { pattern: draft.regexPattern, ignoreCase: draft.regexIgnoreCase } }
        : {}),
      ...(draft.languages.length ? { languages: draft.languages } : {}),
      ...(contactTags.length ? { contactTags } : {}),
      ...(draft.staffedHours ? { staffedHours: draft.staffedHours } : {}),
    },
    actions: {
      ...(draft.serviceId ? { serviceId: draft.serviceId } : {}),
      ...(draft.priority ? { priority: draft.priority } : {}),
      ...(tags.length ? { tags } : {}),
      ...(draft.sensitive ? { sensitive: true } : {}),
    },
  };
}

/** The browser's own checks, before asking the server (which checks everything again). */
export function validateRuleDraft(draft: RuleDraft, t: TFunction): RuleErrors {
  const errors: RuleErrors = {};
  const request = fromRuleDraft(draft);
  if (!request.name) errors.name = [t('routingRules.nameRequired')];
  if (Object.keys(request.conditions).length === 0) errors.conditions = [t('routingRules.conditionRequired')];
  if (Object.keys(request.actions).length === 0) errors.actions = [t('routingRules.actionRequired')];
  return errors;
}

const FIELD_OF: Record<string, RuleField> = {
  name: 'name',
  conditions: 'conditions',
  'conditions.platforms': 'platforms',
  'conditions.kinds': 'kinds',
  'conditions.channelAccountIds': 'channelAccountIds',
  'conditions.keywords': 'keywords',
  'conditions.regex': 'regexPattern',
  'conditions.regex.pattern': 'regexPattern',
  'conditions.regex.ignoreCase': 'regexPattern',
  'conditions.languages': 'languages',
  'conditions.contactTags': 'contactTags',
  'conditions.staffedHours': 'staffedHours',
  actions: 'actions',
  'actions.serviceId': 'serviceId',
  'actions.priority': 'priority',
  'actions.tags': 'tags',
};

/** "rule.conditions.keywords[2]" → "keywords"; null for a path the form has no field for. */
export function ruleFieldOf(path: string): RuleField | null {
  const bare = path.replace(/^rule\./, '').replace(/\[\d+\]$/, '');
  return FIELD_OF[bare] ?? null;
}

const SAMPLE_LABELS: Record<
  string,
  'routingRules.test.text' | 'routingRules.test.platform' | 'routingRules.test.contactTags'
> = {
  'sample.text': 'routingRules.test.text',
  'sample.platform': 'routingRules.test.platform',
  'sample.contactTags': 'routingRules.test.contactTags',
};

export function ruleFieldLabel(path: string, t: TFunction): string {
  const field = ruleFieldOf(path);
  if (field) return t(`routingRules.field.${field}`);
  const sample = SAMPLE_LABELS[path];
  return sample ? t(sample) : path;
}
