// Starts a TypeScript worker from source (tests, the CLI, the browser shell run under tsx): workers
// do not inherit tsx's loader on Node 20, so register it here, then load the real entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.__tsEntry);
