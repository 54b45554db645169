import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import { field, ResolverOf } from '../../graphql/resolvers.js';
import { UpdateNamedInput } from '../../graphql/write/inputs.js';
import { organizationService } from '../organization/organization.service.js';
import { OrganizationConnection, OrganizationListArgs } from '../organization/organization.types.js';
import { projectService } from '../project/project.service.js';
import { ProjectConnection, ProjectListArgs } from '../project/project.types.js';
import { talentService } from '../talent/talent.service.js';
import { TalentConnection, TalentListArgs } from '../talent/talent.types.js';
import { unionService } from '../union/union.service.js';
import { UnionOrganizationConnection, UnionOrganizationListArgs } from '../union/union.types.js';
import { villageService } from '../village/village.service.js';
import { VillageConnection, VillageListArgs } from '../village/village.types.js';
import { CreateRegionInput, RegionPayload } from './region.inputs.js';
import { regionService } from './region.service.js';
import { RegionStats } from './region.stats.js';
import { Region, RegionConnection, RegionListArgs } from './region.types.js';
import { regionWrites } from './region.writes.js';

@Resolver(() => Region)
class RegionFields {
  @FieldResolver(() => RegionStats, {
    description:
      'Headline figures of this region and every region below it (talents, houses, investment, villages, unions).',
  })
  stats(@Root() region: Row): RegionStats {
    return { regionId: region.pk, computed: region.$stats as RegionStats['computed'] };
  }
}

// biome-ignore format: a table, one field a line
export const RegionResolver = ResolverOf(Region, { what: 'region', named: true, payload: RegionPayload, base: RegionFields }, {
  regions: field.listQuery(RegionConnection, RegionListArgs, regionService.list, 'Regions: the city, its districts and towns.'),
  region: field.byCode(Region, regionService.byCode, 'Region slug.', 'A region by its slug, e.g. "dashuibo"; null when there is none.'),
  parent: field.toOne(Region, regionService.byId, 'The region this one belongs to (a town’s district, a district’s city).', { nullable: true }),
  children: field.toMany(RegionConnection, RegionListArgs, regionService.children, 'Regions directly below this one.'),
  villages: field.toMany(VillageConnection, VillageListArgs, villageService.byTown, 'Villages of this town.'),
  talents: field.toMany(TalentConnection, TalentListArgs, talentService.byTown, 'Talents of this town who have a public profile.'),
  projects: field.toMany(ProjectConnection, ProjectListArgs, projectService.byTown, 'Projects located in this town.'),
  unionOrganizations: field.toMany(UnionOrganizationConnection, UnionOrganizationListArgs, unionService.byRegion, 'Union organisations registered in this region.'),
  organizations: field.toMany(OrganizationConnection, OrganizationListArgs, organizationService.byRegion, 'Organisations based in this region.'),
  createRegion: field.mutation(CreateRegionInput, regionWrites.create, 'Creates a region (admins only).'),
  updateRegion: field.mutation(UpdateNamedInput, regionWrites.update, 'Renames or redescribes a region (admins only).'),
  archiveRegion: field.archive(regionWrites.archive, 'Archives a region (admins only).'),
});
