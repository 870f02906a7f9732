// The one shared test helper: runs an app in memory through the gateway validator and collects its error log.
import { assertBodyClosed, callApp, createErrorStream, validate, type Application, type CallAppRequest, type CallAppResult } from "@patchbay/gateway";
import { ChainApp } from "../src/app.js";
import type { ChainMiddleware } from "../src/context.js";

/** Wraps every app under test in the gateway validator (wsgiref.validate's job): a broken rule throws. */
export const wrap = (app: Application): Application => validate(app);

/** A response plus every line the app and the validator wrote to `gateway.errors`. */
export interface SentResult extends CallAppResult {
  errorLog: string[];
}

/** Runs one request through `wrap(app)` with callApp, then checks that the server closed the body. */
export async function send(app: Application | ChainApp, request: CallAppRequest = {}): Promise<SentResult> {
  const errorLog: string[] = [];
  const application = app instanceof ChainApp ? app.application : app;
  const result = await callApp(wrap(application), {
    ...request,
    environ: { "gateway.errors": createErrorStream((text) => errorLog.push(text)), ...request.environ },
  });
  assertBodyClosed(result.environ);
  return Object.assign(result, { errorLog });
}

/** A ChainApp running the given middleware in order. */
export function appWith(...middleware: ChainMiddleware[]): ChainApp {
  const app = new ChainApp();
  for (const step of middleware) app.use(step);
  return app;
}

/** An async iterable of the given chunks, recording whether it was finished or stopped early. */
export function trackedStream(chunks: readonly (string | Uint8Array)[]): AsyncIterable<string | Uint8Array> & { finished: boolean; stopped: boolean } {
  const stream = {
    finished: false,
    stopped: false,
    async *[Symbol.asyncIterator](): AsyncGenerator<string | Uint8Array> {
      try {
        for (const chunk of chunks) yield chunk;
        stream.finished = true;
      } finally {
        if (!stream.finished) stream.stopped = true;
      }
    },
  };
  return stream;
}
