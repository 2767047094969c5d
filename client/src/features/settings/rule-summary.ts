import type { RoutingRuleActions, RoutingRuleConditions } from '@guichet/shared';
import type { TFunction } from 'i18next';

/** « Mots-clés : nid de poule, trou · Facebook, Instagram », for the rules list. */
export function describeConditions(
  c: RoutingRuleConditions,
  accountName: (id: string) => string | undefined,
  t: TFunction,
): string[] {
  const parts: string[] = [];
  if (c.keywords?.length) parts.push(t('routingRules.summary.keywords', { list: c.keywords.join(', ') }));
  if (c.regex) parts.push(t('routingRules.summary.regex', { pattern: c.regex.pattern }));
  if (c.platforms?.length)
    parts.push(
      t('routingRules.summary.platforms', { list: c.platforms.map((p) => t(`platform.${p}`)).join(', ') }),
    );
  if (c.kinds?.length)
    parts.push(
      t('routingRules.summary.kinds', { list: c.kinds.map((k) => t(`routingRules.kind.${k}`)).join(', ') }),
    );
  if (c.channelAccountIds?.length)
    parts.push(
      t('routingRules.summary.accounts', {
        list: c.channelAccountIds.map((id) => accountName(id) ?? t('routingRules.unknownAccount')).join(', '),
      }),
    );
  if (c.languages?.length)
    parts.push(
      t('routingRules.summary.languages', {
        list: c.languages.map((l) => t(`routingRules.language.${l}`)).join(', '),
      }),
    );
  if (c.contactTags?.length)
    parts.push(t('routingRules.summary.contactTags', { list: c.contactTags.join(', ') }));
  if (c.staffedHours) parts.push(t(`routingRules.staffed.${c.staffedHours}`));
  return parts;
}

/** « Voirie · priorité haute · étiquettes : urgence · sensible ». */
export function describeActions(
  a: RoutingRuleActions,
  serviceName: (id: string) => string | undefined,
  t: TFunction,
): string[] {
  const parts: string[] = [];
  if (a.serviceId) parts.push(serviceName(a.serviceId) ?? t('routingRules.unknownService'));
  if (a.priority) parts.push(t(`priority.${a.priority}`));
  if (a.tags?.length) parts.push(t('routingRules.summary.tags', { list: a.tags.join(', ') }));
  if (a.sensitive) parts.push(t('routingRules.summary.sensitive'));
  return parts;
}
