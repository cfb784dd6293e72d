/**
 * The Helios alarms, generated from the detector functions:
 * - per detector, an anomaly alarm (its Anomalies metric) and a health alarm (Lambda errors,
 *   model load failures and alert failures: a detector that cannot load its model answers 503
 *   rather than failing the invocation, so Lambda's Errors metric alone would miss it);
 * - with a monitored instance, an alarm on its EC2 CPUUtilization;
 * - HeliosAlarm, the CPU alarm: a composite that fires when the CPU detector's anomaly alarm or
 *   the instance CPU alarm does. Those two notify through HeliosAlarm only, so one CPU incident
 *   sends one notification; every other alarm notifies directly. All actions go to HeliosAlerts.
 */

import {
  Alarm,
  AlarmRule,
  ComparisonOperator,
  CompositeAlarm,
  type IAlarm,
  type IAlarmAction,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { METRIC_NAMES } from "../../lambdas/runtime/environment-names";
import { detectorMetric, instanceMetric, METRIC_PERIOD } from "../detector-metrics";
import { BASE_NAMES, PhysicalNames } from "../physical-names";
import type { DetectorFunction } from "./detector-function";
import { failureAlarm } from "./failure-alarm";

/** Properties of the Helios alarms. */
export interface HeliosAlarmsProps {
  /** One function per detector; each gets an anomaly alarm and a health alarm. */
  readonly detectorFunctions: readonly DetectorFunction[];
  /** Name of the detector whose anomaly alarm HeliosAlarm watches. */
  readonly cpuDetectorName: string;
  /** Where alarm notifications go. */
  readonly topic: ITopic;
  /** Anomalies of one detector within 5 minutes that raise its anomaly alarm. */
  readonly anomalyThreshold: number;
  /** EC2 instance whose CPUUtilization HeliosAlarm also watches. @default - none */
  readonly monitoredInstanceId?: string;
  /** Percent CPUUtilization above which the instance alarm fires. */
  readonly cpuThreshold: number;
}

/** The alarms of the Helios stack. */
export class HeliosAlarms extends Construct {
  /** HeliosAlarm: the CPU detector's anomalies, or the monitored instance's CPU. */
  readonly heliosAlarm: CompositeAlarm;
  /** Detector name to its anomaly alarm. */
  readonly anomalyAlarms: ReadonlyMap<string, Alarm>;
  /** Detector name to its health alarm. */
  readonly healthAlarms: ReadonlyMap<string, Alarm>;
  /** The monitored instance's CPUUtilization alarm, when an instance is monitored. */
  readonly instanceCpuAlarm?: Alarm;

  constructor(scope: Construct, id: string, props: HeliosAlarmsProps) {
    super(scope, id);
    const names = PhysicalNames.of(this);
    // Every name starts with the alarm prefix: the alert topic lets only such alarms publish.
    const alarmName = (suffix: string) => names.name("alarm", `${BASE_NAMES.alarmPrefix}-${suffix}`);
    const notify: IAlarmAction = new SnsAction(props.topic);
    const withActions = <T extends Alarm | CompositeAlarm>(alarm: T): T => {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      return alarm;
    };

    const anomalyAlarms = new Map<string, Alarm>();
    const healthAlarms = new Map<string, Alarm>();
    for (const fn of props.detectorFunctions) {
      const { detector } = fn;
      const anomalies = new Alarm(this, `${detector.name}Anomalies`, {
        alarmName: alarmName(`${detector.name}-anomalies`),
        alarmDescription: `${detector.title}: at least ${props.anomalyThreshold} anomalies within 5 minutes`,
        metric: detectorMetric(detector, "anomalies"),
        threshold: props.anomalyThreshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING, // no traffic means no anomalies
      });
      if (detector.name !== props.cpuDetectorName) withActions(anomalies);
      anomalyAlarms.set(detector.name, anomalies);

      const health = failureAlarm(this, `${detector.name}Health`, {
        alarmName: alarmName(`${detector.name}-errors`),
        description: `${detector.title}: the function failed, could not load its model, or could not send an alert`,
        signals: {
          errors: fn.function.metricErrors({ period: METRIC_PERIOD, statistic: "Sum" }),
          modelLoad: detectorMetric(detector, "modelLoadFailures"),
          alerts: detectorMetric(detector, "alertFailures"),
        },
        label: `${detector.name} errors, ${METRIC_NAMES.modelLoadFailures} and ${METRIC_NAMES.alertFailures}`,
        topic: props.topic,
      });
      healthAlarms.set(detector.name, health);
    }
    this.anomalyAlarms = anomalyAlarms;
    this.healthAlarms = healthAlarms;

    const cpuAnomalies = anomalyAlarms.get(props.cpuDetectorName);
    if (!cpuAnomalies) throw new Error(`HeliosAlarm needs a "${props.cpuDetectorName}" detector function`);
    const members: IAlarm[] = [cpuAnomalies];
    if (props.monitoredInstanceId) {
      this.instanceCpuAlarm = new Alarm(this, "InstanceCpu", {
        alarmName: alarmName("instance-cpu"),
        alarmDescription: `EC2 instance ${props.monitoredInstanceId}: average CPUUtilization above ${props.cpuThreshold}% over 5 minutes`,
        metric: instanceMetric(props.monitoredInstanceId, "CPUUtilization"),
        threshold: props.cpuThreshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING, // a stopped instance is not a CPU spike
      });
      members.push(this.instanceCpuAlarm);
    }

    this.heliosAlarm = withActions(
      new CompositeAlarm(this, "HeliosAlarm", {
        // Kept from the seed, where HeliosAlarm watched the agent's instance.
        compositeAlarmName: names.name("alarm", BASE_NAMES.heliosAlarm),
        alarmDescription: props.monitoredInstanceId
          ? `CPU: the ${props.cpuDetectorName} detector flagged anomalies, or ${props.monitoredInstanceId} ran above ${props.cpuThreshold}% CPU`
          : `CPU: the ${props.cpuDetectorName} detector flagged anomalies`,
        alarmRule: AlarmRule.anyOf(...members),
      }),
    );
  }

  /** Every alarm, for the dashboard's status widget. */
  get all(): IAlarm[] {
    return [
      this.heliosAlarm,
      ...this.anomalyAlarms.values(),
      ...this.healthAlarms.values(),
      ...(this.instanceCpuAlarm ? [this.instanceCpuAlarm] : []),
    ];
  }
}
