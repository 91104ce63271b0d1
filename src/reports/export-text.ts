/** The words every briefing file opens with: the marking, the title, the period, the scope and the mode. */
import { areaLabel, divisionLabel } from '../platform/codes/areas.ts';
import type { Briefing } from './briefing.ts';
import { describeDisclosure } from './joint-suppression.ts';
import { describePeriod } from './period.ts';
import { describeRevision } from './revision.ts';

export const MARKING = 'OFFICIAL-SENSITIVE';

export function describeScope(b: Briefing): string {
  if (b.scope.division) return `Police ${divisionLabel(b.scope.division)}`;
  if (b.scope.area) return `Safeguarding area ${areaLabel(b.scope.area)}`;
  return 'The whole partnership';
}

export function preamble(b: Briefing): string[][] {
  return [
    [MARKING],
    ['Lantern partnership briefing: child sexual exploitation'],
    [`Period: ${describePeriod(b.period)} (previous: ${describePeriod(b.previousPeriod)})`],
    [`Scope: ${describeScope(b)}`],
    [
      b.mode === 'published'
        ? 'Published figures: counts from 1 to 5 and the cells that would reveal them are shown as c; shares are percentages to one decimal place.'
        : 'Operational figures: exact counts, not for publication.',
    ],
    ...(b.disclosure ? [[describeDisclosure(b.disclosure)]] : []),
    ...(b.revision ? [[describeRevision(b.revision)]] : []),
  ];
}

/** The briefing's file formats (here, apart from the writers: naming them loads no spreadsheet or PDF library). */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
