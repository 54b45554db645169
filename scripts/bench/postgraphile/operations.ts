import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGlobalId } from '../../../src/graphql/ids.js';

/**
 * PostGraphile v5 as the benchmark's yardstick (`--postgraphile`): the same three operations asked in
 * the schema PostGraphile derives from our tables (Amber preset with the connection-filter and
 * aggregates plugins), over the same data, with the same pool size. Its answers have PostGraphile's
 * shape, not ours, so the benchmark checks they hold the same things (villages, the talent, the
 * region's talents) rather than equal text. Where PostGraphile cannot say what our API says (names by
 * locale, the lease in force as "tenant", a subtree of regions), it is asked for the nearest it can
 * answer: never more work than ours.
 */
export const POSTGRAPHILE_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Installs PostGraphile from its own package-lock.json when it is not there yet (npm registry only). */
export function installPostGraphile(): void {
  if (existsSync(`${POSTGRAPHILE_DIR}/node_modules/postgraphile/package.json`)) return;
  console.log('installing PostGraphile v5 for the comparison (scripts/bench/postgraphile, once)…');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: POSTGRAPHILE_DIR,
    stdio: 'inherit',
  });
  if (npm.status !== 0) throw new Error('npm ci in scripts/bench/postgraphile failed');
}

const COMMITTED = '["SIGNED", "CONSTRUCTION", "FUNDED", "PRODUCTION"]';
/** A region and the regions right under it: a town, or a province of towns (the generated data). */
const IN_SCOPE = '{ or: [{ code: { equalTo: $town } }, { regionByParentId: { code: { equalTo: $town } } }] }';

const Q1 = `query Q1($town: String!, $theme: String!, $first: Int = 20) {
  allVillages(first: $first, orderBy: NAME_EN_ASC, filter: {
    regionByTownId: { code: { equalTo: $town } }
    villageThemesByVillageId: { some: { themeByThemeId: { code: { equalTo: $theme } } } }
    isSpecialty: { equalTo: true }
  }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id nameEn lat lng
      villageThemesByVillageId { nodes { themeByThemeId { code nameEn } } }
      ruralHousesByVillageId(first: 10) { totalCount nodes { id address status
        leasesByHouseId(first: 1, filter: { terminatedOn: { isNull: true } }) { nodes {
          talentByLesseeTalentId { id displayName }
          projectByLesseeProjectId { id nameEn }
          organizationByLesseeOrganizationId { id nameEn } } } } }
      projectsByVillageId(first: 10) { nodes { id nameEn kind
        committed: investmentsByProjectId(filter: { stage: { in: ${COMMITTED} } }) { aggregates { sum { amount } } }
        investmentsByProjectId(first: 10) { nodes { id amount currency stage organizationByInvestorId { id nameEn } } } } }
    } }
  }
}`;

const Q2 = `query Q2($id: UUID!) {
  talentByRowId(rowId: $id) {
    id displayName title field settlement arrivedOn
    organizationByAffiliationId { id nameZh }
    unionMembershipsByTalentId(first: 10) { nodes { role electedOn
      unionOrganizationByOrganizationId { id nameZh kind unionOrganizationByParentId { id nameZh } } } }
    projectParticipantsByTalentId(first: 20) { nodes { role projectByProjectId { id nameZh
      villageByVillageId { id nameZh }
      investmentsByProjectId(filter: { stage: { in: ${COMMITTED} } }) { aggregates { sum { amount } } } } } }
    investmentsByAttributedTalentId(filter: { stage: { in: ${COMMITTED} } }) { aggregates { sum { amount } } }
  }
}`;

const Q3 = `query Q3($town: String!) {
  regionByCode(code: $town) { id nameZh }
  talents: allTalents(filter: { archivedAt: { isNull: true }, regionByTownId: ${IN_SCOPE} }) {
    totalCount groupedAggregates(groupBy: SETTLEMENT) { keys distinctCount { rowId } } }
  houses: allRuralHouses(filter: { archivedAt: { isNull: true }, villageByVillageId: { regionByTownId: ${IN_SCOPE} } }) {
    totalCount groupedAggregates(groupBy: STATUS) { keys distinctCount { rowId } } }
  investments: allInvestments(filter: { archivedAt: { isNull: true }, currency: { equalTo: "CNY" },
      projectByProjectId: { regionByTownId: ${IN_SCOPE} } }) {
    groupedAggregates(groupBy: STAGE) { keys distinctCount { rowId } sum { amount fundedAmount } } }
  attributed: allInvestments(filter: { archivedAt: { isNull: true }, currency: { equalTo: "CNY" },
      attributedTalentId: { isNull: false }, stage: { in: ${COMMITTED} }, projectByProjectId: { regionByTownId: ${IN_SCOPE} } }) {
    aggregates { sum { amount } } }
  villages: allVillages(filter: { archivedAt: { isNull: true }, regionByTownId: ${IN_SCOPE} }) { totalCount }
  specialty: allVillages(filter: { archivedAt: { isNull: true }, isSpecialty: { equalTo: true }, regionByTownId: ${IN_SCOPE} }) {
    totalCount }
  themes: allVillageThemes(filter: { villageByVillageId: { archivedAt: { isNull: true }, isSpecialty: { equalTo: true },
      regionByTownId: ${IN_SCOPE} } }) { groupedAggregates(groupBy: THEME_ID) { keys } }
  unions: allUnionOrganizations(filter: { archivedAt: { isNull: true }, regionByRegionId: ${IN_SCOPE} }) {
    totalCount aggregates { sum { reportedMemberCount } } }
  agri: allUnionOrganizations(filter: { archivedAt: { isNull: true }, agricultureRelated: { equalTo: true },
      regionByRegionId: ${IN_SCOPE} }) { totalCount aggregates { sum { reportedMemberCount } } }
  unreported: allUnionMemberships(filter: { unionOrganizationByOrganizationId: { archivedAt: { isNull: true },
      reportedMemberCount: { isNull: true }, regionByRegionId: ${IN_SCOPE} } }) { aggregates { distinctCount { talentId } } }
}`;

type Vars = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: answers are read by path, in two schemas
type Answer = any;

/**
 * Per operation of the benchmark: PostGraphile's query, its variables from ours, and what its answer
 * and ours must agree on (a description of the first disagreement, or null).
 */
export const POSTGRAPHILE_OPERATIONS: Record<
  string,
  {
    query: string;
    variables: (v: Vars) => Vars;
    disagreement: (ours: Answer, theirs: Answer) => string | null;
  }
> = {
  q1: {
    query: Q1,
    variables: (v) => ({ town: v.town, theme: v.theme, first: v.first }),
    disagreement: (ours, theirs) =>
      ours.data.villages.totalCount === theirs.data?.allVillages?.totalCount &&
      ours.data.villages.edges.length === theirs.data.allVillages.edges.length
        ? null
        : 'villages',
  },
  q2: {
    query: Q2,
    variables: (v) => ({ id: parseGlobalId(String(v.id))?.uuid }),
    disagreement: (ours, theirs) =>
      ours.data.node.displayName === theirs.data?.talentByRowId?.displayName ? null : 'the talent',
  },
  q3: {
    query: Q3,
    variables: (v) => ({ town: v.town }),
    disagreement: (ours, theirs) =>
      ours.data.region.stats.talents.total === theirs.data?.talents?.totalCount &&
      ours.data.region.stats.villages.total === theirs.data.villages.totalCount
        ? null
        : 'the counts of talents and villages',
  },
};
