import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the filters the first migration left without one: trigram indexes for `contains` /
 * `startsWith` on names and addresses (ILIKE can use them), and b-tree indexes on the remaining
 * filterable columns.
 */
export class Migration20261128010000_filter_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create index region_name_trgm_idx on region using gin (name_zh gin_trgm_ops, name_en gin_trgm_ops);
create index theme_name_trgm_idx on theme using gin (name_zh gin_trgm_ops, name_en gin_trgm_ops);
create index village_name_trgm_idx on village using gin (name_zh gin_trgm_ops, name_en gin_trgm_ops);
create index organization_name_trgm_idx on organization using gin (name_zh gin_trgm_ops, name_en gin_trgm_ops);
create index union_organization_name_trgm_idx on union_organization using gin (name_zh gin_trgm_ops, name_en gin_trgm_ops);
create index project_name_trgm_idx on project using gin (name_zh gin_trgm_ops, name_en gin_trgm_ops);
create index talent_display_name_trgm_idx on talent using gin (display_name gin_trgm_ops, field gin_trgm_ops);
create index rural_house_address_trgm_idx on rural_house using gin (address gin_trgm_ops);

create index organization_is_demo_idx on organization (is_demo);
create index talent_degree_idx on talent (degree);
create index talent_tier_idx on talent (tier);
create index talent_is_demo_idx on talent (is_demo);
create index union_organization_founded_on_idx on union_organization (founded_on, id);
create index union_membership_elected_on_idx on union_membership (elected_on, id);
create index union_membership_joined_on_idx on union_membership (joined_on, id);
create index project_participant_role_idx on project_participant (role);
create index project_partner_role_idx on project_partner (role);
create index investment_kind_idx on investment (kind);
create index rural_house_current_use_idx on rural_house (current_use);
create index lease_ends_on_idx on lease (ends_on, id);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
drop index region_name_trgm_idx, theme_name_trgm_idx, village_name_trgm_idx, organization_name_trgm_idx,
  union_organization_name_trgm_idx, project_name_trgm_idx, talent_display_name_trgm_idx, rural_house_address_trgm_idx,
  organization_is_demo_idx, talent_degree_idx, talent_tier_idx, talent_is_demo_idx, union_organization_founded_on_idx,
  union_membership_elected_on_idx, union_membership_joined_on_idx, project_participant_role_idx, project_partner_role_idx,
  investment_kind_idx, rural_house_current_use_idx, lease_ends_on_idx;
`);
  }
}
