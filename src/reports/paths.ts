/** The briefing's URLs: the page, its downloads and the API, built in one place. */
import { type BriefingRequest, queryStringOf } from './request.ts';

export const BRIEFING_PAGE_PATH = '/reports/briefing';
export const BRIEFING_EXPORT_PATH = '/reports/briefing/export';
export const BRIEFING_API_PATH = '/api/v1/reports/briefing';

/** The download of the briefing asked for, in one export format. */
export function briefingExportPath(request: BriefingRequest, format: string): string {
  return `${BRIEFING_EXPORT_PATH}?${queryStringOf(request, { format })}`;
}
