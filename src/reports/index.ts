/** Statistics and the partnership briefing (issue 7): what the lead wires into the app and the CLI. */
export { registerReportCommands } from './cli.ts';
export { reportApiRoutes, reportPageRoutes } from './routes.ts';
