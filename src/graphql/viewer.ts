/**
 * Who is calling. Today every caller is anonymous; accounts and roles plug in here, and every read
 * asks the policy below, so unlocking private fields for a role changes this file only.
 */
export type Viewer = { kind: 'anonymous' };

export const anonymous: Viewer = { kind: 'anonymous' };

/** Tables whose rows some viewers may not see at all. */
export type ScopedTable = 'talent' | 'union_membership' | 'project_participant';

/**
 * The one authorization point of the read side.
 * - `rowScope` gives the SQL condition a viewer's rows must meet (null: every row);
 * - `canReadPrivate` says whether private columns (full names, contact details, owners) are selected.
 */
export const policy = {
  /** SQL (on `alias`) restricting rows of `table` to what the viewer may see. */
  rowScope(viewer: Viewer, table: string, alias: string): string | null {
    if (viewer.kind !== 'anonymous') return null;
    switch (table as ScopedTable) {
      case 'talent':
        return `${alias}.public_profile`;
      case 'union_membership':
      case 'project_participant':
        return `exists (select 1 from talent pt where pt.id = ${alias}.talent_id and pt.public_profile)`;
      default:
        return null;
    }
  },

  /** Whether private columns of `table` may be read by the viewer. */
  canReadPrivate(viewer: Viewer, _table: string): boolean {
    return viewer.kind !== 'anonymous';
  },
};
