/** Lambda handler for POST /predict/content: the catalog entry run by the shared detector runtime. */
import { getDetector } from "../catalog";
import { detectorHandler } from "../runtime";

export const handler = detectorHandler(getDetector("content"));
