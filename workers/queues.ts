// The queues live in server/jobs (the API shows them at /admin/queues too); re-exported for the workers.
export { closeQueues, createQueues, defaultJobOptions } from '../server/jobs/queues.ts';
