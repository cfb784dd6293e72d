/**
 * Lambda handler for POST /predict/login (readings and sign-in events) and for AWS console
 * sign-ins from EventBridge: the catalog entry run by the shared detector runtime.
 */
import { getDetector } from "../catalog";
import { detectorHandler } from "../runtime";

export const handler = detectorHandler(getDetector("login"));
