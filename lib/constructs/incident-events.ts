/**
 * The permission the watcher needs to announce incidents to the remediator: events:PutEvents on
 * the default bus, for the watcher's own source and detail type only (so it cannot pose as AWS or
 * as anything else on the bus).
 */
import { Stack } from "aws-cdk-lib";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";
import { INCIDENT_DETAIL_TYPE, WATCHER_EVENT_SOURCE } from "../../lambdas/remediation/incident-event";

/** Lets `grantee` put incident events (source helios.watcher, detail-type "Helios Incident") on the default bus. */
export function grantPutIncidentEvents(scope: IConstruct, grantee: IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: "PutIncidentEvents",
      actions: ["events:PutEvents"],
      resources: [
        Stack.of(scope).formatArn({ service: "events", resource: "event-bus", resourceName: "default" }),
      ],
      conditions: {
        StringEquals: { "events:source": WATCHER_EVENT_SOURCE, "events:detail-type": INCIDENT_DETAIL_TYPE },
      },
    }),
  );
}
