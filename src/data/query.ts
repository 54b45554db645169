/*
 * The read engine's entry points, as the modules import them. The engine itself, one job a file:
 * sql.ts (SQL fragments: bound values, quoted identifiers, generated aliases), table.ts (table
 * specs and their typed rows), statements.ts (running prepared statements), select.ts (select
 * lists and joins), cursors.ts (order terms, cursors, keyset conditions), list.ts (what a list
 * statement reads), fold.ts (nested lists read along), pages.ts (list pages), load.ts (rows by id
 * or unique column).
 */
export { childListKey, DEFAULT_PAGE_SIZE, DISTANCE_KEY, MAX_PAGE_SIZE } from './list.js';
export { findById, findByUnique } from './load.js';
export { emptyPage, loadPages, type Page } from './pages.js';
export { keyCondition } from './select.js';
export { limitPreparedStatements, preparedOn, runSql } from './statements.js';
export type { Direction, ListArgs, ParentLink } from './table.js';
