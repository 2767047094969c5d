import type { FailureQueue } from './failures';
import type { FakeReply, FakeRequest } from './http';

/** One platform's part of the fake server. */
export interface PlatformFake {
  readonly name: 'meta' | 'mastodon' | 'x';
  /** Failures ordered for this platform's next requests. */
  readonly failures: FailureQueue;
  /** Whether this platform serves the path (`/v23.0/…`, `/api/v1/…`, `/2/…`). */
  owns(path: string): boolean;
  handle(req: FakeRequest, origin: string): FakeReply;
  /** The platform's own error answer for a commanded failure. */
  failureReply(status: number, body: unknown, headers: Record<string, string>): FakeReply;
  reset(): void;
}
