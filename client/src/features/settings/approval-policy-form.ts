import type { ApprovalPolicy } from '@guichet/shared';

/** The policy as the form edits it: lists as one entry per line, the period as two optional dates. */
export interface ApprovalPolicyForm {
  keywords: string;
  sensitiveContactTags: string;
  publicReplyTags: string;
  freeTextNeedsApproval: boolean;
  reserveFrom: string;
  reserveTo: string;
}

export function toPolicyForm(policy: ApprovalPolicy): ApprovalPolicyForm {
  return {
    keywords: policy.keywords.join('\n'),
    sensitiveContactTags: policy.sensitiveContactTags.join('\n'),
    publicReplyTags: policy.publicReplyTags.join('\n'),
    freeTextNeedsApproval: policy.freeTextNeedsApproval,
    reserveFrom: policy.electoralReserve?.from ?? '',
    reserveTo: policy.electoralReserve?.to ?? '',
  };
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The request body, or 'reserveIncomplete' when only one of the period's dates is given. */
export function fromPolicyForm(form: ApprovalPolicyForm): ApprovalPolicy | 'reserveIncomplete' {
  const from = form.reserveFrom.trim();
  const to = form.reserveTo.trim();
  if ((from === '') !== (to === '')) return 'reserveIncomplete';
  return {
    keywords: lines(form.keywords),
    sensitiveContactTags: lines(form.sensitiveContactTags),
    publicReplyTags: lines(form.publicReplyTags),
    freeTextNeedsApproval: form.freeTextNeedsApproval,
    electoralReserve: from && to ? { from, to } : null,
  };
}
