import type { ApprovalPolicy } from '@guichet/shared';
import { phraseProblem } from '../routing/phrase-matcher.js';

export interface PolicyFieldError {
  field: string;
  message: string;
}

/**
 * What class-validator cannot say about a policy: keywords the matcher cannot use, a reserve period
 * ending before it starts or on a day that does not exist; every problem named by its field.
 */
export function validateApprovalPolicy(policy: ApprovalPolicy): PolicyFieldError[] {
  const errors: PolicyFieldError[] = [];
  policy.keywords.forEach((keyword, i) => {
    const problem = phraseProblem(keyword);
    if (problem) errors.push({ field: `keywords[${i}]`, message: `« ${keyword} »: ${problem}` });
  });
  const reserve = policy.electoralReserve;
  if (reserve) {
    for (const key of ['from', 'to'] as const) {
      if (!isRealDay(reserve[key])) {
        errors.push({ field: `electoralReserve.${key}`, message: `${reserve[key]} is not a calendar day` });
      }
    }
    if (reserve.to < reserve.from) {
      errors.push({ field: 'electoralReserve.to', message: 'must be on or after electoralReserve.from' });
    }
  }
  return errors;
}

function isRealDay(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}
