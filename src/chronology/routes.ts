/**
 * The chronology's pages: a child's chronology (filtered by kind and agency through GET parameters of codes
 * and ids, never personal data), its printable page, and case notes (the form, recording, one note's page).
 * Every read runs in the viewer's transaction under row-level security and is audited.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePermission } from '../platform/access/policy.ts';
import { mayWriteCaseNotes } from '../platform/access/policy-notes.ts';
import type { ChronologySource } from '../platform/chronology/entry.ts';
import { errorsForPage, radioItems } from '../platform/forms/items.ts';
import {
  AccessDeniedError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../platform/http/errors.ts';
import { justificationErrors, justificationFrom, replyJustify } from '../platform/http/justification.ts';
import { pageRoute, recordIdOf } from '../platform/http/page-route.ts';
import { CASE_NOTE_TYPES } from './codes.ts';
import { blankNoteForm, type NoteForm, noteFormFrom } from './note-rules.ts';
import { noteToCorrect, openChildForNotes, readNote, recordNote } from './note-service.ts';
import { caseNotePath } from './paths.ts';
import { chronologyOf, filterFrom, openChild } from './service.ts';
import { chronologyView, noteView, occurredWords, personName } from './view.ts';

export interface ChronologyRouteOptions {
  sources: readonly ChronologySource[];
}

const READERS: RoutePermission = ['case:read', 'referral:read-own-agency'];

const JUSTIFY_WORDS = {
  title: 'Why are you opening this chronology?',
  warning:
    "This child's record is restricted. Only its case team may open it, and every opening is recorded with its reason.",
  label: 'Reason for opening the chronology',
  button: 'Open the chronology',
};

const page = pageRoute;

const idOf = recordIdOf;

type PersonParams = { Params: { id: string } };
type NoteParams = { Params: { id: string; noteId: string } };

export async function chronologyRoutes(app: FastifyInstance, options: ChronologyRouteOptions): Promise<void> {
  /** A restricted child: its case team says why before anything is shown (as on the person page). */
  const renderJustify = (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    text = '',
  ) =>
    // The same path and filters (codes and ids only), posted with the reason.
    replyJustify(reply, JUSTIFY_WORDS, request.url, text, errors);

  const show = (print: boolean) => async (request: FastifyRequest<PersonParams>, reply: FastifyReply) => {
    const personId = idOf(request.params.id);
    const filter = filterFrom(request.query);
    let justification: string | null = null;
    if (request.method === 'POST') {
      justification = justificationFrom(request.body);
      const errors = justificationErrors(justification, 'open this chronology');
      if (errors.length) return renderJustify(request, reply, errors, justification);
    }
    const data = await request.tx(async (tx) => {
      let person: Awaited<ReturnType<typeof openChild>>;
      try {
        person = await openChild(tx, request.principal, personId, justification);
      } catch (error) {
        if (
          error instanceof AccessDeniedError &&
          error.reason === 'JUSTIFICATION_REQUIRED' &&
          !justification
        ) {
          await request.audit(tx, {
            action: 'PERSON_JUSTIFICATION_ASKED',
            subjectType: 'person',
            subjectId: personId,
          });
          return null;
        }
        throw error;
      }
      const chronology = await chronologyOf(tx, request.principal, personId, options.sources, filter);
      await request.audit(tx, {
        subjectType: 'person',
        subjectId: personId,
        justification,
        details: {
          shown: chronology.entries.length,
          kinds: filter.groups,
          agencies: filter.agencyIds.length,
        },
      });
      return { person, chronology };
    });
    if (!data) return renderJustify(request, reply);
    const view = chronologyView(data.person, data.chronology, filter, {
      canWrite: mayWriteCaseNotes(request.principal),
      now: new Date(),
    });
    return reply.page(print ? 'chronology/views/print.njk' : 'chronology/views/chronology.njk', view);
  };

  app.get<PersonParams>('/people/:id/chronology', page(READERS, 'CHRONOLOGY_VIEW'), show(false));
  app.get<PersonParams>('/people/:id/chronology/print', page(READERS, 'CHRONOLOGY_PRINT'), show(true));
  // The same pages, opened with a justification (a restricted child's case team).
  app.post<PersonParams>('/people/:id/chronology', page(READERS, 'CHRONOLOGY_VIEW'), show(false));
  app.post<PersonParams>('/people/:id/chronology/print', page(READERS, 'CHRONOLOGY_PRINT'), show(true));

  // ------------------------------------------------ case notes

  const renderForm = async (
    request: FastifyRequest<PersonParams>,
    reply: FastifyReply,
    form: NoteForm,
    errors: FieldError[] = [],
  ) => {
    const personId = idOf(request.params.id);
    const data = await request.tx(async (tx) => {
      const person = await openChildForNotes(tx, request.principal, personId);
      const corrects = form.corrects ? await noteToCorrect(tx, personId, idOf(form.corrects)) : null;
      await request.audit(tx, { action: 'CASE_NOTE_FORM_VIEW', subjectType: 'person', subjectId: personId });
      return { person, corrects };
    });
    const name = personName(data.person);
    return reply.page(
      'chronology/views/note-form.njk',
      {
        title: data.corrects ? `Correct a case note: ${name}` : `Add a case note: ${name}`,
        personName: name,
        backHref: `/people/${personId}/chronology`,
        action: `/people/${personId}/notes`,
        form,
        typeItems: radioItems(CASE_NOTE_TYPES, form.noteType),
        corrects: data.corrects
          ? {
              words: occurredWords(data.corrects.occurred_on, data.corrects.occurred_time),
              href: caseNotePath(personId, data.corrects.id),
            }
          : null,
        ...errorsForPage(errors, { occurredOn: 'occurredOn-day' }),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<PersonParams>(
    '/people/:id/notes/new',
    page('case:work', 'CASE_NOTE_FORM_VIEW'),
    (request, reply) => {
      const corrects = (request.query as Record<string, unknown> | undefined)?.corrects;
      return renderForm(request, reply, blankNoteForm(typeof corrects === 'string' ? corrects : ''));
    },
  );

  app.post<PersonParams>(
    '/people/:id/notes',
    page('case:work', 'CASE_NOTE_CREATE'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const form = noteFormFrom(request.body);
      if (form.corrects) idOf(form.corrects);
      try {
        const id = await request.tx((tx) => recordNote(tx, request.principal, personId, form));
        return reply.redirect(caseNotePath(personId, id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderForm(request, reply, form, error.details);
      }
    },
  );

  app.get<NoteParams>(
    '/people/:id/notes/:noteId',
    page('case:read', 'CASE_NOTE_VIEW'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const noteId = idOf(request.params.noteId);
      const data = await request.tx(async (tx) => {
        const person = await openChild(tx, request.principal, personId);
        const note = await readNote(tx, personId, noteId);
        if (!note) throw new NotFoundError();
        const corrects = note.corrects_id ? await readNote(tx, personId, note.corrects_id) : null;
        await request.audit(tx, { subjectType: 'case_note', subjectId: noteId });
        return { person, note, corrects };
      });
      const note = noteView(data.note, data.corrects, { canWrite: mayWriteCaseNotes(request.principal) });
      return reply.page('chronology/views/note.njk', {
        title: `${note.type} note: ${personName(data.person)}`,
        personName: personName(data.person),
        chronologyHref: `/people/${personId}/chronology`,
        note,
      });
    },
  );
}
