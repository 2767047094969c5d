import type { FakeRequest } from './http';

/** A failure ordered by a test or the demo: the next matching requests answer it instead of succeeding. */
export interface FakeFailure {
  /** HTTP status; the platform's usual error body for it when `body` is absent. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Do the work (post the reply), then answer the error: a call that succeeded but whose answer was lost. */
  afterPosting?: boolean;
  /** Never answer: the client's timeout fires (or the fake is stopped). */
  hang?: boolean;
  /** Only requests with this method (default: any). */
  method?: 'GET' | 'POST';
  /** Only requests whose path matches (default: any). */
  path?: RegExp;
}

/** The failures queued for one platform, consumed in order by the requests they match. */
export class FailureQueue {
  private readonly queue: FakeFailure[] = [];

  add(failure: FakeFailure, count = 1): void {
    for (let i = 0; i < count; i++) this.queue.push(failure);
  }

  /** The first queued failure this request matches, removed from the queue. */
  take(req: Pick<FakeRequest, 'method' | 'url'>): FakeFailure | null {
    const index = this.queue.findIndex(
      (f) => (!f.method || f.method === req.method) && (!f.path || f.path.test(req.url.pathname)),
    );
    if (index < 0) return null;
    return this.queue.splice(index, 1)[0] ?? null;
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
