import { AuditLog } from '../../graphql/write/audit.entity.js';
import { defineModule } from '../module.js';
import { AuditResolver } from './audit.resolver.js';
import { auditTable } from './audit.service.js';

/** The audit trail. */
export const auditModule = defineModule({
  name: 'audit',
  entities: [AuditLog],
  resolvers: [AuditResolver],
  tables: [auditTable],
});
