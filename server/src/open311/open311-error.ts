/** The statuses the GeoReport v2 API answers with, and the one error shape it uses. */
export type Open311Status = 400 | 403 | 404 | 422 | 429 | 500;

export interface GeoReportError {
  code: number;
  description: string;
}

/** A refusal of the Open311 API; the filter turns it into `[{ code, description }, …]`, one per problem. */
export class Open311Error extends Error {
  readonly descriptions: string[];

  constructor(
    readonly status: Open311Status,
    descriptions: string | string[],
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : descriptions;
    super(list.join('; '));
    this.name = 'Open311Error';
    this.descriptions = list;
  }
}

/** A bad or missing field: the description starts with the field's name, as clients show it. */
export const fieldProblem = (field: string, problem: string): string => `${field} : ${problem}`;

export const badField = (field: string, problem: string): Open311Error =>
  new Open311Error(400, fieldProblem(field, problem));
