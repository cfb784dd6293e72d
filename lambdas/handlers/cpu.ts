/** Lambda handler for POST /predict/cpu: the catalog entry run by the shared detector runtime. */
import { getDetector } from "../catalog";
import { detectorHandler } from "../runtime";

export const handler = detectorHandler(getDetector("cpu"));
