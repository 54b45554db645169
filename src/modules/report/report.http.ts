import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { createContext, type InputLimits } from '../../graphql/context.js';
import { ErrorCode } from '../../graphql/errors.js';
import { Locale } from '../../graphql/locale.js';
import { sendJson } from '../../http.js';
import { type AuthSettings, authenticate } from '../user/auth.js';
import { buildReport } from './report.js';

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

/**
 * `GET /export/report.<xlsx|csv>?region=<code>&lang=zh|en`: a region's dashboard as a dated file
 * (`report-<code>-<YYYY-MM-DD>.<format>`), for signed-in callers allowed to read that region.
 * Errors as the other exports answer them: coded JSON (400, 401, 403, 404).
 */
export async function sendReport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  format: 'csv' | 'xlsx',
  deps: { em: EntityManager; auth: AuthSettings; limits?: InputLimits; schema: GraphQLSchema },
) {
  const fail = (status: number, code: string, message: string) =>
    sendJson(res, status, { errors: [{ message, extensions: { code } }] });
  let viewer: Awaited<ReturnType<typeof authenticate>>;
  try {
    viewer = await authenticate(deps.em, deps.auth, req.headers.authorization);
  } catch (error) {
    return fail(401, ErrorCode.UNAUTHENTICATED, (error as Error).message);
  }
  if (viewer.kind !== 'user') return fail(401, ErrorCode.UNAUTHENTICATED, 'Sign in to read a report');
  const params = url.searchParams;
  const unknown = [...params.keys()].find((k) => k !== 'region' && k !== 'lang');
  if (unknown) return fail(400, ErrorCode.BAD_USER_INPUT, `Unknown parameter "${unknown.slice(0, 40)}"`);
  if (params.getAll('region').length > 1 || params.getAll('lang').length > 1)
    return fail(400, ErrorCode.BAD_USER_INPUT, 'Give region and lang once each');
  const lang = params.get('lang') ?? 'zh';
  const ctx = createContext(deps.em, deps.auth, {
    viewer,
    locale: lang === 'en' ? Locale.EN : Locale.ZH,
    limits: deps.limits,
  });
  try {
    const report = await buildReport(ctx, deps.schema, { region: params.get('region'), lang, format });
    res.writeHead(200, {
      'content-type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${report.fileName}"`,
      'x-request-id': ctx.requestId,
    });
    res.end(report.data);
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    const status = code ? STATUS[code] : undefined;
    if (status) return fail(status, code!, (error as Error).message);
    throw error;
  }
}
