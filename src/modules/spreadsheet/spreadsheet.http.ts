import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { createContext, type InputLimits } from '../../graphql/context.js';
import { ErrorCode } from '../../graphql/errors.js';
import { withoutSuggestions } from '../../graphql/guards.js';
import { Locale } from '../../graphql/locale.js';
import { sendJson } from '../../http.js';
import { sendReport } from '../report/report.http.js';
import { type AuthSettings, authenticate } from '../user/auth.js';
import { exportList, isExportable, type Lang } from './spreadsheet.export.js';

/**
 * `GET /export/<list>.<csv|xlsx>?where=<json>&lang=zh|en` for signed-in callers: the list as a
 * spreadsheet, with the list's own `where` and the caller's view of private fields.
 */
export async function sendExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  list: string,
  format: 'csv' | 'xlsx',
  deps: { em: EntityManager; auth: AuthSettings; limits?: InputLimits; schema: GraphQLSchema },
) {
  const fail = (status: number, code: string, message: string) =>
    sendJson(res, status, { errors: [{ message, extensions: { code } }] });
  if (list === 'report') return sendReport(req, res, url, format, deps);
  if (!isExportable(list)) return fail(404, ErrorCode.NOT_FOUND, `There is no list "${list}" to export`);
  let viewer: Awaited<ReturnType<typeof authenticate>>;
  try {
    viewer = await authenticate(deps.em, deps.auth, req.headers.authorization);
  } catch (error) {
    return fail(401, ErrorCode.UNAUTHENTICATED, (error as Error).message);
  }
  if (viewer.kind !== 'user') return fail(401, ErrorCode.UNAUTHENTICATED, 'Sign in to export');
  let where: unknown;
  try {
    where = url.searchParams.has('where') ? JSON.parse(url.searchParams.get('where')!) : undefined;
  } catch {
    return fail(400, ErrorCode.BAD_USER_INPUT, 'where must be JSON, e.g. {"status":{"eq":"IDLE"}}');
  }
  const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh';
  const ctx = createContext(deps.em, deps.auth, {
    viewer,
    locale: lang === 'en' ? Locale.EN : Locale.ZH,
    limits: deps.limits,
  });
  try {
    const data = await exportList(ctx, list, { where, lang, format, schema: deps.schema });
    res.writeHead(200, {
      'content-type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${list}.${format}"`,
      'x-request-id': ctx.requestId,
    });
    res.end(data);
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    // An export link is no development tool: no "Did you mean …" hints at the schema.
    if (code === ErrorCode.BAD_USER_INPUT)
      return fail(400, code, withoutSuggestions({ message: (error as Error).message }).message);
    throw error;
  }
}
