import type { ApprovalReason } from '@guichet/shared';
import type { TFunction } from 'i18next';

/** « ticket signalé sensible, mot-clé surveillé (plainte) »: every reason a reply waits for approval, in words. */
export function approvalReasonsText(t: TFunction, reasons: ApprovalReason[]): string {
  return reasons
    .map((reason) => t(`approval.reason.${reason.code}`, { detail: reason.detail ?? '' }))
    .join(', ');
}
