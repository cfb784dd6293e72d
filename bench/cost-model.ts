/**
 * What a million predictions cost on AWS, from a measured handler duration. Prices are inputs (the
 * report prints the ones it used); the defaults are us-east-1 list prices for x86_64 Lambda and
 * API Gateway REST APIs (first tier), without free tiers.
 */

/** Unit prices in US dollars. */
export interface Prices {
  /** Region the prices are for. */
  readonly region: string;
  /** Lambda compute, per GB-second (x86_64). */
  readonly lambdaPerGbSecond: number;
  /** Lambda requests, per million. */
  readonly lambdaPerMillionRequests: number;
  /** API Gateway REST API calls, per million (first 333 million a month). */
  readonly apiGatewayPerMillionRequests: number;
}

/** us-east-1 list prices: x86 Lambda $0.0000166667 per GB-s and $0.20 per million requests; REST API $3.50 per million. */
export const DEFAULT_PRICES: Prices = {
  region: "us-east-1",
  lambdaPerGbSecond: 0.0000166667,
  lambdaPerMillionRequests: 0.2,
  apiGatewayPerMillionRequests: 3.5,
};

/** Memory at which Lambda gives a function one full vCPU (AWS documents 1,769 MB). */
export const FULL_VCPU_MEMORY_MB = 1769;

/** One cost estimate. */
export interface CostEstimate {
  /** Handler duration assumed on Lambda for one request, in ms (measured × CPU share). */
  readonly lambdaDurationMs: number;
  /** Duration billed per request: Lambda rounds up to the next millisecond. */
  readonly billedMs: number;
  /** US dollars per million predictions. */
  readonly lambdaComputePerMillion: number;
  readonly lambdaRequestsPerMillion: number;
  readonly apiGatewayPerMillion: number;
  readonly totalPerMillion: number;
}

/** Inputs of an estimate. */
export interface CostInput {
  /** Measured handler duration of one request on this machine, in milliseconds. */
  readonly measuredMs: number;
  /** The function's configured memory, in MB. */
  readonly memoryMb: number;
  /** Predictions answered by one request (1, or the batch size). */
  readonly predictionsPerRequest: number;
  readonly prices?: Prices;
}

/**
 * Cost per million predictions. Below 1,769 MB Lambda gives a proportional share of one vCPU, so
 * the measured duration (on a full core here) is stretched by 1769 / memory; above it, it is kept.
 * Each request is billed whole milliseconds, and API Gateway and Lambda charge per request, so a
 * batch divides the per-request charges by its size.
 */
export function costPerMillionPredictions(input: CostInput): CostEstimate {
  const prices = input.prices ?? DEFAULT_PRICES;
  if (!(input.measuredMs >= 0)) throw new Error(`measured duration must be >= 0, got ${input.measuredMs}`);
  if (!(input.memoryMb >= 128)) throw new Error(`memory must be at least 128 MB, got ${input.memoryMb}`);
  if (!(input.predictionsPerRequest >= 1)) throw new Error("a request answers at least one prediction");
  const cpuStretch = Math.max(1, FULL_VCPU_MEMORY_MB / input.memoryMb);
  const lambdaDurationMs = input.measuredMs * cpuStretch;
  const billedMs = Math.max(1, Math.ceil(lambdaDurationMs));
  const requestsPerMillion = 1_000_000 / input.predictionsPerRequest;
  const lambdaComputePerMillion =
    requestsPerMillion * (billedMs / 1000) * (input.memoryMb / 1024) * prices.lambdaPerGbSecond;
  const lambdaRequestsPerMillion = (requestsPerMillion / 1_000_000) * prices.lambdaPerMillionRequests;
  const apiGatewayPerMillion = (requestsPerMillion / 1_000_000) * prices.apiGatewayPerMillionRequests;
  return {
    lambdaDurationMs,
    billedMs,
    lambdaComputePerMillion,
    lambdaRequestsPerMillion,
    apiGatewayPerMillion,
    totalPerMillion: lambdaComputePerMillion + lambdaRequestsPerMillion + apiGatewayPerMillion,
  };
}
