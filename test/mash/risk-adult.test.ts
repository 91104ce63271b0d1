/**
 * CSE risk assessments are for children (issue 14, item 5b): an adult (a suspect, say) has no assessment
 * action on their page or their assessments page, and the server refuses the form and a posted assessment
 * with a clear message, saving nothing. The referred child keeps theirs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCORED_TEMPLATE_V1 } from '../../src/risk/templates/scored-v1.ts';
import { clients, count, personId, t, useMashPages } from './mash-pages-fixture.ts';

useMashPages();

let adultId: string;
const answers = () =>
  Object.fromEntries(
    SCORED_TEMPLATE_V1.sections.flatMap((s) => s.indicators.map((i) => [`ind-${i.id}`, 'NOT_PRESENT'])),
  );

beforeAll(async () => {
  adultId = (
    await t.superuserQuery(
      `INSERT INTO person (forename, surname, dob, gender, areas)
       VALUES ('Dean', 'Sample', '1995-03-02', 'MALE', '{BLACKPOOL}') RETURNING id`,
    )
  ).rows[0].id;
});

describe('CSE risk assessments only for children', () => {
  it('an adult’s page offers no risk assessment; the child’s does', async () => {
    const adult = await clients['manager']!.get(`/people/${adultId}`);
    expect(adult.statusCode).toBe(200);
    expect(adult.body).toContain('Dean Sample');
    expect(adult.body).not.toContain(`/people/${adultId}/risk-assessments`);
    const child = await clients['manager']!.get(`/people/${personId}`);
    expect(child.body).toContain(`/people/${personId}/risk-assessments`);
  });

  it('the adult’s assessments page says why and has no "Assess CSE risk" button', async () => {
    const page = await clients['manager']!.get(`/people/${adultId}/risk-assessments`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CSE risk assessments are for children: Dean Sample is 18 or over.');
    expect(page.body).not.toContain('Assess CSE risk');
    expect(page.body).not.toContain(`/people/${adultId}/risk-assessments/new`);
  });

  it('refuses the form and a posted assessment for an adult, saving nothing', async () => {
    const form = await clients['manager']!.get(
      `/people/${adultId}/risk-assessments/new?template=lantern-scored`,
    );
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('CSE risk assessments are for children: this person is 18 or over');
    await clients['manager']!.get(`/people/${personId}/risk-assessments/new?template=lantern-scored`);
    const before = await count('risk_assessment');
    const posted = await clients['manager']!.post(`/people/${adultId}/risk-assessments`, {
      templateId: 'lantern-scored',
      ...answers(),
      disclosure: 'no',
    });
    expect(posted.statusCode).toBe(409);
    expect(posted.body).toContain('CSE risk assessments are for children: this person is 18 or over');
    expect(await count('risk_assessment')).toBe(before);
  });
});
