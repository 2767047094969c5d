import fc from 'fast-check';
import { roundRobin, type RoundRobinAgent } from '../round-robin.js';

const agents = (...ids: string[]): RoundRobinAgent[] =>
  ids.map((userId) => ({ userId, lastTurn: null, openTickets: 0 }));
const always = () => true;

describe('roundRobin', () => {
  it('deals in turn, never-assigned agents first, ties by id', () => {
    const rr = roundRobin(
      [
        { userId: 'c', lastTurn: 7, openTickets: 0 },
        { userId: 'b', lastTurn: null, openTickets: 0 },
        { userId: 'a', lastTurn: null, openTickets: 0 },
        { userId: 'd', lastTurn: 3, openTickets: 0 },
      ],
      null,
    );
    expect(Array.from({ length: 6 }, () => rr.next(always))).toEqual(['a', 'b', 'd', 'c', 'a', 'b']);
    expect(rr.changedTurns()).toEqual(
      new Map([
        ['a', 12],
        ['b', 13],
        ['d', 10],
        ['c', 11],
      ]),
    );
  });

  it('skips agents at the cap and agents off shift; null when nobody can take it', () => {
    const rr = roundRobin(
      [
        { userId: 'a', lastTurn: null, openTickets: 2 },
        { userId: 'b', lastTurn: null, openTickets: 0 },
        { userId: 'off', lastTurn: null, openTickets: 0 },
      ],
      2,
    );
    const onShift = (id: string) => id !== 'off';
    expect([rr.next(onShift), rr.next(onShift), rr.next(onShift)]).toEqual(['b', 'b', null]);
    expect(rr.next(always)).toBe('off');
  });

  it('resumes where the stored turns left off (a restart changes nothing)', () => {
    const first = roundRobin(agents('a', 'b', 'c'), null);
    const dealt = [first.next(always), first.next(always)];
    const stored = agents('a', 'b', 'c').map((a) => ({
      ...a,
      lastTurn: first.changedTurns().get(a.userId) ?? null,
    }));
    const second = roundRobin(stored, null);
    expect([...dealt, second.next(always), second.next(always)]).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps the spread of tickets dealt among eligible agents within one, and never exceeds the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 300 }),
        (count, cap, initialLoads, tickets) => {
          const team = Array.from({ length: count }, (_, i) => ({
            userId: `u${i}`,
            lastTurn: null,
            openTickets: cap === null ? 0 : Math.min(initialLoads[i], cap),
          }));
          const rr = roundRobin(team, cap);
          const dealt = new Map(team.map((a) => [a.userId, 0]));
          for (let i = 0; i < tickets; i++) {
            const who = rr.next(always);
            if (who === null) break;
            dealt.set(who, (dealt.get(who) ?? 0) + 1);
          }
          for (const a of team) {
            if (cap !== null) expect(a.openTickets + (dealt.get(a.userId) ?? 0)).toBeLessThanOrEqual(cap);
          }
          // Agents still under the cap got within one ticket of each other.
          const underCap = team.filter(
            (a) => cap === null || a.openTickets + (dealt.get(a.userId) ?? 0) < cap,
          );
          const counts = underCap.map((a) => dealt.get(a.userId) ?? 0);
          if (counts.length > 1) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
