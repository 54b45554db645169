import 'reflect-metadata';
import { auditModule } from './audit/audit.module.js';
import { houseModule } from './house/house.module.js';
import { imageModule } from './image/image.module.js';
import { investmentModule } from './investment/investment.module.js';
import { labelModule } from './label/label.module.js';
import { liveModule } from './live/live.module.js';
import type { Module } from './module.js';
import { networkModule } from './network/network.module.js';
import { nodeModule } from './node/node.module.js';
import { organizationModule } from './organization/organization.module.js';
import { projectModule } from './project/project.module.js';
import { regionModule } from './region/region.module.js';
import { searchModule } from './search/search.module.js';
import { slugModule } from './slug/slug.module.js';
import { spreadsheetModule } from './spreadsheet/spreadsheet.module.js';
import { talentModule } from './talent/talent.module.js';
import { themeModule } from './theme/theme.module.js';
import { unionModule } from './union/union.module.js';
import { userModule } from './user/user.module.js';
import { villageModule } from './village/village.module.js';

/**
 * Every feature module of the API, one line each. The ORM's entities and migrations, the schema's
 * resolvers and the read engine's registry (tables, `node(id:)` types, lists read along) are all
 * read from this list at start-up; adding a module is adding its line.
 */
export const modules: readonly Module[] = [
  nodeModule,
  regionModule,
  themeModule,
  villageModule,
  slugModule,
  organizationModule,
  talentModule,
  unionModule,
  projectModule,
  investmentModule,
  houseModule,
  imageModule,
  userModule,
  auditModule,
  spreadsheetModule,
  searchModule,
  networkModule,
  labelModule,
  liveModule,
];
