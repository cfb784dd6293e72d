/**
 * The shared detector runtime's public surface: what handlers, the local server and benchmarks use.
 * Importing it loads onnxruntime-node (the AWS SDK only loads when an S3/SNS/CloudWatch adapter is chosen).
 */

export {
  createDetectorRuntime,
  type DetectorRuntime,
  type DetectorRuntimeOptions,
  detectorHandler,
  type ProxyHandler,
  type WarmUpReport,
} from "./detector-runtime";
export { ENV, METRIC_NAMES, METRICS_NAMESPACE } from "./environment-names";
export { type LoadedModel, type LoadTimings, loadModel, sha256Hex } from "./model-loader";
export { type RuntimeConfig, readRuntimeConfig } from "./runtime-config";
export { createStatusHandler, type ServiceStatus, serviceStatus } from "./service-status";
