// The shapes of everything a bench run measured; data only, filled by the sections and read by the report.

/** The load sections. */
export type LoadSection = "hello" | "pipelined" | "static" | "cluster";

/** One measured figure under load: the median of the runs, with its latencies and the server's RSS after load. */
export interface LoadFigure {
  section: LoadSection;
  /** "server-loop", "node:http", "nginx", … */
  server: string;
  /** What was served: "bare", "routes", "13 B", "2 workers", … */
  variant: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** VmRSS of the server process and its children after the last run. */
  rssBytes: number;
  /** Requests per second of every measured run (the figure is their median). */
  runs: number[];
  /** Errors and non-2xx responses summed over the measured runs (should be 0). */
  socketErrors: number;
  badStatuses: number;
  /** Pipeline depth of the load (1 = keep-alive only). */
  pipelineDepth: number;
  /** The load command line. */
  command: string;
  /** The command line that started the server (paths shortened by the report). */
  serverCommand: string;
  /** Anything the reader must know about this figure (shared cores, …). */
  note: string | undefined;
}

/** A figure that could not be measured, and why. */
export interface FailedFigure {
  section: LoadSection | "idle" | "dispatch";
  server: string;
  variant: string;
  reason: string;
}

/** Idle keep-alive connections held by one server. */
export interface IdleFigure {
  server: string;
  requested: number;
  /** Connections that completed one request and were still open when RSS was read. */
  held: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  /** (after - before) / held. */
  bytesPerConnection: number;
  openMs: number;
  note: string | undefined;
}

/** How long and how often the dispatch section measures each app. */
export interface DispatchSettings {
  /** Thrown-away warm-up at the start of each process. */
  warmupMs: number;
  /** Length of one measured run. */
  runMs: number;
  /** Measured runs per process; the process's figure is their median. */
  runs: number;
  /** Processes per app; the app's figure is the median of their figures. */
  processes: number;
}

/** In-process dispatch of the hello route through one app (issue 6). */
export interface DispatchFigure {
  /** A name of DISPATCH_APPS: "bare", "bare-text", "routes", "chain", "resources". */
  app: string;
  /** Median of `runs`. */
  operationsPerSecond: number;
  /** One figure per process (the median of that process's runs). */
  runs: number[];
}

/** The machine and tool versions, for the report header. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  kernel: string;
  node: string;
  npm: string;
  pnpm: string;
  loadGenerator: string;
  nginx: string | undefined;
  packages: Record<string, string>;
  pinning: string;
}

/** Everything one run produced. */
export interface BenchResults {
  mode: "quick" | "full";
  startedAt: Date;
  finishedAt: Date;
  /** The command that ran the bench. */
  command: string;
  machine: MachineInfo;
  warmupSeconds: number;
  runSeconds: number;
  runsPerFigure: number;
  connections: number;
  pipelineDepth: number;
  load: LoadFigure[];
  idle: IdleFigure[];
  dispatch: DispatchFigure[];
  /** How the dispatch section measured (absent in results from older runs). */
  dispatchSettings?: DispatchSettings;
  failures: FailedFigure[];
  notes: string[];
  /** Absolute folders the command lines hold, shortened in the report (absent in results from older runs). */
  paths?: { scratch: string; repository: string; node: string };
}
