/**
 * The expertise index worker script of the local workbench (served as /_workbench/expertise-worker.js,
 * same origin as the page, as a Worker requires): the engine of services/expertise/indexWorker.ts.
 */
import { installIndexWorker } from '../../services/expertise/indexWorker';

installIndexWorker(self as unknown as Parameters<typeof installIndexWorker>[0]);
