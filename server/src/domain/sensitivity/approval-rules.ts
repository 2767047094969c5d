import type { ApprovalPolicy, ApprovalReason, ReplyAudience } from '@guichet/shared';
import { normalizeFrench } from '../routing/normalize-french.js';
import { compilePhrase, containsPhrase, matchingWords } from '../routing/phrase-matcher.js';
import { parisDay } from './paris-day.js';

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  keywords: [],
  sensitiveContactTags: ['presse', 'élu', 'sensible'],
  publicReplyTags: [],
  freeTextNeedsApproval: false,
  electoralReserve: null,
};

/** The reply an agent is about to send. */
export interface ReplyUnderReview {
  /** Internal notes never need approval. */
  direction: 'outbound' | 'internal';
  /** public: a comment or mention everyone can read; private: a direct message; null: unknown. */
  audience: ReplyAudience | null;
  body: string;
  /** The validated answer it was written from (edited: changed beyond its placeholders); null: free text. */
  answer: { edited: boolean } | null;
}

/** What is known of the ticket the reply answers. */
export interface TicketUnderReview {
  /** Flagged by a routing rule (action « sensitive »). */
  sensitive: boolean;
  tags: readonly string[];
  /** The contact's tags (and the person's it was merged into). */
  contactTags: readonly string[];
  /** The citizen's messages on the ticket. */
  inboundTexts: readonly string[];
}

/**
 * Every reason this reply needs a service head's approval under `policy`, in a fixed order; empty
 * when it may be sent at once. `now` decides whether the electoral reserve period is running (its
 * dates are days in Europe/Paris, both inclusive).
 */
export function approvalReasons(
  reply: ReplyUnderReview,
  ticket: TicketUnderReview,
  policy: ApprovalPolicy,
  now: Date,
): ApprovalReason[] {
  if (reply.direction === 'internal') return [];
  const reasons: ApprovalReason[] = [];
  const isPublic = reply.audience === 'public';
  if (ticket.sensitive) reasons.push({ code: 'sensitive_ticket' });

  const contactTags = matchingTags(ticket.contactTags, policy.sensitiveContactTags);
  if (contactTags.length > 0) reasons.push({ code: 'sensitive_contact', detail: contactTags.join(', ') });

  const keywords = matchingKeywords([reply.body, ...ticket.inboundTexts], policy.keywords);
  if (keywords.length > 0) reasons.push({ code: 'keyword', detail: keywords.join(', ') });

  if (isPublic) {
    const topics = matchingTags(ticket.tags, policy.publicReplyTags);
    if (topics.length > 0) reasons.push({ code: 'public_topic', detail: topics.join(', ') });
  }

  if (policy.freeTextNeedsApproval) {
    if (!reply.answer) reasons.push({ code: 'free_text' });
    else if (reply.answer.edited) reasons.push({ code: 'answer_edited' });
  }

  const reserve = policy.electoralReserve;
  if (isPublic && reserve) {
    const today = parisDay(now);
    if (reserve.from <= today && today <= reserve.to) {
      reasons.push({ code: 'electoral_reserve', detail: `${reserve.from} → ${reserve.to}` });
    }
  }
  return reasons;
}

/** The tags of `tags` that are in `watched`, compared without case or accents, as written in `tags`. */
function matchingTags(tags: readonly string[], watched: readonly string[]): string[] {
  const wanted = new Set(watched.map(normalizeFrench).filter((w) => w !== ''));
  return [...new Set(tags.filter((tag) => wanted.has(normalizeFrench(tag))))];
}

/** The keywords (as configured) found as whole words in any of the texts. */
function matchingKeywords(texts: readonly string[], keywords: readonly string[]): string[] {
  if (keywords.length === 0) return [];
  const words = texts.map(matchingWords);
  return keywords.filter((keyword) => {
    const phrase = compilePhrase(keyword);
    return phrase.length > 0 && words.some((w) => containsPhrase(w, phrase));
  });
}
