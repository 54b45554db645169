import type { Role } from '../modules/user/user.entity.js';

/** Who is calling: nobody in particular, or a signed-in account. */
/** A signed-in caller. */
export type SignedIn = Extract<Viewer, { kind: 'user' }>;

export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      role: Role;
      /** The region an official governs. */
      regionId: string | null;
      /** That region and every region below it (a district's towns, …). */
      regionIds: string[];
    };

export const anonymous: Viewer = { kind: 'anonymous' };

const uuidList = (ids: string[]) => `'{${ids.join(',')}}'::uuid[]`;

/** SQL (on `alias`) that is true when the row's region lies in the official's regions. */
const IN_REGION: Record<string, (alias: string, regions: string) => string> = {
  talent: (a, r) => `${a}.town_id = any(${r})`,
  rural_house: (a, r) =>
    `exists (select 1 from village pv where pv.id = ${a}.village_id and pv.town_id = any(${r}))`,
};

/** Tables whose rows are visible exactly when the talent their `talent_id` names is. */
const THROUGH_TALENT = new Set(['union_membership', 'project_participant']);

/**
 * The one authorization point of the read side; every list, relation, `node` and filter asks it.
 * - `rowScope`: the SQL condition rows must meet to be seen at all (null: every row);
 * - `privateColumn`: the SQL expression that reads a private column for this viewer (null: not at
 *   all), so private values never leave the database for callers who may not read them.
 */
export const policy = {
  rowScope(viewer: Viewer, table: string, alias: string): string | null {
    if (viewer.kind === 'user' && viewer.role === 'ADMIN') return null;
    if (THROUGH_TALENT.has(table)) {
      return `exists (select 1 from talent pt where pt.id = ${alias}.talent_id and ${policy.rowScope(viewer, 'talent', 'pt')})`;
    }
    const official = viewer.kind === 'user' && viewer.role === 'OFFICIAL' ? uuidList(viewer.regionIds) : null;
    switch (table) {
      case 'talent':
        return official
          ? `(${alias}.public_profile or ${IN_REGION.talent!(alias, official)})`
          : `${alias}.public_profile`;
      case 'image': {
        // A talent's picture is public only with the talent's public profile and their consent to it.
        const shown = `(${alias}.talent_id is null or (${alias}.consent and exists (select 1 from talent pt where pt.id = ${alias}.talent_id and pt.public_profile)))`;
        return official
          ? `(${shown} or exists (select 1 from talent pt where pt.id = ${alias}.talent_id and ${IN_REGION.talent!('pt', official)}))`
          : shown;
      }
      case 'audit_log':
        // Admins see everything (above); officials the writes within their regions; nobody else any.
        return official ? `${alias}.region_id = any(${official})` : 'false';
      default:
        return null;
    }
  },

  /**
   * Whether rows of `table` whose parent key is `linkExpr` are in scope whenever that parent is: a
   * membership or project role is visible exactly when its talent is, so under a talent row read
   * with the same viewer's scope it needs no condition of its own.
   */
  scopeFollowsParent(table: string, linkExpr: string): boolean {
    return THROUGH_TALENT.has(table) && linkExpr === 't.talent_id';
  },

  /**
   * The SQL condition (on `alias`) under which this viewer may read private `column` of a row of
   * `table`: 'true' always, null never. The one rule for private values, wherever they are read
   * (columns, the audit trail).
   */
  privateAccess(viewer: Viewer, table: string, alias: string, column: string): string | null {
    if (viewer.kind === 'anonymous') return null;
    switch (viewer.role) {
      case 'ADMIN':
        return 'true';
      case 'OFFICIAL': {
        const inRegion = IN_REGION[table];
        return inRegion ? inRegion(alias, uuidList(viewer.regionIds)) : null;
      }
      case 'PARTNER':
        return table === 'talent' && (column === 'phone' || column === 'email')
          ? `${alias}.contact_consent`
          : null;
      default:
        return null;
    }
  },

  privateColumn(viewer: Viewer, table: string, alias: string, column: string): string | null {
    const access = policy.privateAccess(viewer, table, alias, column);
    const value = `${alias}.${column}`;
    if (access === null) return null;
    return access === 'true' ? value : `case when ${access} then ${value} end`;
  },
};
