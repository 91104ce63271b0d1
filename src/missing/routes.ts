/**
 * Missing children pages: record an episode for a child, the episode with its return, grade change and return
 * home interview forms, the interviews due and overdue, and placements with their episodes. Every page that
 * shows or changes personal data writes exactly one audit event (the service's, or the route's declared one).
 *
 * Placements need case:read: their pages name children and their CSE risk levels, and people are visible only
 * to case readers (analysts hold analysis:read, which the person's row-level security does not admit).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { openPerson } from '../people/service.ts';
import type { Permission } from '../platform/access/permissions.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { type DateParts, datePartsFrom, instantFrom, wallClockOf } from '../platform/forms/date-parts.ts';
import { type FieldError, ValidationError } from '../platform/http/errors.ts';
import { codeList, EPISODE_TYPE_LABELS, FROM_KIND_LABELS, labelOf, RISK_GRADE_LABELS } from './codes.ts';
import type { EpisodeInput, InterviewInput } from './service.ts';
import * as service from './service.ts';
import * as store from './store.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

type Params = { Params: { id: string } };

interface When {
  date: DateParts;
  time: string;
}

const emptyWhen = (): When => ({ date: { day: '', month: '', year: '' }, time: '' });

function whenFrom(body: unknown, prefix: string): When {
  return { date: datePartsFrom(body, prefix), time: formText(body, `${prefix}Time`, 10).trim() };
}

function instantOf(when: When): string {
  if (!when.date.day && !when.date.month && !when.date.year && !when.time) return '';
  return instantFrom(when.date, when.time) || 'invalid';
}

/** The form's anchors for the service's field names. */
const ANCHORS: Record<string, string> = {
  reportedAt: 'reported-day',
  lastSeenAt: 'lastSeen-day',
  returnedAt: 'returned-day',
  'returned.foundWhere': 'foundWhere',
  'returned.foundPostcode': 'foundPostcode',
  'from.kind': 'fromKind',
  'from.placement': 'placementId',
  'from.postcode': 'fromPostcode',
  offeredAt: 'offered-day',
  respondedAt: 'responded-day',
  completedAt: 'completed-day',
};

function anchorOf(field: string): string {
  if (ANCHORS[field]) return ANCHORS[field];
  if (/withPeople\.\d+\.personId$/.test(field)) return 'withPersonId';
  if (/withPeople\.\d+\.relation$/.test(field)) return 'withRelation';
  return field;
}

function errorsView(errors: FieldError[]) {
  const fieldErrors: Record<string, { text: string }> = {};
  for (const e of errors) fieldErrors[anchorOf(e.field)] ??= { text: e.message };
  return { errorList: errors.map((e) => ({ text: e.message, href: `#${anchorOf(e.field)}` })), fieldErrors };
}

const items = (list: { code: string; label: string }[], selected: string) =>
  list.map((c) => ({
    value: c.code,
    text: c.label,
    checked: c.code === selected,
    selected: c.code === selected,
  }));

