/** Lambda handler for GET /: the service status and each detector's model version. */
import { createStatusHandler } from "../runtime";

export const handler = createStatusHandler();
