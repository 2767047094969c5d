/**
 * Why a calendar cannot produce an answer. Bad arguments (invalid Date, negative minutes, reversed
 * pause) are programming errors and throw a plain RangeError instead: only these codes can come from
 * what a person configured, so only they deserve a user-facing message.
 */
export type SlaCalendarErrorCode =
  /** The calendar object does not pass validateCalendar; `details` lists the fields. */
  | 'invalid_calendar'
  /** No weekday has a staffed interval: no deadline can ever be reached. */
  | 'no_staffed_time'
  /** Holidays and closures leave too little staffed time within the search horizon. */
  | 'horizon_exceeded';

export class SlaCalendarError extends Error {
  override readonly name = 'SlaCalendarError';

  constructor(
    readonly code: SlaCalendarErrorCode,
    message: string,
    readonly details: ReadonlyArray<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}
