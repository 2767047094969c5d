import { epochDayOf } from '../civil-date.js';
import { offsetAt, wallTimeToInstant } from '../local-time.js';

const iso = (timeZone: string, date: string, hhmm: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  const [hours, minutes] = hhmm.split(':').map(Number);
  return new Date(wallTimeToInstant(timeZone, epochDayOf(y, m, d), hours * 60 + minutes)).toISOString();
};

describe('wallTimeToInstant', () => {
  it('reads ordinary wall times with the offset in force', () => {
    expect(iso('Europe/Paris', '2026-01-15', '08:30')).toBe('2026-01-15T07:30:00.000Z');
    expect(iso('Europe/Paris', '2026-07-15', '08:30')).toBe('2026-07-15T06:30:00.000Z');
    expect(iso('Pacific/Noumea', '2026-07-15', '07:30')).toBe('2026-07-14T20:30:00.000Z');
    expect(iso('UTC', '2026-07-15', '00:00')).toBe('2026-07-15T00:00:00.000Z');
  });

  it('reads 24:00 as the next midnight', () => {
    expect(iso('Europe/Paris', '2026-12-31', '24:00')).toBe('2026-12-31T23:00:00.000Z');
    expect(iso('Europe/Paris', '2026-03-28', '24:00')).toBe(iso('Europe/Paris', '2026-03-29', '00:00'));
  });

  it('moves a time skipped by spring-forward forward by the gap', () => {
    expect(iso('Europe/Paris', '2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(iso('Europe/Paris', '2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(iso('Europe/Paris', '2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('America/New_York', '2026-03-08', '02:30')).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    // Lord Howe moves by half an hour: 02:15 becomes 02:45 (+11:00).
    expect(iso('Australia/Lord_Howe', '2026-10-04', '02:15')).toBe('2026-10-03T15:45:00.000Z');
  });

  it('takes the first (summer-time) occurrence of a time repeated by fall-back', () => {
    expect(iso('Europe/Paris', '2026-10-25', '02:00')).toBe('2026-10-25T00:00:00.000Z'); // 02:00 CEST
    expect(iso('Europe/Paris', '2026-10-25', '02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(iso('Europe/Paris', '2026-10-25', '03:00')).toBe('2026-10-25T02:00:00.000Z'); // unambiguous CET
    expect(iso('America/New_York', '2026-11-01', '01:30')).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso('Australia/Lord_Howe', '2026-04-05', '01:45')).toBe('2026-04-04T14:45:00.000Z'); // +11:00
  });
});

describe('offsetAt', () => {
  it('gives the offset in milliseconds, sub-second instants included', () => {
    expect(offsetAt('Europe/Paris', Date.parse('2026-07-01T00:00:00.999Z'))).toBe(2 * 3_600_000);
    expect(offsetAt('America/St_Johns', Date.parse('2026-01-01T00:00:00Z'))).toBe(-3.5 * 3_600_000);
    expect(offsetAt('Asia/Kathmandu', Date.parse('2026-01-01T00:00:00Z'))).toBe(5.75 * 3_600_000);
  });
});
