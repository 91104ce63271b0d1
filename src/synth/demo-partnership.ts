/**
 * The demo partnership (DOMAIN.md): its agencies and teams, and one user per role with a demo password and
 * a demo TOTP secret (both written in the README). Idempotent: every `LANTERN_DEMO=1` start brings the
 * database back to these facts without duplicating anything.
 */
import type { Role } from '../platform/access/permissions.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { encryptSecret } from '../platform/auth/secrets.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { savePostcodeDistricts } from '../referrals/routing-service.ts';
import { AGENCIES, POSTCODE_DISTRICTS, TEAMS } from './partnership.ts';

export const DEMO_PASSWORD = 'lantern-demo-password';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  agencyCode: string;
  teamCodes: string[];
  /** Base32 TOTP secret: add it to an authenticator app to sign in as this user. */
  totpSecret: string;
}

// Fictional staff names; the secrets are for the demo only and are published in the README.
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'demo.referrer',
    displayName: 'Alex Demo (school DSL)',
    role: 'REFERRER',
    agencyCode: 'SCH-01',
    teamCodes: ['SCH-01-DSL'],
    totpSecret: 'UZH34VMRMUVJONLMU3QTRTCNNR7M3C2H',
  },
  {
    username: 'demo.mash',
    displayName: 'Sam Demo (MASH social worker)',
    role: 'MASH_PRACTITIONER',
    agencyCode: 'LCC-CSC',
    teamCodes: ['LCC-CSC-MASH'],
    totpSecret: 'WA4H54JF5KKCV6MOZ3RUOVBLGSLBL24S',
  },
  {
    username: 'demo.manager',
    displayName: 'Jo Demo (MASH manager)',
    role: 'MASH_MANAGER',
    agencyCode: 'LCC-CSC',
    teamCodes: ['LCC-CSC-MASH'],
    totpSecret: 'MQ2JVAWD77YDTPSB34MSNFM5WFOKZW7B',
  },
  {
    username: 'demo.police.mash',
    displayName: 'Taylor Demo (police MASH researcher)',
    role: 'MASH_PRACTITIONER',
    agencyCode: 'POL',
    teamCodes: ['POL-MASH-LANCASHIRE'],
    totpSecret: 'RCSTAVVBL6U6DTQCUJZSXNQTB2NJTAZO',
  },
  {
    username: 'demo.health.mash',
    displayName: 'Morgan Demo (health MASH nurse)',
    role: 'MASH_PRACTITIONER',
    agencyCode: 'NHS-LSC',
    teamCodes: ['NHS-LSC-MASH'],
    totpSecret: '6WCI2LM3W2EX243OBRPYX7SCA5NIFATF',
  },
  {
    username: 'demo.bwd.manager',
    displayName: 'Riley Demo (Blackburn with Darwen MASH manager)',
    role: 'MASH_MANAGER',
    agencyCode: 'BWD-CSC',
    teamCodes: ['BWD-CSC-MASH'],
    totpSecret: '3AOXJOF3AFN5P7DS3U2GFS2EGYN5N5FG',
  },
  {
    username: 'demo.cse',
    displayName: 'Chris Demo (CSE officer)',
    role: 'CSE_OFFICER',
    agencyCode: 'POL',
    teamCodes: ['POL-CSE-SOUTH'],
    totpSecret: 'E2KKVOIHABRRCVRYLZSOBAA53OCWRG7Z',
  },
  {
    username: 'demo.analyst',
    displayName: 'Robin Demo (analyst)',
    role: 'ANALYST',
    agencyCode: 'POL',
    teamCodes: [],
    totpSecret: 'I6ZYC3BBJTSOJO3RUHYQ45CSVU4NWC4H',
  },
  {
    username: 'demo.partnership',
    displayName: 'Pat Demo (partnership member)',
    role: 'PARTNERSHIP_MEMBER',
    agencyCode: 'LCC-CSC',
    teamCodes: [],
    totpSecret: 'TZGOBFE4WWLPKTZJUX3CTIB2UIVXY376',
  },
  {
    username: 'demo.auditor',
    displayName: 'Kim Demo (auditor)',
    role: 'AUDITOR',
    agencyCode: 'LCC-CSC',
    teamCodes: [],
    totpSecret: '3MFLUUCCZD6OXQPFZFFCSOH64ALDVZCN',
  },
  {
    username: 'demo.admin',
    displayName: 'Lee Demo (administrator)',
    role: 'ADMINISTRATOR',
    agencyCode: 'LCC-CSC',
    teamCodes: [],
    totpSecret: 'A5K7BVZ6RQBEWVLGF6JFH6ZPWAMYAU6A',
  },
];

