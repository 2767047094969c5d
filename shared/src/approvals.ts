import type { MessageKind } from './enums.js';
import type { IsoDate, ServiceRef, TicketSummary } from './views.js';

/**
 * Why a reply needs a service head's approval (the client words each code in its language):
 * sensitive_ticket: a routing rule flagged the ticket; sensitive_contact: the contact carries a
 * sensitive tag (press, elected official…); keyword: the reply or the citizen's text contains a
 * watched keyword; public_topic: a public reply on a ticket tagged with a watched topic; free_text:
 * not written from a validated answer; answer_edited: a validated answer changed beyond its
 * placeholders; electoral_reserve: a public reply during the pre-election restraint period.
 */
export const APPROVAL_REASON_CODES = [
  'sensitive_ticket',
  'sensitive_contact',
  'keyword',
  'public_topic',
  'free_text',
  'answer_edited',
  'electoral_reserve',
] as const;
export type ApprovalReasonCode = (typeof APPROVAL_REASON_CODES)[number];

export interface ApprovalReason {
  code: ApprovalReasonCode;
  /** What matched: the keyword, the tag, the period (« 2026-02-01 → 2026-03-22 »); absent when nothing more to say. */
  detail?: string;
}

/** The town's approval policy (`GET|PUT /api/approval/settings`). */
export interface ApprovalPolicy {
  /** Words or phrases (case, accents and elisions ignored; `word*` as a prefix) in the reply or the citizen's text. */
  keywords: string[];
  /** Contact tags that make every reply to that person need approval. */
  sensitiveContactTags: string[];
  /** Ticket tags on which a public reply (a comment) needs approval. */
  publicReplyTags: string[];
  /** Free text, or a validated answer edited beyond its placeholders, needs approval. */
  freeTextNeedsApproval: boolean;
  /** Pre-election restraint period, dates in Europe/Paris, both inclusive; null when none is set. */
  electoralReserve: { from: string; to: string } | null;
}

/** Answer of `POST /api/tickets/:id/replies/check`: whether this reply would wait for approval, and why. */
export interface ApprovalCheck {
  required: boolean;
  reasons: ApprovalReason[];
}

/** A reply's approval, as the thread shows it (null on replies that never needed one). */
export interface MessageApprovalView {
  state: 'pending' | 'approved' | 'rejected';
  reasons: ApprovalReason[];
  decidedBy: { id: string; displayName: string } | null;
  decidedAt: IsoDate | null;
  /** The rejecting head's comment to the author. */
  comment: string | null;
  /** The author's text when the head edited it before approving (the body is what was sent). */
  originalBody: string | null;
}

/** One row of `GET /api/approvals`: a reply waiting for approval, oldest first. */
export interface PendingApprovalView {
  messageId: string;
  ticket: Pick<TicketSummary, 'id' | 'reference' | 'subject' | 'platform' | 'contact'> & {
    service: ServiceRef;
  };
  kind: MessageKind;
  body: string;
  reasons: ApprovalReason[];
  author: { id: string; displayName: string } | null;
  submittedAt: IsoDate;
  /** The citizen's latest message, for context. */
  inbound: { body: string; sentAt: IsoDate } | null;
}

/** Body of `POST /api/approvals/:messageId/approve`: `body` when the head edited the text. */
export interface ApproveReplyRequest {
  body?: string;
}

/** Body of `POST /api/approvals/:messageId/reject`. */
export interface RejectReplyRequest {
  comment: string;
}
