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

export interface GeoReportCreated {
  service_request_id: string;
  service_notice: string;
  account_id: null;
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
