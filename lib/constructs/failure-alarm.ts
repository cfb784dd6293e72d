/**
 * A function's failure alarm: the sum of its failure signals (Lambda errors, dead letters, model
 * load and alert delivery failures) over one 5-minute period, in ALARM at 1, quiet without data, and
 * announced on HeliosAlerts when it fires and when it clears. Every Helios function has one.
 */
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { METRIC_PERIOD } from "../detector-metrics";

/** Properties of a failure alarm. */
export interface FailureAlarmProps {
  /** The alarm's physical name (from PhysicalNames). */
  readonly alarmName: string;
  readonly description: string;
  /** The failure signals, by a short name each (the expression sums them, missing data as 0). */
  readonly signals: Readonly<Record<string, IMetric>>;
  /** The summed metric's label on graphs. */
  readonly label: string;
  /** Where the alarm's state changes are announced. @default - nowhere (a composite alarm reports for it) */
  readonly topic?: ITopic;
}

/** Builds a failure alarm in `scope`. */
export function failureAlarm(scope: Construct, id: string, props: FailureAlarmProps): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmName: props.alarmName,
    alarmDescription: props.description,
    metric: new MathExpression({
      expression: Object.keys(props.signals)
        .map((name) => `FILL(${name}, 0)`)
        .join(" + "),
      usingMetrics: { ...props.signals },
      label: props.label,
      period: METRIC_PERIOD,
    }),
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  if (props.topic) {
    const notify = new SnsAction(props.topic);
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
  }
  return alarm;
}
