/**
 * The "one-SQL limit": each benchmark operation answered by one hand-written PostgreSQL statement
 * that builds the whole GraphQL response as JSON text. Its answers must equal the API's (the
 * benchmark checks it before measuring), so these statements follow the API's semantics: archived
 * rows leave lists and totals, anonymous callers see public talent profiles only, committed capital
 * counts from signing on, orders end with the id.
 */

/** Opaque global id, as the API makes it: base64url of "Type:uuid" without padding. */
const gid = (type: string, column: string) =>
  `rtrim(translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

/** A name in the requested locale ($locale is 'EN' or 'ZH'). */
const name = (alias: string, locale: string) =>
  `case when ${locale} = 'EN' then ${alias}.name_en else ${alias}.name_zh end`;

/**
 * A text with an English form (a talent's title, a house's address) as the API answers it
 * (`localized`): in English when $locale is 'EN' and there is one, else in Chinese (in English when
 * there is no Chinese one).
 */
const text = (zh: string, en: string, locale: string) =>
  `case when ${locale} = 'EN' then coalesce(nullif(${en}, ''), ${zh}, ${en}) else coalesce(${zh}, ${en}) end`;

/**
 * The language of the text fields an operation selects without a `locale` argument (Q1's `address`,
 * Q2's `title` and `field`): the request's Accept-Language, which the benchmark does not send, so
 * Chinese. An operation that passes its `$locale` to them would use its parameter here instead.
 */
const REQUEST_LOCALE = "'ZH'";

/** Committed CNY capital of investments whose `column` is `key`, as the API's Money. */
const committed = (column: string, key: string) =>
  `json_build_object('amount', coalesce((select sum(i.amount)::text from investment i where i.${column} = ${key}
    and i.stage in ('SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION') and i.currency = 'CNY' and i.archived_at is null), '0.00'), 'currency', 'CNY')`;

/**
 * Q1 showcase. $1 town code, $2 theme code, $3 page size, $4 locale, $5 the cursor signature of
 * the village order (the API's name order, then id).
 */
export const Q1 = `
with matching as (
  select t.id, t.name_zh, t.name_en, t.lat, t.lng from village t
  where t.archived_at is null and t.is_specialty
    and t.town_id in (select r.id from region r where r.code = $1)
    and exists (select 1 from village_theme vt join theme th on th.id = vt.theme_id where vt.village_id = t.id and th.code = $2)
), page as (
  select m.*, rtrim(translate(encode(convert_to('["' || $5 || '",' || to_json(m.name_zh)::text || ',"' || m.id || '"]', 'UTF8'), 'base64'), E'+/\\n', '-_'), '=') as cursor,
    row_number() over (order by m.name_zh, m.id) as n
  from matching m order by m.name_zh, m.id limit $3::int + 1
)
select json_build_object('data', json_build_object('villages', json_build_object(
  'totalCount', (select count(*) from matching),
  'pageInfo', json_build_object(
    'hasNextPage', (select count(*) from page) > $3::int,
    'endCursor', (select p.cursor from page p where p.n <= $3::int order by p.n desc limit 1)),
  'edges', (select coalesce(json_agg(json_build_object('cursor', v.cursor, 'node', json_build_object(
    'id', ${gid('Village', 'v.id')},
    'name', ${name('v', '$4')},
    'themes', (select coalesce(json_agg(json_build_object('code', th.code, 'name', ${name('th', '$4')}) order by th.position, th.id), '[]')
      from village_theme vt join theme th on th.id = vt.theme_id where vt.village_id = v.id and th.archived_at is null),
    'location', case when v.lat is not null and v.lng is not null then json_build_object('lat', v.lat, 'lng', v.lng) end,
    'houses', json_build_object(
      'totalCount', (select count(*) from rural_house h where h.village_id = v.id and h.archived_at is null),
      'nodes', (select coalesce(json_agg(json_build_object(
          'id', ${gid('RuralHouse', 'h.id')}, 'address', ${text('h.address', 'h.address_en', REQUEST_LOCALE)}, 'floorAreaM2', h.floor_area_m2::text, 'status', h.status,
          'tenant', (select case
              when l.lessee_talent_id is not null then (select json_build_object('__typename', 'Talent', 'id', ${gid('Talent', 'ta.id')}, 'displayName', ta.display_name)
                from talent ta where ta.id = l.lessee_talent_id and ta.public_profile)
              when l.lessee_project_id is not null then (select json_build_object('__typename', 'Project', 'id', ${gid('Project', 'pr.id')}, 'name', ${name('pr', '$4')})
                from project pr where pr.id = l.lessee_project_id)
              else (select json_build_object('__typename', 'Organization', 'id', ${gid('Organization', 'o.id')}, 'name', ${name('o', '$4')})
                from organization o where o.id = l.lessee_organization_id) end
            from lease l where l.house_id = h.id and l.archived_at is null
              and l.starts_on <= current_date and l.ends_on > current_date and l.terminated_on is null
            order by l.starts_on desc, l.id desc limit 1)
        ) order by h.address, h.id), '[]')
        from (select * from rural_house h where h.village_id = v.id and h.archived_at is null order by h.address, h.id limit 10) h)),
    'projects', json_build_object('nodes', (select coalesce(json_agg(json_build_object(
        'id', ${gid('Project', 'p.id')}, 'name', ${name('p', '$4')}, 'kind', p.kind,
        'totalInvestment', ${committed('project_id', 'p.id')},
        'investments', json_build_object('nodes', (select coalesce(json_agg(json_build_object(
            'id', ${gid('Investment', 'i.id')}, 'amount', json_build_object('amount', i.amount::text, 'currency', i.currency::text),
            'stage', i.stage,
            'investor', (select json_build_object('id', ${gid('Organization', 'o.id')}, 'name', ${name('o', '$4')}) from organization o where o.id = i.investor_id)
          ) order by i.amount desc, i.id desc), '[]')
          from (select * from investment i where i.project_id = p.id and i.archived_at is null order by i.amount desc, i.id desc limit 10) i))
      ) order by p.name_zh, p.id), '[]')
      from (select * from project p where p.village_id = v.id and p.archived_at is null order by p.name_zh, p.id limit 10) p))
  )) order by v.n), '[]') from page v where v.n <= $3::int)
)))::text as body`;

/** Q2 talent profile. $1 the talent's UUID, $2 locale. */
export const Q2 = `
select json_build_object('data', json_build_object('node', (select json_build_object(
  'id', ${gid('Talent', 't.id')}, 'displayName', t.display_name, 'title', ${text('t.title', 't.title_en', REQUEST_LOCALE)},
  'field', ${text('t.field', 't.field_en', REQUEST_LOCALE)},
  'settlement', t.settlement, 'arrivedOn', t.arrived_on,
  'affiliation', (select json_build_object('id', ${gid('Organization', 'o.id')}, 'name', ${name('o', '$2')}) from organization o where o.id = t.affiliation_id),
  'unionMemberships', json_build_object('nodes', (select coalesce(json_agg(json_build_object(
      'role', m.role, 'electedOn', m.elected_on,
      'organization', (select json_build_object('id', ${gid('UnionOrganization', 'u.id')}, 'name', ${name('u', '$2')}, 'kind', u.kind,
          'parent', (select json_build_object('id', ${gid('UnionOrganization', 'up.id')}, 'name', ${name('up', '$2')}) from union_organization up where up.id = u.parent_id))
        from union_organization u where u.id = m.organization_id)
    ) order by m.rank, m.id), '[]')
    from (select m.*, array_position(array['CHAIR','VICE_CHAIR','COMMITTEE_MEMBER','MEMBER'], m.role) as rank from union_membership m
      where m.talent_id = t.id and m.archived_at is null order by rank, m.id limit 10) m)),
  'projectRoles', json_build_object('nodes', (select coalesce(json_agg(json_build_object(
      'role', r.role,
      'project', (select json_build_object('id', ${gid('Project', 'p.id')}, 'name', ${name('p', '$2')},
          'village', (select json_build_object('id', ${gid('Village', 'v.id')}, 'name', ${name('v', '$2')}) from village v where v.id = p.village_id),
          'totalInvestment', ${committed('project_id', 'p.id')})
        from project p where p.id = r.project_id)
    ) order by r.rank, r.id), '[]')
    from (select r.*, array_position(array['FOUNDER','LEAD','MEMBER','ADVISOR'], r.role) as rank from project_participant r
      where r.talent_id = t.id and r.archived_at is null order by rank, r.id limit 20) r)),
  'attributedInvestment', ${committed('attributed_talent_id', 't.id')}
) from talent t where t.id = $1 and t.public_profile)))::text as body`;

const STAGES = ['PROMOTION', 'NEGOTIATION', 'SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION'];
const STATUSES = ['IDLE', 'TRANSFERRED', 'RENOVATING', 'RENOVATED', 'IN_USE'];

/** Q3 dashboard. $1 region code. */
export const Q3 = `
with recursive region_row as (select * from region where code = $1),
scope as (select id from region_row union all select c.id from region c join scope s on c.parent_id = s.id),
talents as (select count(*) as total, count(*) filter (where settlement = 'RESIDENT') as resident,
    count(*) filter (where settlement = 'FLEXIBLE') as flexible, count(*) filter (where settlement = 'DEPARTED') as departed
  from talent where archived_at is null and town_id in (select id from scope)),
