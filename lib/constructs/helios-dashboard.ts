/**
 * HeliosDashboard: alarm states; per detector its predictions and anomalies, errors, and
 * duration (p50/p99); the API's requests, 4xx/5xx and latency; and, with a monitored instance,
 * its CPU, network and EBS disk metrics (what the seed's hand-made dashboard showed, with EBS in
 * place of its instance-store disk metrics).
 */
import { Duration } from "aws-cdk-lib";
import type { RestApi } from "aws-cdk-lib/aws-apigateway";
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  type IWidget,
  TextWidget,
} from "aws-cdk-lib/aws-cloudwatch";
import { Construct } from "constructs";
import { detectorMetric, instanceMetric, METRIC_PERIOD } from "../detector-metrics";
import { BASE_NAMES, PhysicalNames } from "../physical-names";
import type { DetectorFunction } from "./detector-function";

/** Properties of the dashboard. */
export interface HeliosDashboardProps {
  /** One row of graphs per detector function. */
  readonly detectorFunctions: readonly DetectorFunction[];
  /** The REST API. */
  readonly api: RestApi;
  /** Alarms whose states are shown at the top. */
  readonly alarms: readonly IAlarm[];
  /** EC2 instance whose metrics get a row. @default - no instance row */
  readonly monitoredInstanceId?: string;
  /** CPUUtilization threshold, drawn on the instance CPU graph. */
  readonly cpuThreshold: number;
  /** More rows at the end, e.g. the watcher's. @default none */
  readonly extraRows?: readonly IWidget[][];
}

const WIDTH = 8; // three graphs per 24-column row
const HEIGHT = 6;

/** The Helios CloudWatch dashboard. */
export class HeliosDashboard extends Construct {
  /** The dashboard. */
  readonly dashboard: Dashboard;
  /** Its name (HeliosDashboard, with the stack's name prefix). */
  readonly name: string;

  constructor(scope: Construct, id: string, props: HeliosDashboardProps) {
    super(scope, id);
    this.name = PhysicalNames.of(this).name("dashboard", BASE_NAMES.dashboard);
    const graph = (title: string, left: IMetric[]) =>
      new GraphWidget({ title, left, width: WIDTH, height: HEIGHT, period: METRIC_PERIOD });

    const rows: IWidget[][] = [
      [
        new TextWidget({
          markdown:
            "# Helios\nAnomaly detection: one row per detector, then the API. Sums and percentiles per 5 minutes.",
          width: 24,
          height: 2,
        }),
      ],
      [new AlarmStatusWidget({ title: "Alarms", alarms: [...props.alarms], width: 24, height: 3 })],
    ];

    for (const fn of props.detectorFunctions) {
      const { detector } = fn;
      rows.push([
        graph(`${detector.name}: predictions and anomalies`, [
          detectorMetric(detector, "predictions").with({ label: "predictions" }),
          detectorMetric(detector, "anomalies").with({ label: "anomalies" }),
        ]),
        graph(`${detector.name}: errors`, [
          fn.function.metricErrors({
            period: METRIC_PERIOD,
            statistic: "Sum",
            label: `${detector.name} Lambda errors`,
          }),
          detectorMetric(detector, "modelLoadFailures"),
          detectorMetric(detector, "alertFailures"),
        ]),
        graph(`${detector.name}: duration p50/p99 (ms)`, [
          fn.function.metricDuration({ period: METRIC_PERIOD, statistic: "p50", label: "p50" }),
          fn.function.metricDuration({ period: METRIC_PERIOD, statistic: "p99", label: "p99" }),
        ]),
      ]);
    }

    const api = props.api;
    rows.push([
      graph("API: requests", [
        api.metricCount({ period: METRIC_PERIOD, statistic: "Sum", label: "requests" }),
      ]),
      graph("API: 4xx and 5xx", [
        api.metricClientError({ period: METRIC_PERIOD, statistic: "Sum", label: "4xx" }),
        api.metricServerError({ period: METRIC_PERIOD, statistic: "Sum", label: "5xx" }),
      ]),
      graph("API: latency p50/p99 (ms)", [
        api.metricLatency({ period: METRIC_PERIOD, statistic: "p50", label: "p50" }),
        api.metricLatency({ period: METRIC_PERIOD, statistic: "p99", label: "p99" }),
      ]),
    ]);

    if (props.monitoredInstanceId) {
      const id = props.monitoredInstanceId;
      const cpu = new GraphWidget({
        title: `${id}: CPUUtilization (%)`,
        left: [instanceMetric(id, "CPUUtilization").with({ label: "CPUUtilization" })],
        leftAnnotations: [{ value: props.cpuThreshold, label: "HeliosAlarm threshold" }],
        width: WIDTH,
        height: HEIGHT,
        period: METRIC_PERIOD,
      });
      rows.push([
        cpu,
        graph(`${id}: NetworkIn / NetworkOut (bytes)`, [
          instanceMetric(id, "NetworkIn", "Sum").with({ label: "NetworkIn" }),
          instanceMetric(id, "NetworkOut", "Sum").with({ label: "NetworkOut" }),
        ]),
        // EBS, not Disk*: DiskReadBytes/DiskWriteBytes count instance-store volumes only, which
        // current (Nitro) instance types do not have; the prototype's graph of them stayed at zero.
        graph(`${id}: EBSReadBytes / EBSWriteBytes`, [
          instanceMetric(id, "EBSReadBytes", "Sum").with({ label: "EBSReadBytes" }),
          instanceMetric(id, "EBSWriteBytes", "Sum").with({ label: "EBSWriteBytes" }),
        ]),
      ]);
    }

    rows.push(...(props.extraRows ?? []).map((row) => [...row]));

    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: this.name,
      defaultInterval: Duration.hours(3),
      widgets: rows,
    });
  }
}
