/**
 * Incident announcer adapter for AWS: EventBridge PutEvents on the default bus, ten entries per
 * call (the API's limit), every entry carrying the run's start as its time. An entry EventBridge
 * did not accept (FailedEntryCount) makes the whole announcement fail, naming the first error.
 */
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { incidentEventEntry } from "../remediation/incident-event";
import { type IncidentAnnouncer, incidentDetail } from "./incident-announcer";
import type { NewIncident } from "./watch-run";

/** PutEvents takes at most this many entries per call. */
export const PUT_EVENTS_MAX_ENTRIES = 10;

/** Bounded like the watcher's other clients: a slow EventBridge must not hold the run past its deadline. */
export const EVENTBRIDGE_CLIENT_OPTIONS = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
} as const;

/** Puts one event per incident on the default bus, naming the watcher's stack. */
export class EventBridgeIncidentAnnouncer implements IncidentAnnouncer {
  private readonly client: EventBridgeClient;

  /**
   * @param stack the watcher's stack, which the remediator's rule matches
   * @param client injected by tests; by default one client per container with bounded timeouts
   */
  constructor(
    private readonly stack: string,
    client?: EventBridgeClient,
  ) {
    this.client = client ?? new EventBridgeClient(EVENTBRIDGE_CLIENT_OPTIONS);
  }

  /** Announces every incident; rejects when a call fails or an entry is refused. */
  async announce(incidents: readonly NewIncident[], runStartedAt: Date, signal?: AbortSignal): Promise<void> {
    const entries = incidents.map((incident) =>
      incidentEventEntry(incidentDetail(incident, this.stack), runStartedAt),
    );
    const refused: string[] = [];
    for (let i = 0; i < entries.length; i += PUT_EVENTS_MAX_ENTRIES) {
      const result = await this.client.send(
        new PutEventsCommand({ Entries: entries.slice(i, i + PUT_EVENTS_MAX_ENTRIES) }),
        { abortSignal: signal },
      );
      for (const entry of result.Entries ?? []) {
        if (entry.ErrorCode) refused.push(`${entry.ErrorCode}: ${entry.ErrorMessage ?? ""}`.trim());
      }
    }
    if (refused.length > 0) {
      throw new Error(
        `EventBridge refused ${refused.length} of ${entries.length} incident events (first: ${refused[0]})`,
      );
    }
  }
}
