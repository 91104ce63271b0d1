/**
 * `lantern approvals list|approve|reject`: the service operator's decisions on requests for case
 * permissions. The operator can read the database anyway; this is how a new partnership's very first case
 * roles are approved, before anyone in it could (docs/decisions/0011). Every decision is audited as the
 * operator's.
 */
import type { Command } from 'commander';
import type { WithDatabase } from '../platform/cli-commands.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { decide } from './approval-service.ts';
import * as approvals from './approval-store.ts';
import { isUuid } from './rules.ts';
import { requestView } from './view-models.ts';

export function registerApprovalCommands(program: Command, withDatabase: WithDatabase): void {
  const command = program
    .command('approvals')
    .description('requests for case permissions waiting for approval (the operator decides the first ones)');

  command
    .command('list')
    .description('list the requests waiting for a decision')
    .action(() =>
      withDatabase(async (db) => {
        const rows = await withTransaction(db, systemContext('lantern approvals list'), (tx) =>
          approvals.listPendingRequests(tx),
        );
        if (rows.length === 0) console.log('Nothing is waiting for approval.');
        for (const view of rows.map(requestView)) {
          const what = view.kind === 'ROLES' ? view.roleLabels.join(', ') : view.permissionLabels.join('; ');
          console.log(`${view.id}  ${view.title}, ${view.agencyName}: ${what} (asked by ${view.askedBy})`);
        }
        return 0;
      }),
    );

  for (const decision of ['approve', 'reject'] as const) {
    command
      .command(`${decision} <id>`)
      .description(`${decision} a request, with the reason recorded in the audit log`)
      .requiredOption('--reason <text>', 'why (recorded with the decision)')
      .action((id: string, options: { reason: string }) =>
        withDatabase(async (db) => {
          if (!isUuid(id)) {
            console.error('Give the request id that `lantern approvals list` shows.');
            return 1;
          }
          try {
            const outcome = await withTransaction(db, systemContext(`lantern approvals ${decision}`), (tx) =>
              decide(tx, null, id.toLowerCase(), {
                decision: decision === 'approve' ? 'APPROVE' : 'REJECT',
                reason: options.reason,
              }),
            );
            console.log(
              `${decision === 'approve' ? 'Approved' : 'Rejected'}: ${requestView(outcome.request).title}`,
            );
            if (outcome.secret) {
              console.log('The token, shown this once (give it to the partner system securely):');
              console.log(outcome.secret);
            }
            return 0;
          } catch (error) {
            if (error instanceof ValidationError) {
              for (const d of error.details) console.error(d.message);
              return 1;
            }
            throw error;
          }
        }),
      );
  }
}
