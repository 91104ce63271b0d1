/**
 * Who did something, as a person reads it. Case tables record the actor's audit label (a username, a token's
 * name, `system`); pages show the person's name and agency instead. A store selects
 * `${actorNameSql('c.contributed_by_label')} AS contributed_by_label` and its view shows the name as before.
 */

/** SQL for "Name, Agency" of the user whose username is in `column`, or the recorded label itself. */
export function actorNameSql(column: string): string {
  return `coalesce((SELECT u.display_name || coalesce(', ' || ag.name, '') FROM app_user u
    LEFT JOIN agency ag ON ag.id = u.agency_id WHERE u.username = ${column}), ${column})`;
}
