import pg from 'pg';
import { THEMES } from '../../src/db/seed/demo-data.js';

/**
 * Per town (scale factor 1): the proportions of the issue. SF=100 is a province of 100 such towns.
 * Leases, memberships, project roles and partners follow in proportion.
 */
export const PER_TOWN = {
  villages: 20,
  houses: 400,
  talents: 120,
  projects: 30,
  investments: 300,
  organizations: 12,
};

/** Region codes of the generated data: the province holds towns `town-1` … `town-<sf>`. */
export const PROVINCE = 'bench-province';
export const townCode = (n: number) => `town-${n}`;

/**
 * Fills an empty, migrated database with a deterministic synthetic dataset at scale factor `sf`, in
 * one transaction of set-based statements (seconds at SF=100). Keys are md5-derived UUIDs and every
 * value is a function of the row's number, so two runs produce the same rows. The rows respect the
 * schema's constraints (check constraints, the lease exclusion constraint, foreign keys).
 */
export async function generateDataset(url: string, sf: number): Promise<Record<string, number>> {
  if (!Number.isInteger(sf) || sf < 1)
    throw new Error(`the scale factor must be a positive integer, got ${sf}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ n }] = (await client.query('select count(*)::int as n from region')).rows;
    if (n > 0) throw new Error('the benchmark dataset needs an empty database');
    const P = PER_TOWN;
    // uid('village', i): a stable UUID for row i of a table.
    const uid = (kind: string, expr: string) => `md5('${kind}:' || (${expr}))::uuid`;
    const themeValues = THEMES.map(
      ([code, zh, en], i) => `(${uid('theme', `'${code}'`)}, '${code}', ${i + 1}, '${zh}', '${en}')`,
    ).join(', ');
    const statements = [
      'begin',
      `insert into region (id, code, kind, parent_id, name_zh, name_en)
       values (${uid('region', "'province'")}, '${PROVINCE}', 'PROVINCE', null, '基准省', 'Bench Province')`,
      `insert into region (id, code, kind, parent_id, name_zh, name_en)
       select ${uid('region', 'g')}, 'town-' || g, 'TOWN', ${uid('region', "'province'")}, '基准镇' || g, 'Town ' || g
       from generate_series(1, ${sf}) g`,
      `insert into theme (id, code, position, name_zh, name_en) values ${themeValues}`,
      // Every village is a specialty village with the tea theme and one other, so a showcase page of
      // a town and "tea" lists all 20 of its villages.
      `insert into village (id, town_id, name_zh, name_en, is_specialty, lat, lng)
       select ${uid('village', 'g')}, ${uid('region', `(g - 1) / ${P.villages} + 1`)},
         '村' || substr(md5('vzh' || g), 1, 6) || g, 'Village ' || substr(md5('ven' || g), 1, 6) || ' ' || g, true,
         round((37.0 + (g % 97) / 100.0)::numeric, 6), round((122.0 + (g % 89) / 100.0)::numeric, 6)
       from generate_series(1, ${P.villages * sf}) g`,
      `insert into village_theme (village_id, theme_id)
       select ${uid('village', 'g')}, ${uid('theme', "'tea'")} from generate_series(1, ${P.villages * sf}) g
       union all
       select ${uid('village', 'g')}, ${uid('theme', `(array['zither','chess','calligraphy','painting','poetry','wine','flower','song','dance','film','media'])[g % 11 + 1]`)}
       from generate_series(1, ${P.villages * sf}) g`,
      `insert into organization (id, kind, region_id, name_zh, name_en)
       select ${uid('organization', 'g')}, (array['COMPANY','FUND','UNIVERSITY','COOPERATIVE'])[g % 4 + 1],
         ${uid('region', `(g - 1) / ${P.organizations} + 1`)}, '机构' || substr(md5('ozh' || g), 1, 6) || g,
         'Organisation ' || substr(md5('oen' || g), 1, 6) || ' ' || g
       from generate_series(1, ${P.organizations * sf}) g`,
      // Nine in ten talents have a public profile; nine in ten have their title and field in English too.
      `insert into talent (id, town_id, display_name, full_name, title, title_en, field, field_en,
         affiliation_id, arrived_on, settlement, public_profile, contact_consent, tier, degree)
       select ${uid('talent', 'g')}, ${uid('region', `(g - 1) / ${P.talents} + 1`)},
         '人才' || g, '全名' || g, (array['教授','研究员','设计师','高级工程师'])[g % 4 + 1],
         case when g % 10 <> 3 then (array['Professor','Research Fellow','Designer','Senior Engineer'])[g % 4 + 1] end,
         (array['农业','设计','教育','文化','旅游'])[g % 5 + 1],
         case when g % 10 <> 3 then (array['Agriculture','Design','Education','Culture','Tourism'])[g % 5 + 1] end,
         ${uid('organization', `((g - 1) / ${P.talents}) * ${P.organizations} + g % ${P.organizations} + 1`)},
         date '2018-01-01' + (g % 1500), (array['RESIDENT','FLEXIBLE','FLEXIBLE','DEPARTED'])[g % 4 + 1],
         g % 10 <> 0, g % 2 = 0, (array['LEADING','HIGH_LEVEL','SKILLED'])[g % 3 + 1], 'DOCTORATE'
       from generate_series(1, ${P.talents * sf}) g`,
      // Per town: a joint union (1) and seven branches (2–8) under it.
      `insert into union_organization (id, kind, parent_id, region_id, name_zh, name_en, founded_on,
         agriculture_related, reported_member_count)
       select ${uid('union', '(t - 1) * 8 + b')}, case when b = 1 then 'JOINT_UNION' else 'BRANCH' end,
         case when b = 1 then null else ${uid('union', '(t - 1) * 8 + 1')} end, ${uid('region', 't')},
         '工会' || t || '-' || b, 'Union ' || t || '-' || b, date '2020-06-01' + b,
         b % 2 = 0, case when b % 2 = 0 then 40 * b end
       from generate_series(1, ${sf}) t, generate_series(1, 8) b`,
      // Every talent joins a branch of the town; every fourth also sits on the joint union.
      `insert into union_membership (id, organization_id, talent_id, role, joined_on, elected_on)
       select ${uid('membership', 'g')}, ${uid('union', `((g - 1) / ${P.talents}) * 8 + 2 + g % 7`)}, ${uid('talent', 'g')},
         (array['CHAIR','VICE_CHAIR','COMMITTEE_MEMBER','MEMBER','MEMBER'])[g % 5 + 1], date '2020-07-01' + (g % 300),
         case when g % 5 < 3 then date '2021-01-01' + (g % 200) end
       from generate_series(1, ${P.talents * sf}) g
       union all
       select ${uid('membership', `'joint' || g`)}, ${uid('union', `((g - 1) / ${P.talents}) * 8 + 1`)}, ${uid('talent', 'g')},
         (array['VICE_CHAIR','COMMITTEE_MEMBER'])[g % 2 + 1], date '2020-07-01', date '2021-01-01'
       from generate_series(1, ${P.talents * sf}) g where g % 4 = 0`,
      `insert into project (id, town_id, village_id, kind, status, name_zh, name_en, started_on)
       select ${uid('project', 'g')}, ${uid('region', `(g - 1) / ${P.projects} + 1`)},
         ${uid('village', `((g - 1) / ${P.projects}) * ${P.villages} + (g * 7) % ${P.villages} + 1`)},
         (array['COLLEGE','WORKSTATION','DESIGN_STUDIO','SCHOOL','PASTORAL_COMPLEX','HOMESTAY','STUDIO','AGRICULTURE'])[g % 8 + 1],
         (array['PLANNED','UNDER_CONSTRUCTION','OPERATING','OPERATING'])[g % 4 + 1],
         '项目' || substr(md5('pzh' || g), 1, 6) || g, 'Project ' || substr(md5('pen' || g), 1, 6) || ' ' || g,
         date '2019-01-01' + (g % 900)
       from generate_series(1, ${P.projects * sf}) g`,
      // Four talents of the town per project, one per role.
      `insert into project_participant (id, project_id, talent_id, role, since)
       select ${uid('participant', 'g * 4 + r')}, ${uid('project', 'g')},
         ${uid('talent', `((g - 1) / ${P.projects}) * ${P.talents} + ((g - 1) % ${P.projects}) * 4 + r + 1`)},
         (array['FOUNDER','LEAD','MEMBER','ADVISOR'])[r + 1], date '2019-06-01' + g % 400
       from generate_series(1, ${P.projects * sf}) g, generate_series(0, 3) r`,
      `insert into project_partner (id, project_id, organization_id, role, since)
       select ${uid('partner', 'g')}, ${uid('project', 'g')},
         ${uid('organization', `((g - 1) / ${P.projects}) * ${P.organizations} + g % ${P.organizations} + 1`)},
         (array['INVESTOR','ACADEMIC','OPERATOR'])[g % 3 + 1], date '2019-06-01'
       from generate_series(1, ${P.projects * sf}) g`,
      // Ten investments per project; seven in ten are attributed to one of its talents.
      `insert into investment (id, project_id, investor_id, attributed_talent_id, kind, stage, amount,
         funded_amount, signed_on, funded_on)
       select ${uid('investment', 'g')}, ${uid('project', '(g - 1) / 10 + 1')},
         ${uid('organization', `((g - 1) / ${P.investments}) * ${P.organizations} + g % ${P.organizations} + 1`)},
         case when g % 10 < 7 then ${uid('talent', `((g - 1) / ${P.investments}) * ${P.talents} + ((g - 1) / 10 % ${P.projects}) * 4 + g % 4 + 1`)} end,
         'INITIAL', s.stage, (100000 + (g * 7919) % 5000000)::numeric(16, 2),
         case when s.stage in ('FUNDED','PRODUCTION') then (100000 + (g * 7919) % 5000000)::numeric(16, 2) else 0 end,
         case when s.stage not in ('PROMOTION','NEGOTIATION') then date '2020-01-01' + g % 1000 end,
         case when s.stage in ('FUNDED','PRODUCTION') then date '2023-06-01' + g % 500 end
       from generate_series(1, ${P.investments * sf}) g,
         lateral (select (array['PROMOTION','NEGOTIATION','SIGNED','CONSTRUCTION','FUNDED','PRODUCTION'])[g % 6 + 1] as stage) s`,
      // Nine in ten houses have their address in English too.
      `insert into rural_house (id, village_id, address, address_en, floor_area_m2, status, current_use,
         renovated_on, lat, lng)
       select ${uid('house', 'g')}, ${uid('village', `(g - 1) / ${P.houses / P.villages} + 1`)},
         '院' || substr(md5('h' || g), 1, 4) || '-' || g || '号',
         case when g % 10 <> 7 then 'No. ' || g || ', Court ' || substr(md5('h' || g), 1, 4) end,
         (60 + g % 240)::numeric(8, 2),
         (array['IDLE','TRANSFERRED','RENOVATING','RENOVATED','IN_USE','IN_USE','IN_USE','RENOVATED','TRANSFERRED','IN_USE'])[g % 10 + 1],
         case when g % 10 in (4, 5, 6, 9) then (array['HOMESTAY','STUDIO','OFFICE','RESIDENCE'])[g % 4 + 1] end,
         case when g % 10 in (3, 4, 5, 6, 7, 9) then date '2021-01-01' + g % 700 end,
         round((37.0 + (g % 997) / 1000.0)::numeric, 6), round((122.0 + (g % 991) / 1000.0)::numeric, 6)
       from generate_series(1, ${P.houses * sf}) g`,
      // Two in three houses in use have a lease in force, held by a talent, a project or an organisation
      // of the same town; the rest of the houses are free.
      `insert into lease (id, house_id, mode, lessee_talent_id, lessee_project_id, lessee_organization_id,
         starts_on, ends_on, annual_rent)
       select ${uid('lease', 'g')}, ${uid('house', 'g')}, (array['LEASE','SHARE','COOPERATION'])[g % 3 + 1],
         case when g % 3 = 0 then ${uid('talent', `((g - 1) / ${P.houses}) * ${P.talents} + g % ${P.talents} + 1`)} end,
         case when g % 3 = 1 then ${uid('project', `((g - 1) / ${P.houses}) * ${P.projects} + g % ${P.projects} + 1`)} end,
         case when g % 3 = 2 then ${uid('organization', `((g - 1) / ${P.houses}) * ${P.organizations} + g % ${P.organizations} + 1`)} end,
         date '2022-01-01' + g % 365, date '2036-01-01' + g % 365, (3000 + g % 20000)::numeric(12, 2)
       from generate_series(1, ${P.houses * sf}) g where g % 10 <> 0 and g % 3 <> 2 or g % 10 in (4, 5, 6, 9)`,
      'commit',
      'analyze',
    ];
    for (const statement of statements) await client.query(statement);
    const counts: Record<string, number> = {};
    for (const table of [
      'village',
      'rural_house',
      'lease',
      'talent',
      'project',
      'investment',
      'union_membership',
    ]) {
      counts[table] = (await client.query(`select count(*)::int as n from ${table}`)).rows[0].n;
    }
    return counts;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