const nameOf = (p: { forename: string | null; surname: string | null }) =>
  [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known';

// ---------------------------------------------------------------- new episode form

interface EpisodeForm {
  type: string;
  fromKind: string;
  placementId: string;
  fromPostcode: string;
  reported: When;
  lastSeen: When;
  reportedBy: string;
  reporterName: string;
  riskGrade: string;
  circumstances: string;
  exploitationSuspected: string;
  externalRef: string;
  returnedNow: string;
  returned: When;
  foundWhere: string;
  foundPostcode: string;
  withPersonId: string;
  withRelation: string;
}

function blankEpisodeForm(now: Date): EpisodeForm {
  const clock = wallClockOf(now);
  return {
    type: '',
    fromKind: '',
    placementId: '',
    fromPostcode: '',
    reported: { date: clock.date, time: clock.time },
    lastSeen: emptyWhen(),
    reportedBy: '',
    reporterName: '',
    riskGrade: '',
    circumstances: '',
    exploitationSuspected: '',
    externalRef: '',
    returnedNow: '',
    returned: emptyWhen(),
    foundWhere: '',
    foundPostcode: '',
    withPersonId: '',
    withRelation: '',
  };
}

function episodeFormFrom(body: unknown): EpisodeForm {
  const text = (name: string, max = 500) => formText(body, name, max).trim();
  return {
    type: text('type', 60),
    fromKind: text('fromKind', 20),
    placementId: text('placementId', 40),
    fromPostcode: text('fromPostcode', 12),
    reported: whenFrom(body, 'reported'),
    lastSeen: whenFrom(body, 'lastSeen'),
    reportedBy: text('reportedBy', 201),
    reporterName: text('reporterName', 201),
    riskGrade: text('riskGrade', 30),
    circumstances: formText(body, 'circumstances', 10_001).trim(),
    exploitationSuspected: text('exploitationSuspected', 5),
    externalRef: text('externalRef', 61),
    returnedNow: text('returnedNow', 5),
    returned: whenFrom(body, 'returned'),
    foundWhere: text('foundWhere', 501),
    foundPostcode: text('foundPostcode', 12),
    withPersonId: text('withPersonId', 40),
    withRelation: text('withRelation', 201),
  };
}

function returnInputOf(values: {
  returned: When;
  foundWhere: string;
  foundPostcode: string;
  withPersonId: string;
  withRelation: string;
}) {
  return {
    returnedAt: instantOf(values.returned),
    foundWhere: values.foundWhere,
    foundPostcode: values.foundPostcode || null,
    withPeople: values.withPersonId ? [{ personId: values.withPersonId, relation: values.withRelation }] : [],
  };
}

function episodeInputOf(personId: string, v: EpisodeForm): EpisodeInput {
  return {
    personId,
    type: v.type,
    from: {
      kind: v.fromKind,
      placementId: v.fromKind === 'PLACEMENT' ? v.placementId || null : null,
      postcode: v.fromPostcode || null,
    },
    reportedAt: instantOf(v.reported),
    reportedBy: v.reportedBy,
    reporterName: v.reporterName || null,
    lastSeenAt: instantOf(v.lastSeen) || null,
    riskGrade: v.riskGrade,
    circumstances: v.circumstances || null,
    exploitationSuspected: v.exploitationSuspected === 'yes',
    externalRef: v.externalRef || null,
    returned: v.returnedNow === 'yes' ? returnInputOf(v) : null,
  };
}

async function placementItems(tx: Tx, selected: string) {
  const placements = await store.allPlacements(tx);
  return [
    { value: '', text: 'Choose a placement' },
    ...placements.map((p) => ({
      value: p.id,
      text: `${p.name} (${p.code})`,
      selected: p.id === selected,
    })),
  ];
}

// ---------------------------------------------------------------- the episode page's forms

interface ReturnForm {
  returned: When;
  foundWhere: string;
  foundPostcode: string;
  withPersonId: string;
  withRelation: string;
}

interface GradeForm {
  riskGrade: string;
  rationale: string;
}

interface InterviewForm {
  offered: string;
  offered_: When;
  notOfferedReason: string;
  response: string;
  responded: When;
  completed: When;
  byAgencyId: string;
  byName: string;
  disclosures: string;
}

function interviewFormFrom(body: unknown): InterviewForm {
  return {
    offered: formText(body, 'offered', 5),
    offered_: whenFrom(body, 'offered'),
    notOfferedReason: formText(body, 'notOfferedReason', 2001).trim(),
    response: formText(body, 'response', 10),
    responded: whenFrom(body, 'responded'),
    completed: whenFrom(body, 'completed'),
    byAgencyId: formText(body, 'byAgencyId', 40).trim(),
    byName: formText(body, 'byName', 201).trim(),
    disclosures: formText(body, 'disclosures', 10_001).trim(),
  };
}

function interviewInputOf(v: InterviewForm): InterviewInput {
  return {
    offered: v.offered !== 'no',
    offeredAt: instantOf(v.offered_) || null,
    notOfferedReason: v.notOfferedReason || null,
    response: v.response || null,
    respondedAt: instantOf(v.responded) || null,
    completedAt: instantOf(v.completed) || null,
    byAgencyId: v.byAgencyId || null,
    byName: v.byName || null,
    disclosures: v.disclosures || null,
  };
}

const STATUS_LABELS: Record<string, string> = {
  DUE: 'Due',
  OVERDUE: 'Overdue',
  COMPLETED_IN_TIME: 'Completed within 72 hours',
  COMPLETED_LATE: 'Completed late',
  DECLINED: 'Declined by the child',
  NOT_OFFERED: 'Not offered',
};

export async function missingPageRoutes(app: FastifyInstance): Promise<void> {
  const rule = () => service.repeatMissingRuleOf(app.config);

  // ------------------------------------------------ record an episode
  const renderNew = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    values: EpisodeForm | null,
    errors: FieldError[] = [],
  ) => {
    const data = await request.tx(async (tx) => {
      const person = await openPerson(tx, request.principal, request.params.id);
      const v = values ?? blankEpisodeForm(new Date());
      const placements = await placementItems(tx, v.placementId);
      await request.audit(tx, {
        action: 'MISSING_EPISODE_FORM_VIEW',
        subjectType: 'person',
        subjectId: person.id,
      });
      return { person, v, placements };
    });
    return reply.page(
      'missing/views/episode-form.njk',
      {
        title: `Record a missing episode for ${nameOf(data.person)}`,
        person: { id: data.person.id, name: nameOf(data.person) },
        values: data.v,
        typeItems: items(codeList(EPISODE_TYPE_LABELS), data.v.type),
        fromItems: items(codeList(FROM_KIND_LABELS), data.v.fromKind),
        gradeItems: items(codeList(RISK_GRADE_LABELS), data.v.riskGrade),
        placementItems: data.placements,
        ...errorsView(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<Params>(
    '/people/:id/missing/new',
    page('case:work', 'MISSING_EPISODE_FORM_VIEW'),
    (request, reply) => renderNew(request, reply, null),
  );

  app.post<Params>(
    '/people/:id/missing',
    page('case:work', 'MISSING_EPISODE_CREATE'),
    async (request, reply) => {
      const values = episodeFormFrom(request.body);
      try {
        const created = await request.tx((tx) =>
          service.recordEpisode(tx, request.principal, episodeInputOf(request.params.id, values), {
            rule: rule(),
            source: 'form',
          }),
        );
        const notice = created.mashTaskId ? 'repeat' : 'recorded';
        return reply.redirect(`/missing/episodes/${created.id}?notice=${notice}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderNew(
          request,
          reply,
          values,
          error.details.length ? error.details : [{ field: 'type', message: error.message }],
        );
      }
    },
  );

  // ------------------------------------------------ one episode
  const renderEpisode = async (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    forms: { return?: ReturnForm; grade?: GradeForm; interview?: InterviewForm } = {},
    errors: FieldError[] = [],
  ) => {
    // viewEpisode writes the MISSING_EPISODE_VIEW event (a failed form's re-render is a view too).
    const data = await request.tx(async (tx) => {
      const view = await service.viewEpisode(tx, request.params.id);
      const agencies = await tx.query<{ id: string; name: string }>(
        "SELECT id, name FROM agency WHERE type <> 'POLICE' ORDER BY name",
      );
      return { ...view, agencies };
    });
    const e = data.episode;
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    const interview = forms.interview ?? {
      offered: '',
      offered_: emptyWhen(),
      notOfferedReason: '',
      response: '',
      responded: emptyWhen(),
      completed: emptyWhen(),
      byAgencyId: '',
      byName: '',
      disclosures: '',
    };
    return reply.page(
      'missing/views/episode.njk',
      {
        title: `Missing episode: ${nameOf({ forename: e.child_forename, surname: e.child_surname })}`,
        episode: e,
        childName: nameOf({ forename: e.child_forename, surname: e.child_surname }),
        labels: {
          type: labelOf(EPISODE_TYPE_LABELS, e.type),
          from: labelOf(FROM_KIND_LABELS, e.from_kind),
          grade: labelOf(RISK_GRADE_LABELS, e.risk_grade),
          initialGrade: labelOf(RISK_GRADE_LABELS, e.initial_risk_grade),
        },
        grades: data.grades.map((g) => ({
          ...g,
          fromLabel: labelOf(RISK_GRADE_LABELS, g.from_grade),
          toLabel: labelOf(RISK_GRADE_LABELS, g.to_grade),
        })),
        people: data.people.map((p) => ({ ...p, name: nameOf(p) })),
        interview: data.interview,
        interviewState: data.interviewState
          ? { ...data.interviewState, label: STATUS_LABELS[data.interviewState.status] }
          : null,
        notice:
          notice === 'repeat'
            ? 'Episode recorded. The child is now repeat missing: a strategy discussion task was sent to the MASH.'
            : notice === 'recorded'
              ? 'Episode recorded'
              : notice === 'saved'
                ? 'Saved'
                : null,
        returnValues: forms.return ?? {
          returned: emptyWhen(),
          foundWhere: '',
          foundPostcode: '',
          withPersonId: '',
          withRelation: '',
        },
        gradeValues: forms.grade ?? { riskGrade: '', rationale: '' },
        gradeItems: items(
          codeList(RISK_GRADE_LABELS).filter((g) => g.code !== e.risk_grade),
          forms.grade?.riskGrade ?? '',
        ),
        interviewValues: interview,
        offeredItems: [
          { value: 'yes', text: 'Yes, an interview was offered', checked: interview.offered === 'yes' },
          {
            value: 'no',
            text: 'No, a decision was made not to offer one',
            checked: interview.offered === 'no',
          },
        ],
        responseItems: [
          { value: '', text: 'No answer yet', checked: interview.response === '' },
          { value: 'ACCEPTED', text: 'Accepted', checked: interview.response === 'ACCEPTED' },
          { value: 'DECLINED', text: 'Declined', checked: interview.response === 'DECLINED' },
        ],
        agencyItems: [
          { value: '', text: 'Choose the independent agency' },
          ...data.agencies.map((a) => ({
            value: a.id,
            text: a.name,
            selected: a.id === interview.byAgencyId,
          })),
        ],
        ...errorsView(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<Params>('/missing/episodes/:id', page('case:read', 'MISSING_EPISODE_VIEW'), (request, reply) =>
    renderEpisode(request, reply),
  );

  app.post<Params>(
    '/missing/episodes/:id/return',
    page('case:work', 'MISSING_RETURN'),
    async (request, reply) => {
      const text = (name: string, max: number) => formText(request.body, name, max).trim();
      const values: ReturnForm = {
        returned: whenFrom(request.body, 'returned'),
        foundWhere: text('foundWhere', 501),
        foundPostcode: text('foundPostcode', 12),
        withPersonId: text('withPersonId', 40),
        withRelation: text('withRelation', 201),
      };
      try {
        await request.tx((tx) =>
          service.recordReturn(tx, request.principal, request.params.id, returnInputOf(values), {
            rule: rule(),
          }),
        );
        return reply.redirect(`/missing/episodes/${request.params.id}?notice=saved`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderEpisode(request, reply, { return: values }, error.details);
      }
    },
  );

  app.post<Params>(
    '/missing/episodes/:id/risk-grade',
    page('case:work', 'MISSING_GRADE_CHANGE'),
    async (request, reply) => {
      const values: GradeForm = {
        riskGrade: formText(request.body, 'riskGrade', 30),
        rationale: formText(request.body, 'rationale', 5001).trim(),
      };
      try {
        await request.tx((tx) => service.changeRiskGrade(tx, request.principal, request.params.id, values));
        return reply.redirect(`/missing/episodes/${request.params.id}?notice=saved`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderEpisode(request, reply, { grade: values }, error.details);
      }
    },
  );

  app.post<Params>(
    '/missing/episodes/:id/return-home-interview',
    page('case:work', 'RHI_RECORD'),
    async (request, reply) => {
      const values = interviewFormFrom(request.body);
      try {
        await request.tx((tx) =>
          service.recordReturnHomeInterview(
            tx,
            request.principal,
            request.params.id,
            interviewInputOf(values),
          ),
        );
        return reply.redirect(`/missing/episodes/${request.params.id}?notice=saved`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderEpisode(request, reply, { interview: values }, error.details);
      }
    },
  );

  // ------------------------------------------------ lists
  app.get('/missing/rhi-due', page('case:read', 'RHI_DUE_LIST_VIEW'), async (request, reply) => {
    const due = await request.tx((tx) => service.rhiDueList(tx));
    return reply.page('missing/views/rhi-due.njk', {
      title: 'Return home interviews due',
      due: due.map((d) => ({ ...d, statusLabel: STATUS_LABELS[d.status] })),
      overdue: due.filter((d) => d.status === 'OVERDUE').length,
    });
  });

  app.get('/placements', page('case:read', 'PLACEMENT_LIST_VIEW'), async (request, reply) => {
    const view = await request.tx((tx) => service.placementsView(tx));
    return reply.page('missing/views/placements.njk', { title: 'Placements', ...view });
  });

  app.get<Params>('/placements/:id', page('case:read', 'PLACEMENT_VIEW'), async (request, reply) => {
    const view = await request.tx((tx) => service.placementView(tx, request.params.id));
    return reply.page('missing/views/placement.njk', {
      title: view.placement.name,
      ...view,
      children: view.children.map((c) => ({ ...c, name: nameOf(c) })),
      episodes: view.episodes.map((e) => ({
        ...e,
        childName: nameOf({ forename: e.child_forename, surname: e.child_surname }),
        typeLabel: labelOf(EPISODE_TYPE_LABELS, e.type),
        gradeLabel: labelOf(RISK_GRADE_LABELS, e.risk_grade),
      })),
    });
  });
}
