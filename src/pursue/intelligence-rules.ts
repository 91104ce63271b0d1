/**
 * Intelligence from partners, pure: the submission form and the police evaluation (3x5x2), read as typed
 * and checked. Errors name the field and come in the form's order.
 */
import { isCode } from '../platform/codes/code-list.ts';
import { formText } from '../platform/forms/body.ts';
import { checkDateField } from '../platform/forms/date-field.ts';
import { blankDate, type DateParts, datePartsFrom } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { HANDLING_CODES, INTELLIGENCE_GRADES, SOURCE_GRADES } from './codes.ts';
import type { Checked } from './rules.ts';

export interface IntelligenceForm {
  about: string;
  what: string;
  whereSeen: string;
  seenOn: DateParts;
  vehicles: string;
  phones: string;
  handles: string;
}

export interface IntelligenceInput {
  about: string;
  what: string;
  whereSeen: string | null;
  seenOn: string | null;
  vehicles: string | null;
  phones: string | null;
  handles: string | null;
}

const LIMITS = {
  about: 2000,
  what: 4000,
  whereSeen: 1000,
  vehicles: 1000,
  phones: 1000,
  handles: 1000,
} as const;
const NAMES: Record<keyof typeof LIMITS, string> = {
  about: 'Who it is about',
  what: 'What you know',
  whereSeen: 'Where',
  vehicles: 'Vehicles',
  phones: 'Phone numbers',
  handles: 'Online names and handles',
};

export function blankIntelligenceForm(): IntelligenceForm {
  return { about: '', what: '', whereSeen: '', seenOn: blankDate(), vehicles: '', phones: '', handles: '' };
}

export function intelligenceFormFrom(body: unknown): IntelligenceForm {
  const text = (name: keyof typeof LIMITS) => formText(body, name, LIMITS[name] + 1).trim();
  return {
    about: text('about'),
    what: text('what'),
    whereSeen: text('whereSeen'),
    seenOn: datePartsFrom(body, 'seenOn'),
    vehicles: text('vehicles'),
    phones: text('phones'),
    handles: text('handles'),
  };
}

function tooLong(form: Record<keyof typeof LIMITS, string>, errors: FieldError[]) {
  for (const field of Object.keys(LIMITS) as (keyof typeof LIMITS)[])
    if (form[field].length > LIMITS[field])
      errors.push({
        field,
        message: `${NAMES[field]} must be ${LIMITS[field].toLocaleString('en-GB')} characters or fewer`,
      });
}

export function validateIntelligence(form: IntelligenceForm, now: Date): Checked<IntelligenceInput> {
  const errors: FieldError[] = [];
  if (!form.about) errors.push({ field: 'about', message: 'Enter who it is about' });
  if (!form.what) errors.push({ field: 'what', message: 'Enter what you know' });
  const seenOn = checkDateField(
    form.seenOn,
    { field: 'seenOn', label: 'The date', required: false, notAfter: formatLocalDate(toLocalDate(now)) },
    errors,
  );
  tooLong(form, errors);
  const order = ['about', 'what', 'whereSeen', 'seenOn', 'vehicles', 'phones', 'handles'];
  errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  if (errors.length) return { input: null, errors };
  const orNull = (v: string) => v || null;
  return {
    input: {
      about: form.about,
      what: form.what,
      whereSeen: orNull(form.whereSeen),
      seenOn,
      vehicles: orNull(form.vehicles),
      phones: orNull(form.phones),
      handles: orNull(form.handles),
    },
    errors: [],
  };
}

export interface EvaluationForm {
  sourceGrade: string;
  intelligenceGrade: string;
  handlingCode: string;
  handlingConditions: string;
  sanitised: string;
  feedback: string;
}

export interface EvaluationInput {
  sourceGrade: string;
  intelligenceGrade: string;
  handlingCode: string;
  handlingConditions: string | null;
  sanitised: string;
  feedback: string | null;
}

export function blankEvaluationForm(): EvaluationForm {
  return {
    sourceGrade: '',
    intelligenceGrade: '',
    handlingCode: '',
    handlingConditions: '',
    sanitised: '',
    feedback: '',
  };
}

export function evaluationFormFrom(body: unknown): EvaluationForm {
  const text = (name: string, max: number) => formText(body, name, max + 1).trim();
  return {
    sourceGrade: text('sourceGrade', 5),
    intelligenceGrade: text('intelligenceGrade', 5),
    handlingCode: text('handlingCode', 5),
    handlingConditions: text('handlingConditions', 2000),
    sanitised: text('sanitised', 4000),
    feedback: text('feedback', 4000),
  };
}

/** The 3x5x2 grades, a code P or C (C with its conditions), the sanitised text; feedback optional. */
export function validateEvaluation(form: EvaluationForm): Checked<EvaluationInput> {
  const errors: FieldError[] = [];
  if (!isCode(SOURCE_GRADES, form.sourceGrade))
    errors.push({ field: 'sourceGrade', message: 'Select the source evaluation, 1 to 3' });
  if (!isCode(INTELLIGENCE_GRADES, form.intelligenceGrade))
    errors.push({ field: 'intelligenceGrade', message: 'Select the intelligence assessment, A to E' });
  if (!isCode(HANDLING_CODES, form.handlingCode))
    errors.push({ field: 'handlingCode', message: 'Select the handling code, P or C' });
  if (form.handlingCode === 'C' && !form.handlingConditions)
    errors.push({
      field: 'handlingConditions',
      message: 'Enter the conditions of sharing for handling code C',
    });
  if (form.handlingConditions.length > 2000)
    errors.push({ field: 'handlingConditions', message: 'The conditions must be 2,000 characters or fewer' });
  if (!form.sanitised)
    errors.push({ field: 'sanitised', message: 'Enter the sanitised version for sharing' });
  else if (form.sanitised.length > 4000)
    errors.push({ field: 'sanitised', message: 'The sanitised version must be 4,000 characters or fewer' });
  if (form.feedback.length > 4000)
    errors.push({ field: 'feedback', message: 'The feedback must be 4,000 characters or fewer' });
  if (errors.length) return { input: null, errors };
  return {
    input: {
      sourceGrade: form.sourceGrade,
      intelligenceGrade: form.intelligenceGrade,
      handlingCode: form.handlingCode,
      handlingConditions: form.handlingCode === 'C' ? form.handlingConditions : null,
      sanitised: form.sanitised,
      feedback: form.feedback || null,
    },
    errors: [],
  };
}
