/** The state the fake Graph API keeps. */

/** Someone on Meta: a citizen, or the town's Page / Instagram account. */
export interface MetaActor {
  id: string;
  name?: string;
  username?: string;
}

export type MetaPlatform = 'facebook' | 'instagram';

export interface MetaPost {
  id: string;
  platform: MetaPlatform;
  accountId: string;
  message: string;
  createdTime: number;
}

export interface MetaComment {
  id: string;
  platform: MetaPlatform;
  /** The post or media commented. */
  objectId: string;
  /** The comment this one answers (its thread), or null for a top-level comment. */
  parentId: string | null;
  from: MetaActor;
  message: string;
  createdTime: number;
}

export interface MetaDirectMessage {
  id: string;
  from: MetaActor;
  to: MetaActor;
  message: string;
  createdTime: number;
}

export interface MetaConversation {
  id: string;
  platform: 'messenger' | 'instagram';
  accountId: string;
  participant: MetaActor;
  messages: MetaDirectMessage[];
}

/** What Guichet posted (a reply under a comment, or a private message), kept for tests to inspect. */
export interface FakeGraphComment {
  id: string;
  /** The comment answered, or the account that sent the private message. */
  parentId: string;
  edge: 'comments' | 'replies' | 'messages';
  message: string;
  /** The recipient of a private message. */
  recipientId: string | null;
  messagingType: string | null;
  accessToken: string;
  createdTime: string;
}