houses as (select h.status, count(*) as n from rural_house h join village v on v.id = h.village_id
  where h.archived_at is null and v.town_id in (select id from scope) group by h.status),
investments as (select i.stage, count(*) as n, sum(i.amount) as total,
    coalesce(sum(i.amount) filter (where i.attributed_talent_id is not null), 0) as attributed
  from investment i join project p on p.id = i.project_id
  where i.archived_at is null and i.currency = 'CNY' and p.town_id in (select id from scope) group by i.stage),
villages as (select count(*) as total, count(*) filter (where is_specialty) as specialty from village
  where archived_at is null and town_id in (select id from scope)),
themes as (select count(distinct vt.theme_id) as n from village_theme vt join village v on v.id = vt.village_id
  where v.is_specialty and v.archived_at is null and v.town_id in (select id from scope)),
unions as (select count(*) as organizations, coalesce(sum(reported_member_count), 0) as reported,
    count(*) filter (where agriculture_related) as agri,
    coalesce(sum(reported_member_count) filter (where agriculture_related), 0) as agri_members
  from union_organization where archived_at is null and region_id in (select id from scope)),
unreported as (select count(distinct m.talent_id) as n from union_membership m join union_organization u on u.id = m.organization_id
  where u.archived_at is null and u.reported_member_count is null and u.region_id in (select id from scope)),
