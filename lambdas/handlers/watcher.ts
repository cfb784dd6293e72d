/** Lambda handler of the scheduled watcher: one run per invocation (see lambdas/watcher/watcher-runtime.ts). */
import { createWatcherRuntime } from "../watcher/watcher-runtime";

export const handler = createWatcherRuntime();
