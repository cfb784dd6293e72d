/** Lambda handler for GET /: the service status and each detector's model version. */
// Imported from its module, not the runtime barrel: the barrel loads onnxruntime-node, which the
// status function neither needs nor ships (only the detector functions get the onnxruntime layer).
import { createStatusHandler } from "../runtime/service-status";

export const handler = createStatusHandler();
