import type { ErrorRequestHandler } from 'express';
import { toProblem } from '../lib/errors.ts';

/** Last middleware: every error becomes problem+json; 5xx are logged, their details never sent. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const problem = toProblem(err);
  if (problem.status >= 500) req.log?.error({ err }, 'request failed');
  res.status(problem.status).type('application/problem+json').json({ ...problem, instance: req.originalUrl, requestId: req.id });
};
