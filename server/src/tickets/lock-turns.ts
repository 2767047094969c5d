/** A place in line: `ready` resolves once every earlier turn is `done`. */
export interface Turn {
  ready: Promise<void>;
  /** Ends the turn (idempotent): the next one may go. */
  done(): void;
}

/**
 * Hands out turns in call order. Ingestion takes one per batch when the batch is formed, and takes its
 * threads' locks in its turn: two batches of one process in flight at once lock a thread in the
 * order they were formed, so a thread's messages are stored in the order they arrived.
 */
export class LockTurns {
  private last: Promise<void> = Promise.resolve();

  take(): Turn {
    const ready = this.last;
    let done!: () => void;
    this.last = new Promise<void>((resolve) => (done = resolve));
    return { ready, done };
  }
}
