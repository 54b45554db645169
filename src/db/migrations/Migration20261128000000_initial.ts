import { Migration } from '@mikro-orm/migrations';

/**
 * The whole domain: regions, themes, villages, talents, organisations, union
 * organisations and memberships, projects with participants and partners, investments, rural houses
 * and leases. Rules the database can hold are check constraints; every foreign key and every column
 * the API filters or sorts on has an index.
 */
export class Migration20261128000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create extension if not exists pg_trgm;

create table region (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z][a-z0-9-]*$'),
  kind text not null check (kind in ('PROVINCE', 'CITY', 'DISTRICT', 'TOWN')),
  parent_id uuid references region (id),
  name_zh text not null check (name_zh <> ''),
  name_en text not null check (name_en <> ''),
  description_zh text,
  description_en text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index region_parent_id_idx on region (parent_id);
create index region_kind_idx on region (kind);
create index region_name_zh_idx on region (name_zh);
create index region_name_en_idx on region (name_en);

create table theme (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z]+$'),
  position integer not null unique check (position > 0),
  name_zh text not null check (name_zh <> ''),
  name_en text not null check (name_en <> ''),
  description_zh text,
  description_en text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create table village (
  id uuid primary key default gen_random_uuid(),
  town_id uuid not null references region (id),
  name_zh text not null check (name_zh <> ''),
  name_en text not null check (name_en <> ''),
  description_zh text,
  description_en text,
  is_specialty boolean not null default false,
  lat numeric(9, 6) check (lat between -90 and 90),
  lng numeric(9, 6) check (lng between -180 and 180),
  photos text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (town_id, name_zh)
);
create index village_town_id_idx on village (town_id);
create index village_name_zh_idx on village (name_zh, id);
create index village_name_en_idx on village (name_en, id);
create index village_is_specialty_idx on village (is_specialty);
create index village_created_at_idx on village (created_at, id);

create table village_theme (
  village_id uuid not null references village (id) on delete cascade,
  theme_id uuid not null references theme (id),
  primary key (village_id, theme_id)
);
create index village_theme_theme_id_idx on village_theme (theme_id);

create table organization (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('UNIVERSITY', 'COMPANY', 'FUND', 'COOPERATIVE', 'PUBLIC_BODY', 'SOCIAL_ORGANIZATION')),
  region_id uuid references region (id),
  name_zh text not null check (name_zh <> ''),
  name_en text not null check (name_en <> ''),
  description_zh text,
  description_en text,
  website text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (name_zh)
);
create index organization_region_id_idx on organization (region_id);
create index organization_kind_idx on organization (kind);
create index organization_name_zh_idx on organization (name_zh, id);
create index organization_name_en_idx on organization (name_en, id);

create table talent (
  id uuid primary key default gen_random_uuid(),
  town_id uuid not null references region (id),
  display_name text not null check (display_name <> ''),
  full_name text not null check (full_name <> ''),
  phone text,
  email text check (email is null or email ~ '^[^@\\s]+@[^@\\s]+$'),
  bio_zh text,
  bio_en text,
  degree text check (degree in ('DOCTORATE', 'MASTER', 'BACHELOR', 'OTHER')),
  title text,
  tier text check (tier in ('LEADING', 'HIGH_LEVEL', 'SKILLED')),
  field text,
  affiliation_id uuid references organization (id),
  origin_city text,
  arrived_on date,
  settlement text not null check (settlement in ('RESIDENT', 'FLEXIBLE', 'DEPARTED')),
  public_profile boolean not null default false,
  contact_consent boolean not null default false,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index talent_town_id_idx on talent (town_id);
create index talent_affiliation_id_idx on talent (affiliation_id);
create index talent_display_name_idx on talent (display_name, id);
create index talent_settlement_idx on talent (settlement);
create index talent_field_idx on talent (field);
create index talent_arrived_on_idx on talent (arrived_on, id);
create index talent_public_idx on talent (public_profile);

create table union_organization (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('FEDERATION', 'JOINT_UNION', 'BRANCH', 'COOPERATIVE_UNION', 'ENTERPRISE_UNION', 'INDUSTRY_FEDERATION', 'INDUSTRY_UNION')),
  parent_id uuid references union_organization (id),
  region_id uuid not null references region (id),
  name_zh text not null check (name_zh <> ''),
  name_en text not null check (name_en <> ''),
  description_zh text,
  description_en text,
  founded_on date,
  agriculture_related boolean not null default false,
  reported_member_count integer check (reported_member_count >= 0),
  reported_enterprise_count integer check (reported_enterprise_count >= 0),
  facilities text[] not null default '{}' check (facilities <@ array['WORKERS_LIBRARY', 'ACTIVITY_CENTER', 'WORKERS_HOME']::text[]),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (parent_id is null or parent_id <> id)
);
create index union_organization_parent_id_idx on union_organization (parent_id);
create index union_organization_region_id_idx on union_organization (region_id);
create index union_organization_kind_idx on union_organization (kind);
create index union_organization_name_zh_idx on union_organization (name_zh, id);
create index union_organization_name_en_idx on union_organization (name_en, id);
create index union_organization_agriculture_idx on union_organization (agriculture_related);

