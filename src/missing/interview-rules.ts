/**
 * Who may hold a return home interview (issue 14, item 5a): an agency marked as a provider (children's
 * services, or a charity commissioned to hold them), and never the police, whose officers found the child.
 * Pure: the service reads the agency and refuses with this message on the agency field.
 */
export interface InterviewAgency {
  type: string;
  provides_return_interviews: boolean;
}

/** Why the agency cannot hold the interview, or null when it can. */
export function interviewProviderRefusal(agency: InterviewAgency | null): string | null {
  if (!agency) return 'Choose an agency from the list';
  if (agency.type === 'POLICE') return 'The interview must be held by someone independent of the police';
  if (!agency.provides_return_interviews) {
    return 'Choose an agency that holds return home interviews: this agency is not one';
  }
  return null;
}