statuses as (select s, o from unnest(array[${STATUSES.map((s) => `'${s}'`).join(',')}]) with ordinality x(s, o)),
stages as (select s, o from unnest(array[${STAGES.map((s) => `'${s}'`).join(',')}]) with ordinality x(s, o)),
committed as (select coalesce(sum(total), 0) as total, coalesce(sum(attributed), 0) as attributed from investments
  where stage in ('SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION'))
select json_build_object('data', json_build_object('region', (select json_build_object(
  'id', ${gid('Region', 'r.id')}, 'name', r.name_zh,
  'stats', json_build_object(
    'talents', (select row_to_json(talents) from talents),
    'houses', json_build_object(
      'total', (select coalesce(sum(n), 0) from houses),
      'transferred', (select coalesce(sum(n), 0) from houses where status <> 'IDLE'),
      'byStatus', (select json_agg(json_build_object('status', s, 'count', coalesce((select n from houses where status = s), 0)) order by o) from statuses)),
    'investment', json_build_object(
      'total', json_build_object('amount', (select total::numeric(16, 2)::text from committed), 'currency', 'CNY'),
      'attributedToTalents', json_build_object('amount', (select attributed::numeric(16, 2)::text from committed), 'currency', 'CNY'),
      'byStage', (select json_agg(json_build_object('stage', s, 'count', coalesce((select n from investments where stage = s), 0),
          'total', json_build_object('amount', coalesce((select total::text from investments where stage = s), '0.00'), 'currency', 'CNY')) order by o)
        from stages)),
    'villages', json_build_object('total', (select total from villages), 'specialty', (select specialty from villages),
      'themeCount', (select n from themes)),
    'unions', json_build_object('organizations', (select organizations from unions),
      'members', (select reported from unions) + (select n from unreported),
      'agricultureRelated', json_build_object('organizations', (select agri from unions), 'members', (select agri_members from unions))))
) from region_row r)))::text as body`;
