// The Lua scripts wrk runs: pipelines N copies of the request when asked, and prints one JSON line of results.

/** Marker before the JSON line the scripts print in wrk's done(). */
export const WRK_RESULT_MARKER = "BENCH_RESULT ";

// done(summary, latency, requests) runs once at the end (wrk's SCRIPTING); latencies are in µs.
const DONE_FUNCTION = `
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format('${WRK_RESULT_MARKER}{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
`;

// Defining request() makes wrk call Lua per round trip, so only the pipelined script does: it writes
// `depth` requests at once and wrk counts each response (the pipeline.lua idea from wrk's scripts).
const PIPELINE_FUNCTIONS = `
local batch = nil
init = function(args)
  local depth = tonumber(args[1])
  local requests = {}
  for index = 1, depth do requests[index] = wrk.format(nil) end
  batch = table.concat(requests)
end
request = function()
  return batch
end
`;

/** The script for a run: plain keep-alive (depth 1) leaves wrk's static request fast path alone. */
export function wrkScript(pipelineDepth: number): string {
  return pipelineDepth > 1 ? PIPELINE_FUNCTIONS + DONE_FUNCTION : DONE_FUNCTION;
}
