import { AuditLog } from '../graphql/write/audit.entity.js';
import { Lease, RuralHouse } from '../modules/house/house.entity.js';
import { Investment } from '../modules/investment/investment.entity.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { Project, ProjectParticipant, ProjectPartner } from '../modules/project/project.entity.js';
import { Region } from '../modules/region/region.entity.js';
import { Talent } from '../modules/talent/talent.entity.js';
import { Theme } from '../modules/theme/theme.entity.js';
import { UnionMembership, UnionOrganization } from '../modules/union/union.entity.js';
import { AppUser } from '../modules/user/user.entity.js';
import { Village } from '../modules/village/village.entity.js';

/** Every entity of the domain; adding an entity means adding it here. */
export const entities = [
  Region,
  Theme,
  Village,
  Organization,
  Talent,
  UnionOrganization,
  UnionMembership,
  Project,
  ProjectParticipant,
  ProjectPartner,
  Investment,
  RuralHouse,
  Lease,
  AppUser,
  AuditLog,
];
