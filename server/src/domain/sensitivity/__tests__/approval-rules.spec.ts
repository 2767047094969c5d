import type { ApprovalPolicy } from '@guichet/shared';
import {
  approvalReasons,
  DEFAULT_APPROVAL_POLICY,
  parisDay,
  validateApprovalPolicy,
  type ReplyUnderReview,
  type TicketUnderReview,
} from '..';

const NOW = new Date('2026-03-10T10:00:00Z');
const reply = (over: Partial<ReplyUnderReview> = {}): ReplyUnderReview => ({
  direction: 'outbound',
  audience: 'public',
  body: 'Bonjour, une équipe passe demain.',
  answer: null,
  ...over,
});
const ticket = (over: Partial<TicketUnderReview> = {}): TicketUnderReview => ({
  sensitive: false,
  tags: [],
  contactTags: [],
  inboundTexts: ['Un lampadaire est cassé rue des Tilleuls'],
  ...over,
});
const policy = (over: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  ...DEFAULT_APPROVAL_POLICY,
  ...over,
});
const codes = (r: ReplyUnderReview, t: TicketUnderReview, p: ApprovalPolicy, now = NOW) =>
  approvalReasons(r, t, p, now).map((reason) => reason.code);

describe('approvalReasons', () => {
  it('lets an ordinary reply go under the default policy', () => {
    expect(approvalReasons(reply(), ticket(), policy(), NOW)).toEqual([]);
  });

  it('holds every reply on a ticket a routing rule flagged sensitive, public or private', () => {
    expect(codes(reply(), ticket({ sensitive: true }), policy())).toEqual(['sensitive_ticket']);
    expect(codes(reply({ audience: 'private' }), ticket({ sensitive: true }), policy())).toEqual([
      'sensitive_ticket',
    ]);
  });

  it('holds replies to a contact tagged press or elected official, without case or accents', () => {
    expect(approvalReasons(reply(), ticket({ contactTags: ['riverain', 'ELU'] }), policy(), NOW)).toEqual([
      { code: 'sensitive_contact', detail: 'ELU' },
    ]);
    expect(codes(reply(), ticket({ contactTags: ['Presse'] }), policy())).toEqual(['sensitive_contact']);
    expect(codes(reply(), ticket({ contactTags: ['riverain'] }), policy())).toEqual([]);
  });

  it('finds a keyword as whole words in the reply or the citizen text, accents and case ignored', () => {
    const p = policy({ keywords: ['plainte', 'élection*', 'conseil municipal'] });
    expect(approvalReasons(reply({ body: 'Votre PLAINTE est notée' }), ticket(), p, NOW)).toEqual([
      { code: 'keyword', detail: 'plainte' },
    ]);
    expect(codes(reply(), ticket({ inboundTexts: ['Et les ELECTIONS municipales ?'] }), p)).toEqual([
      'keyword',
    ]);
    expect(
      approvalReasons(reply({ body: 'Au Conseil-Municipal de lundi' }), ticket(), p, NOW)[0]?.detail,
    ).toBe('conseil municipal');
    // « plaintes » is another word; « complainte » contains it but is not it.
    expect(codes(reply({ body: 'Une complainte, des plaintes' }), ticket(), p)).toEqual([]);
  });

  it('holds a public reply on a watched topic, not a private one', () => {
    const p = policy({ publicReplyTags: ['Urbanisme'] });
    expect(approvalReasons(reply(), ticket({ tags: ['urbanisme'] }), p, NOW)).toEqual([
      { code: 'public_topic', detail: 'urbanisme' },
    ]);
    expect(codes(reply({ audience: 'private' }), ticket({ tags: ['urbanisme'] }), p)).toEqual([]);
  });

  it('holds free text and edited answers only when the policy says so', () => {
    const on = policy({ freeTextNeedsApproval: true });
    expect(codes(reply(), ticket(), on)).toEqual(['free_text']);
    expect(codes(reply({ answer: { edited: true } }), ticket(), on)).toEqual(['answer_edited']);
    expect(codes(reply({ answer: { edited: false } }), ticket(), on)).toEqual([]);
    expect(codes(reply(), ticket(), policy())).toEqual([]);
  });

  it('holds every public reply during the electoral reserve, judged on the Paris day', () => {
    const p = policy({ electoralReserve: { from: '2026-03-01', to: '2026-03-10' } });
    expect(approvalReasons(reply(), ticket(), p, NOW)).toEqual([
      { code: 'electoral_reserve', detail: '2026-03-01 → 2026-03-10' },
    ]);
    expect(codes(reply({ audience: 'private' }), ticket(), p)).toEqual([]);
    // 23:30 UTC on 10 March is already 11 March in Paris (UTC+1): the period is over.
    expect(codes(reply(), ticket(), p, new Date('2026-03-10T23:30:00Z'))).toEqual([]);
    // 23:30 UTC on 28 February is 1 March in Paris: it has begun.
    expect(codes(reply(), ticket(), p, new Date('2026-02-28T23:30:00Z'))).toEqual(['electoral_reserve']);
  });

  it('lists every reason at once, in a fixed order', () => {
    const p = policy({
      keywords: ['maire'],
      publicReplyTags: ['travaux'],
      freeTextNeedsApproval: true,
      electoralReserve: { from: '2026-01-01', to: '2026-12-31' },
    });
    const t = ticket({
      sensitive: true,
      tags: ['travaux'],
      contactTags: ['presse'],
      inboundTexts: ['Le maire ?'],
    });
    expect(codes(reply(), t, p)).toEqual([
      'sensitive_ticket',
      'sensitive_contact',
      'keyword',
      'public_topic',
      'free_text',
      'electoral_reserve',
    ]);
  });

  it('never holds an internal note', () => {
    const t = ticket({ sensitive: true, contactTags: ['presse'] });
    expect(codes(reply({ direction: 'internal' }), t, policy({ freeTextNeedsApproval: true }))).toEqual([]);
  });
});

describe('parisDay', () => {
  it('follows Paris time across the DST change', () => {
    expect(parisDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29'); // UTC+1
    expect(parisDay(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15'); // UTC+2
    expect(parisDay(new Date('2026-07-14T21:30:00Z'))).toBe('2026-07-14');
  });
});

describe('validateApprovalPolicy', () => {
  it('accepts the default policy', () => {
    expect(validateApprovalPolicy(DEFAULT_APPROVAL_POLICY)).toEqual([]);
  });

  it('names each unusable keyword and a period that ends before it starts', () => {
    const errors = validateApprovalPolicy(
      policy({ keywords: ['ok', '!!!', 'a*'], electoralReserve: { from: '2026-03-10', to: '2026-02-30' } }),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'keywords[1]',
      'keywords[2]',
      'electoralReserve.to',
      'electoralReserve.to',
    ]);
  });
});
