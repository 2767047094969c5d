/**
 * Round-robin assignment inside one service, pure: who takes the next ticket among the agents on
 * shift. Fair means least recently assigned first (an agent never assigned comes first, then ties by
 * id), and an agent holding `cap` open tickets of the service is skipped until one is closed. Turns
 * are the service's counter: the state is what is stored (each agent's last turn), so fairness
 * survives restarts and holds across instances that share it.
 */
export interface RoundRobinAgent {
  readonly userId: string;
  /** The service's turn at which they last received a ticket; null: never. */
  readonly lastTurn: number | null;
  /** Open tickets of the service they hold now. */
  readonly openTickets: number;
}

export interface RoundRobin {
  /**
   * The agent for the next ticket among those `eligible` says are on shift, or null when every one
   * is off shift or at the cap; the chosen agent's turn and open count move on.
   */
  next(eligible: (userId: string) => boolean): string | null;
  /** Agents whose turn moved, with their new last turn (what to store). */
  changedTurns(): Map<string, number>;
}

export function roundRobin(agents: readonly RoundRobinAgent[], cap: number | null): RoundRobin {
  const state = agents.map((a) => ({ ...a }));
  let turn = state.reduce((max, a) => Math.max(max, a.lastTurn ?? 0), 0);
  const changed = new Map<string, number>();
  const before = (a: (typeof state)[number], b: (typeof state)[number]): boolean => {
    const ta = a.lastTurn ?? -1;
    const tb = b.lastTurn ?? -1;
    return ta !== tb ? ta < tb : a.userId < b.userId;
  };
  return {
    next(eligible) {
      let best: (typeof state)[number] | null = null;
      for (const agent of state) {
        if (cap !== null && agent.openTickets >= cap) continue;
        if (!eligible(agent.userId)) continue;
        if (best === null || before(agent, best)) best = agent;
      }
      if (best === null) return null;
      turn += 1;
      best.lastTurn = turn;
      best.openTickets += 1;
      changed.set(best.userId, turn);
      return best.userId;
    },
    changedTurns: () => new Map(changed),
  };
}