export async function loadDemoPartnership(db: Database, sessionSecret: string): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return withTransaction(db, systemContext('demo-load'), async (tx) => {
    // An agency with a MASH desk is the hub's research contact (decision 0016): it can be asked for research.
    const mashDesks = new Set(TEAMS.filter((t) => t.kind === 'MASH').map((t) => t.agencyCode));
    for (const agency of AGENCIES) {
      await tx.query(
        `INSERT INTO agency (code, name, type, area, research_contact, provides_return_interviews)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, area = excluded.area,
           research_contact = excluded.research_contact,
           provides_return_interviews = excluded.provides_return_interviews`,
        [
          agency.code,
          agency.name,
          agency.type,
          agency.area,
          mashDesks.has(agency.code) ? `${agency.name}: MASH desk` : null,
          agency.providesReturnInterviews === true,
        ],
      );
    }
    for (const team of TEAMS) {
      await tx.query(
        `INSERT INTO team (agency_id, name, area) SELECT id, $2, $3 FROM agency WHERE code = $1
         ON CONFLICT (agency_id, name) DO UPDATE SET area = excluded.area`,
        [team.agencyCode, team.name, team.area],
      );
    }
    // Routing by the child's home postcode (decision 0014): the partnership's districts, as data.
    await savePostcodeDistricts(tx, POSTCODE_DISTRICTS);
    const teamNames = new Map(TEAMS.map((t) => [t.code, t]));
    for (const user of DEMO_USERS) {
      const { id } = await tx.one<{ id: string }>(
        `INSERT INTO app_user (agency_id, username, display_name, roles, password_hash, totp_secret_enc, totp_enrolled_at)
         SELECT a.id, $2, $3, $4, $5, $6, now() FROM agency a WHERE a.code = $1
         ON CONFLICT (username) DO UPDATE SET agency_id = excluded.agency_id, display_name = excluded.display_name,
           roles = excluded.roles, password_hash = excluded.password_hash, totp_secret_enc = excluded.totp_secret_enc,
           disabled_at = NULL, failed_sign_ins = 0, locked_until = NULL
         RETURNING id`,
        [
          user.agencyCode,
          user.username,
          user.displayName,
          [user.role],
          passwordHash,
          encryptSecret(sessionSecret, user.totpSecret),
        ],
      );
      await tx.query('DELETE FROM user_team WHERE user_id = $1', [id]);
      for (const code of user.teamCodes) {
        const team = teamNames.get(code);
        if (!team) throw new Error(`demo user ${user.username} names an unknown team ${code}`);
        await tx.query(
          `INSERT INTO user_team (user_id, team_id)
           SELECT $1, t.id FROM team t JOIN agency a ON a.id = t.agency_id WHERE a.code = $2 AND t.name = $3`,
          [id, team.agencyCode, team.name],
        );
      }
    }
    await appendAuditEvent(tx, {
      action: 'DEMO_LOADED',
      details: {
        agencies: AGENCIES.length,
        teams: TEAMS.length,
        users: DEMO_USERS.length,
        postcodeDistricts: POSTCODE_DISTRICTS.length,
      },
    });
    return `Demo partnership loaded: ${AGENCIES.length} agencies, ${TEAMS.length} teams, ${DEMO_USERS.length} demo users (see README).`;
  });
}
