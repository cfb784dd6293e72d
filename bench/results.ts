/** The machine-readable results of one benchmark run (bench/results/latest.json). */
import type { ApiLoadResults } from "./api-load";
import type { AssetSize } from "./asset-sizes";
import type { ColdStartResults } from "./cold-start";
import type { CostEstimate, Prices } from "./cost-model";
import type { HandlerLatency } from "./handler-latency";
import type { MachineInfo } from "./machine";
import type { SeriesLatency } from "./series-latency";

/** Lambda cost of one detector, per million predictions. */
export interface DetectorCost {
  readonly detector: string;
  /** One prediction per request, at the warm single-request p50. */
  readonly single: CostEstimate;
  /** 10,000 predictions per request, at the warm batch p50. */
  readonly batch: CostEstimate;
}

/** Everything one run measured. */
export interface BenchResults {
  readonly schemaVersion: 1;
  /** True for a --quick smoke run (too few samples to quote). */
  readonly quick: boolean;
  readonly machine: MachineInfo;
  /** Wall time of the whole run, in seconds. */
  readonly runSeconds: number;
  readonly handler: readonly HandlerLatency[];
  readonly coldStart: ColdStartResults;
  readonly api: ApiLoadResults;
  readonly assets: readonly AssetSize[];
  /** Series scoring (issue 10); absent in results saved before it was measured. */
  readonly series?: readonly SeriesLatency[];
  readonly cost: {
    readonly memoryMb: number;
    readonly prices: Prices;
    readonly detectors: readonly DetectorCost[];
  };
}
