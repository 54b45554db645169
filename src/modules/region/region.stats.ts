import { Ctx, Field, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { keyCondition, runSql } from '../../data/query.js';
import { raw, sql } from '../../data/sql.js';
import type { Context } from '../../graphql/context.js';
import { ObjectType } from '../../graphql/object-type.js';
import { Money, money } from '../../graphql/types.js';
import { andThen } from '../../lib/maybe.js';
import { HouseStatus } from '../house/house.entity.js';
import { InvestmentStage } from '../investment/investment.entity.js';
import { COMMITTED_STAGES } from '../investment/investment.figures.js';

@ObjectType({
  description: 'Talents of the region, all of them (public profiles or not): figures, not names.',
})
export class TalentStats {
  @Field(() => Int, { description: 'Talents.' }) total: number;
  @Field(() => Int, { description: 'Resident (扎根).' }) resident: number;
  @Field(() => Int, { description: 'Flexible (柔性).' }) flexible: number;
  @Field(() => Int, { description: 'Departed.' }) departed: number;
}

@ObjectType({ description: 'Houses of one status.' })
export class HouseStatusCount {
  @Field(() => HouseStatus, { description: 'Status.' }) status: HouseStatus;
  @Field(() => Int, { description: 'Houses.' }) count: number;
}

@ObjectType({ description: 'Rural houses of the region.' })
export class HouseStats {
  @Field(() => Int, { description: 'Houses recorded.' }) total: number;
  @Field(() => Int, { description: 'Renovated and transferred (改建流转): every status but IDLE.' })
  transferred: number;
  @Field(() => [HouseStatusCount], { description: 'Houses per status, in the order of the statuses.' })
  byStatus: HouseStatusCount[];
}

@ObjectType({ description: 'Investments of one stage.' })
export class InvestmentStageFigure {
  @Field(() => InvestmentStage, { description: 'Stage.' }) stage: InvestmentStage;
  @Field(() => Int, { description: 'Investments at this stage.' }) count: number;
  @Field(() => Money, { description: 'Their amounts, in CNY.' }) total: Money;
}

@ObjectType({
  description:
    'Capital of the projects of the region, by the investment-promotion counting rules: capital counts from signing (签约) on; an added investment (增资) counts only its increase; signed and funded (到资) amounts separately.',
})
export class InvestmentStats {
  @Field(() => Money, { description: 'Signed capital: investments at signing or a later stage.' })
  total: Money;
  @Field(() => Money, { description: 'Signed capital attributed to talents (以才引资).' })
  attributedToTalents: Money;
  @Field(() => Money, { description: 'Funds arrived (到资).' }) funded: Money;
  @Field(() => Float, {
    nullable: true,
    description: 'Funded over signed (0–1); null when nothing is signed.',
  })
  fundedRate: number | null;
  @Field(() => [InvestmentStageFigure], { description: 'Count and amount per stage, along the pipeline.' })
  byStage: InvestmentStageFigure[];
}

@ObjectType({ description: 'Villages of the region.' })
export class VillageStats {
  @Field(() => Int, { description: 'Villages.' }) total: number;
  @Field(() => Int, { description: 'Specialty villages (特色村).' }) specialty: number;
  @Field(() => Int, { description: 'Distinct themes over the specialty villages (at most 12).' })
  themeCount: number;
}

@ObjectType({ description: 'Union organisations and members.' })
export class UnionFigure {
  @Field(() => Int, { description: 'Organisations.' }) organizations: number;
  @Field(() => Int, { description: 'Members: talents on record plus members the organisations report.' })
  members: number;
}

@ObjectType({ description: 'Union organisations of the region.' })
export class UnionStats extends UnionFigure {
  @Field(() => UnionFigure, {
    description: 'Agriculture-related organisations (涉农工会) and their reported farmer members.',
  })
  agricultureRelated: UnionFigure;
}

/** The headline figures of a region (and everything below it), computed by the database. */
@ObjectType({
  description: 'Headline figures of a region and every region below it, computed by the database.',
})
export class RegionStats {
  regionId: string;
  /** Every part, when they were read with the region (its computed field `stats`). */
  computed?: Record<Part, unknown[]>;
}

/**
 * Each part of the figures as a query over the region's subtree (`scope`, a CTE of region ids);
 * its rows come back as JSON.
 */
const PARTS = {
  talents: `select count(*)::int as total, count(*) filter (where settlement = 'RESIDENT')::int as resident,
    count(*) filter (where settlement = 'FLEXIBLE')::int as flexible, count(*) filter (where settlement = 'DEPARTED')::int as departed
    from talent where archived_at is null and town_id in (select id from scope)`,
  houses: `select h.status, count(*)::int as count from rural_house h join village v on v.id = h.village_id
    where h.archived_at is null and v.town_id in (select id from scope) group by h.status`,
  investment: `select i.stage, count(*)::int as count, coalesce(sum(i.amount), 0)::text as total,
    coalesce(sum(i.amount) filter (where i.attributed_talent_id is not null), 0)::text as attributed,
    coalesce(sum(i.funded_amount), 0)::text as funded
    from investment i join project p on p.id = i.project_id
    where i.archived_at is null and i.currency = 'CNY' and p.town_id in (select id from scope) group by i.stage`,
  villages: `select count(*)::int as total, count(*) filter (where v.is_specialty)::int as specialty,
    (select count(distinct vt.theme_id) from village_theme vt join village sv on sv.id = vt.village_id
      where sv.is_specialty and sv.archived_at is null and sv.town_id in (select id from scope))::int as "themeCount"
    from village v where v.archived_at is null and v.town_id in (select id from scope)`,
  unions: `select count(*)::int as organizations,
    (coalesce(sum(u.reported_member_count), 0) + (select count(distinct m.talent_id) from union_membership m
      join union_organization mu on mu.id = m.organization_id
      where mu.archived_at is null and mu.reported_member_count is null and mu.region_id in (select id from scope)))::int as members,
    count(*) filter (where u.agriculture_related)::int as agri,
    coalesce(sum(u.reported_member_count) filter (where u.agriculture_related), 0)::int as "agriMembers"
    from union_organization u where u.archived_at is null and u.region_id in (select id from scope)`,
};
export type Part = keyof typeof PARTS;
const STAT_PARTS = Object.keys(PARTS) as Part[];

/** JSON of every part's rows for the region of row `alias`: the computed field `stats` of regions. */
export const regionStatsSql = (alias: string) =>
  `(with recursive scope as (select ${alias}.id as id union all select c.id from region c join scope s on c.parent_id = s.id) select json_build_object(${STAT_PARTS.map(
    (p) => `'${p}', (select coalesce(json_agg(x), '[]') from (${PARTS[p]}) x)`,
  ).join(', ')}))`;

/**
 * The rows of one part of a region's figures: read with the region when the query selected them
 * there (its computed field `stats`), else with the same SQL in one statement per batch of regions.
 */
function partRows<T>(ctx: Context, stats: RegionStats, part: Part): T[] | Promise<T[]> {
  if (stats.computed) return (stats.computed[part] ?? []) as T[];
  return ctx.loaders
    .get<Record<Part, unknown[]>>(
      'regionStats',
      async (regionIds) => {
        const rows = await runSql<{ id: string; stats: Record<Part, unknown[]> }>(
          ctx,
          sql`select r.id, ${raw(regionStatsSql('r'))} as stats from region r where ${keyCondition(regionIds, 'r.id')}`,
        );
        return new Map(rows.map((r) => [r.id, r.stats]));
      },
      {} as Record<Part, unknown[]>,
    )
    .load(stats.regionId)
    .then((figures) => (figures[part] ?? []) as T[]);
}

@Resolver(() => RegionStats)
export class RegionStatsResolver {
  @FieldResolver(() => TalentStats, { description: 'Talents.' })
  talents(@Root() stats: RegionStats, @Ctx() ctx: Context) {
    return andThen(partRows<TalentStats>(ctx, stats, 'talents'), ([row]) => row);
  }

  @FieldResolver(() => HouseStats, { description: 'Rural houses.' })
  houses(@Root() stats: RegionStats, @Ctx() ctx: Context) {
    return andThen(partRows<{ status: HouseStatus; count: number }>(ctx, stats, 'houses'), houseFigures);
  }

  @FieldResolver(() => InvestmentStats, { description: 'Investment.' })
  investment(@Root() stats: RegionStats, @Ctx() ctx: Context) {
    return andThen(partRows<StageRow>(ctx, stats, 'investment'), investmentFigures);
  }

  @FieldResolver(() => VillageStats, { description: 'Villages.' })
  villages(@Root() stats: RegionStats, @Ctx() ctx: Context) {
    return andThen(partRows<VillageStats>(ctx, stats, 'villages'), ([row]) => row);
  }

  @FieldResolver(() => UnionStats, { description: 'Union organisations.' })
  unions(@Root() stats: RegionStats, @Ctx() ctx: Context) {
    return andThen(partRows<UnionRow>(ctx, stats, 'unions'), ([row]) => ({
      organizations: row!.organizations,
      members: row!.members,
      agricultureRelated: { organizations: row!.agri, members: row!.agriMembers },
    }));
  }
}

/** Houses per status, in the order of the statuses, with the totals. */
function houseFigures(rows: { status: HouseStatus; count: number }[]) {
  const byStatus = Object.values(HouseStatus).map((status) => ({
    status,
    count: rows.find((r) => r.status === status)?.count ?? 0,
  }));
  const total = byStatus.reduce((n, s) => n + s.count, 0);
  return {
    total,
    transferred: total - byStatus.find((s) => s.status === HouseStatus.IDLE)!.count,
    byStatus,
  };
}

interface StageRow {
  stage: InvestmentStage;
  count: number;
  total: string;
  attributed: string;
  funded: string;
}
interface UnionRow {
  organizations: number;
  members: number;
  agri: number;
  agriMembers: number;
}

/** Signed and funded capital and the figures per stage, summed in cents (exact decimals). */
function investmentFigures(rows: StageRow[]) {
  const committed = rows.filter((r) => COMMITTED_STAGES.includes(r.stage));
  const sum = (values: string[]) => values.reduce((a, b) => a + BigInt(Math.round(Number(b) * 100)), 0n);
  const cents = (n: bigint) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;
  const signed = sum(committed.map((r) => r.total));
  const funded = sum(rows.map((r) => r.funded));
  return {
    total: money(cents(signed)),
    attributedToTalents: money(cents(sum(committed.map((r) => r.attributed)))),
    funded: money(cents(funded)),
    fundedRate: signed > 0n ? Number((funded * 10000n) / signed) / 10000 : null,
    byStage: Object.values(InvestmentStage).map((stage) => {
      const r = rows.find((x) => x.stage === stage);
      return { stage, count: r?.count ?? 0, total: money(r?.total ?? '0.00') };
    }),
  };
}
