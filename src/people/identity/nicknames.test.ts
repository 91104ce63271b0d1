import { describe, expect, it } from 'vitest';
import { NICKNAME_GROUPS, nicknameGroups, shareNicknameGroup } from './nicknames.ts';

const linked = (a: string, b: string) => shareNicknameGroup(nicknameGroups(a), nicknameGroups(b));

describe('nicknames', () => {
  it('has at least 150 groups linking two or more names', () => {
    expect(NICKNAME_GROUPS.filter((group) => group.length > 1).length).toBeGreaterThanOrEqual(150);
  });

  it('links the diminutives practitioners meet', () => {
    const pairs = [
      ['JESS', 'JESSICA'],
      ['BEX', 'REBECCA'],
      ['BECKY', 'BEX'],
      ['KAYLEY', 'KAYLEIGH'],
      ['KAYLEE', 'KAYLEY'],
      ['LIZ', 'ELIZABETH'],
      ['BETH', 'ELIZABETH'],
      ['SAM', 'SAMANTHA'],
      ['SAM', 'SAMUEL'],
      ['KATIE', 'CATHERINE'],
      ['ELLIE', 'ELEANOR'],
      ['MILLIE', 'AMELIA'],
      ['ABBIE', 'ABIGAIL'],
      ['NAT', 'NATALIE'],
      ['JEN', 'JENNIFER'],
      ['TOM', 'THOMAS'],
      ['JIM', 'JAMES'],
      ['BILL', 'WILLIAM'],
      ['BOB', 'ROBERT'],
      ['DAN', 'DANIEL'],
      ['MO', 'MUHAMMAD'],
      ['MOHAMED', 'MOHAMMED'],
    ] as const;
    for (const [a, b] of pairs) expect(linked(a, b), `${a}/${b}`).toBe(true);
  });

  it('does not link unrelated names', () => {
    expect(linked('JESSICA', 'REBECCA')).toBe(false);
    expect(linked('SAMANTHA', 'SAMUEL')).toBe(false);
    expect(linked('ZEBEDEE', 'ZEBEDEE')).toBe(false);
  });

  it('returns the same array for the same name, so records can share it', () => {
    expect(nicknameGroups('JESS')).toBe(nicknameGroups('JESS'));
  });
});
