/** The state the fake Mastodon instance keeps. */

export interface MastodonAccount {
  id: string;
  username: string;
  /** `username` for the instance's own accounts, `username@domain` for remote ones. */
  acct: string;
  displayName: string;
  url: string;
}

export interface MastodonStatus {
  id: string;
  account: MastodonAccount;
  /** What the author typed; `content` is its HTML rendering. */
  text: string;
  content: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  mentions: MastodonAccount[];
  spoilerText: string;
  createdAt: number;
}
