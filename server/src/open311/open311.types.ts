/** The GeoReport v2 documents this API answers with (JSON). */
export interface GeoReportService {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface GeoReportServiceDefinition {
  service_code: string;
  attributes: [];
}

/**
 * The answer to a POST. GeoReport v2 lets a server answer with a token to be exchanged later;
 * requests are created at once here, so both come together and the token is always exchangeable.
 */
export interface GeoReportCreated {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: null;
}

/** GET /tokens/{token}.json: which request a token became. */
export interface GeoReportToken {
  service_request_id: string;
  token: string;
}

/** A request as anyone may read it: never the citizen's e-mail, phone, names or device. */
export interface GeoReportRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}
