import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import { toProblem } from '../lib/errors.ts';

/**
 * Last middleware: every error becomes problem+json of one shape (type, title, status, detail, code,
 * instance, requestId; errors on a 400); 5xx are logged, their details never sent.
 */
export const problemHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  const problem = toProblem(err);
  if (problem.status >= 500) req.log?.error({ err }, 'request failed');
  const requestId = req.id ?? String(res.getHeader('x-request-id') ?? randomUUID());
  res.status(problem.status).type('application/problem+json').json({ ...problem, instance: req.originalUrl, requestId });
};
