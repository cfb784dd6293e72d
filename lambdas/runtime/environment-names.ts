/**
 * Names of the environment variables that configure a detector function. The CDK stack sets
 * them on each Lambda function and the local server sets them for local mode, so both sides
 * import the names from here rather than spelling them twice.
 */
export const ENV = {
  /** Where the model comes from: "s3" or "local" (default "local"). */
  modelSource: "HELIOS_MODEL_SOURCE",
  /** local: folder holding manifest.json and the .onnx files (default: the repo's models/). */
  modelDir: "HELIOS_MODEL_DIR",
  /** s3: the model bucket's name. */
  modelBucket: "HELIOS_MODEL_BUCKET",
  /**
   * s3: JSON map of model id to `{"key", "versionId"?, "entry"}`: each model's object key (e.g.
   * "models/cpu.onnx"), optional S3 version id (to pin or roll back) and RuntimeModelEntry (file,
   * sha256, model version, I/O specs, decision rule), for every model the detector uses.
   */
  models: "HELIOS_MODELS",
  /** status function: JSON map of model id to model version, e.g. {"cpu":"1.0.0+3fa9c2d1"}. */
  detectorVersions: "HELIOS_DETECTOR_VERSIONS",
  /** Where alerts go: "sns" or "file" (default "file"). */
  alertSink: "HELIOS_ALERT_SINK",
  /** sns: the HeliosAlerts topic ARN. */
  alertTopicArn: "HELIOS_ALERT_TOPIC_ARN",
  /** file: JSON-lines file that receives alerts (default .helios/alerts.jsonl in the repo). */
  alertFile: "HELIOS_ALERT_FILE",
  /** Seconds after an alert during which further anomalies of the same detector and resource are counted, not alerted (default 900; 0 alerts every time). */
  alertCooldownSeconds: "HELIOS_ALERT_COOLDOWN_SECONDS",
  /** Where state (alert cooldowns, login baselines) is kept: "dynamodb", "file" (local mode) or "memory" (default: for the life of the process). */
  stateStore: "HELIOS_STATE_STORE",
  /** dynamodb: the state table's name. */
  stateTable: "HELIOS_STATE_TABLE",
  /** file: the JSON file that keeps state (default .helios/state.json in the repo). */
  stateFile: "HELIOS_STATE_FILE",
  /** Where metrics go: "emf" (CloudWatch Embedded Metric Format), "cloudwatch" (batched PutMetricData) or "log" (default "log"). */
  metrics: "HELIOS_METRICS",
} as const;

/** CloudWatch namespace of every Helios metric; each carries a `Detector` dimension. */
export const METRICS_NAMESPACE = "Helios";

/** Names of the per-detector metrics the runtime emits (the stack's alarms and dashboard read them). */
export const METRIC_NAMES = {
  predictions: "Predictions",
  anomalies: "Anomalies",
  alertFailures: "AlertFailures",
  latency: "Latency",
  modelLoadFailures: "ModelLoadFailures",
} as const;
