/** Lambda handler of the remediator: one watcher incident or Helios alarm change per invocation. */
import { createRemediatorHandler } from "../remediation/remediator-handler";

export const handler = createRemediatorHandler();
