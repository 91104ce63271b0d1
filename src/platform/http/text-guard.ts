/**
 * Refuses, before any handler runs, text that cannot be stored exactly (NUL, unpaired surrogates) in a
 * body, query string or path parameter: a field-level 400 that changes nothing, instead of a database
 * error (a 500 whose context could carry personal data into the log) or a silently altered value that
 * would break the audit chain. Accepted text loses any leading byte-order mark (see storable.ts).
 */
import type { FastifyInstance } from 'fastify';
import { findUnstorableText, normalisedText } from '../text/storable.ts';
import { ValidationError } from './errors.ts';

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      findUnstorableText(request.params, 'params') ??
      findUnstorableText(request.query, 'query') ??
      findUnstorableText(request.body);
    if (found) {
      throw new ValidationError(
        [{ field: found.field, message: `${found.field} ${found.reason}` }],
        `The field “${found.field}” ${found.reason}: remove it and try again`,
      );
    }
    if (request.body !== undefined) request.body = normalisedText(request.body);
    request.query = normalisedText(request.query);
  });
}
