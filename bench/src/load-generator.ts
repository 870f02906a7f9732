// The load generator seam: one run of bounded HTTP load against one URL, whatever tool makes it.

/** One load run. */
export interface LoadRequest {
  /** Full URL, e.g. "http://127.0.0.1:40123/static/64k.txt". */
  url: string;
  connections: number;
  durationSeconds: number;
  /** Requests written back to back per connection before reading (1 = plain keep-alive). */
  pipelineDepth: number;
  /** CPU list for taskset, or undefined when processes are not pinned. */
  cpus: string | undefined;
}

/** What one run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  /** Median latency in milliseconds. */
  latencyP50Ms: number;
  /** 99th percentile latency in milliseconds. */
  latencyP99Ms: number;
  /** Responses counted. */
  requests: number;
  /** Connect, read, write and timeout errors. */
  socketErrors: number;
  /** Responses with a status outside 2xx/3xx. */
  badStatuses: number;
}

/** A tool that can put load on a URL. */
export interface LoadGenerator {
  /** "wrk 4.1.0" or "autocannon 8.0.0". */
  readonly name: string;
  /** The command line of a run, for the report. */
  describe(request: LoadRequest): string;
  run(request: LoadRequest): Promise<LoadResult>;
}
