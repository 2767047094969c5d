/**
 * Sensitivity: which replies need a service head's approval before they are sent, and why. Pure
 * TypeScript: the policy, the reply, what is known of the ticket and `now` are passed in.
 *
 * - approval-rules.ts: every reason a reply needs approval (sensitive ticket or contact, keywords,
 *   public reply on a watched topic, free text, electoral reserve period).
 * - validate-policy.ts: what a DTO cannot check in a policy (keywords, the period's dates).
 */
export { approvalReasons, DEFAULT_APPROVAL_POLICY } from './approval-rules.js';
export type { ReplyUnderReview, TicketUnderReview } from './approval-rules.js';
export { parisDay } from './paris-day.js';
export { validateApprovalPolicy } from './validate-policy.js';
export type { PolicyFieldError } from './validate-policy.js';
