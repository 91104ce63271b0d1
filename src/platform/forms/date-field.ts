/**
 * One GOV.UK date input checked as a practitioner reads the message: required or optional, a real date,
 * and (when asked) not after a given day. Messages name the field by its label. Pure.
 */
import type { FieldError } from '../http/errors.ts';
import { type DateParts, isoFromParts } from './date-parts.ts';

export interface DateFieldRule {
  field: string;
  /** How the message names the field: "The start date". */
  label: string;
  required: boolean;
  /** 'YYYY-MM-DD': the latest day allowed (today, for something that has happened). */
  notAfter?: string;
}

/** Whether 'YYYY-MM-DD' names a day of the calendar (not 31 April). */
export function isRealIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The date as 'YYYY-MM-DD', or null (nothing typed, or an error pushed onto `errors`). */
export function checkDateField(parts: DateParts, rule: DateFieldRule, errors: FieldError[]): string | null {
  const iso = isoFromParts(parts);
  if (!iso) {
    if (rule.required) errors.push({ field: rule.field, message: `Enter ${lowerFirst(rule.label)}` });
    return null;
  }
  if (iso === 'invalid' || !isRealIsoDate(iso)) {
    errors.push({ field: rule.field, message: `${rule.label} must be a real date, for example 4 12 2026` });
    return null;
  }
  if (rule.notAfter && iso > rule.notAfter) {
    errors.push({ field: rule.field, message: `${rule.label} must be today or in the past` });
    return null;
  }
  return iso;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