create table union_membership (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references union_organization (id),
  talent_id uuid not null references talent (id),
  role text not null check (role in ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER', 'MEMBER')),
  joined_on date,
  elected_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (organization_id, talent_id)
);
create index union_membership_talent_id_idx on union_membership (talent_id);
create index union_membership_role_idx on union_membership (role);

create table project (
  id uuid primary key default gen_random_uuid(),
  town_id uuid not null references region (id),
  village_id uuid references village (id),
  kind text not null check (kind in ('COLLEGE', 'WORKSTATION', 'DESIGN_STUDIO', 'SCHOOL', 'PASTORAL_COMPLEX', 'HOMESTAY', 'STUDIO', 'AGRICULTURE', 'OTHER')),
  status text not null check (status in ('PLANNED', 'UNDER_CONSTRUCTION', 'OPERATING', 'SUSPENDED', 'CLOSED')),
  name_zh text not null check (name_zh <> ''),
  name_en text not null check (name_en <> ''),
  description_zh text,
  description_en text,
  started_on date,
  opened_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (town_id, name_zh),
  check (opened_on is null or started_on is null or opened_on >= started_on)
);
create index project_town_id_idx on project (town_id);
create index project_village_id_idx on project (village_id);
create index project_kind_idx on project (kind);
create index project_status_idx on project (status);
create index project_name_zh_idx on project (name_zh, id);
create index project_name_en_idx on project (name_en, id);
create index project_started_on_idx on project (started_on, id);

create table project_participant (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references project (id),
  talent_id uuid not null references talent (id),
  role text not null check (role in ('FOUNDER', 'LEAD', 'MEMBER', 'ADVISOR')),
  since date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (project_id, talent_id, role)
);
create index project_participant_talent_id_idx on project_participant (talent_id);

create table project_partner (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references project (id),
  organization_id uuid not null references organization (id),
  role text not null check (role in ('INVESTOR', 'ACADEMIC', 'OPERATOR', 'GOVERNMENT', 'SUPPLIER')),
  since date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (project_id, organization_id, role)
);
create index project_partner_organization_id_idx on project_partner (organization_id);

create table investment (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references project (id),
  investor_id uuid not null references organization (id),
  attributed_talent_id uuid references talent (id),
  kind text not null default 'INITIAL' check (kind in ('INITIAL', 'ADDITIONAL')),
  stage text not null check (stage in ('PROMOTION', 'NEGOTIATION', 'SIGNED', 'CONSTRUCTION', 'FUNDED', 'PRODUCTION')),
  amount numeric(16, 2) not null check (amount > 0),
  funded_amount numeric(16, 2) not null default 0 check (funded_amount >= 0),
  currency char(3) not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
  signed_on date,
  funded_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (funded_amount <= amount)
);
create index investment_project_id_idx on investment (project_id);
create index investment_investor_id_idx on investment (investor_id);
create index investment_attributed_talent_id_idx on investment (attributed_talent_id);
create index investment_stage_idx on investment (stage);
create index investment_amount_idx on investment (amount, id);
create index investment_signed_on_idx on investment (signed_on, id);

create table rural_house (
  id uuid primary key default gen_random_uuid(),
  village_id uuid not null references village (id),
  address text not null check (address <> ''),
  floor_area_m2 numeric(8, 2) not null check (floor_area_m2 > 0),
  status text not null check (status in ('IDLE', 'TRANSFERRED', 'RENOVATING', 'RENOVATED', 'IN_USE')),
  current_use text check (current_use in ('HOMESTAY', 'STUDIO', 'OFFICE', 'RESIDENCE', 'CLASSROOM', 'CATERING', 'EXHIBITION', 'OTHER')),
  owner_household text,
  renovated_on date,
  renovation_note_zh text,
  renovation_note_en text,
  lat numeric(9, 6) check (lat between -90 and 90),
  lng numeric(9, 6) check (lng between -180 and 180),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (village_id, address)
);
create index rural_house_status_idx on rural_house (status);
create index rural_house_address_idx on rural_house (address, id);
create index rural_house_floor_area_idx on rural_house (floor_area_m2, id);

create table lease (
  id uuid primary key default gen_random_uuid(),
  house_id uuid not null references rural_house (id),
  mode text not null check (mode in ('LEASE', 'SHARE', 'COOPERATION', 'SELF_RUN')),
  lessee_talent_id uuid references talent (id),
  lessee_project_id uuid references project (id),
  lessee_organization_id uuid references organization (id),
  starts_on date not null,
  ends_on date not null,
  terminated_on date,
  annual_rent numeric(12, 2) check (annual_rent >= 0),
  currency char(3) not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (num_nonnulls(lessee_talent_id, lessee_project_id, lessee_organization_id) = 1),
  check (ends_on > starts_on),
  check (ends_on <= starts_on + interval '20 years'),
  check (terminated_on is null or terminated_on >= starts_on)
);
create index lease_house_id_idx on lease (house_id, starts_on);
create index lease_lessee_talent_id_idx on lease (lessee_talent_id);
create index lease_lessee_project_id_idx on lease (lessee_project_id);
create index lease_lessee_organization_id_idx on lease (lessee_organization_id);
create index lease_starts_on_idx on lease (starts_on, id);
create index lease_mode_idx on lease (mode);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
drop table if exists lease, rural_house, investment, project_partner, project_participant, project,
  union_membership, union_organization, talent, organization, village_theme, village, theme, region cascade;
`);
  }
}
