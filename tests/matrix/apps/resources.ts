// The matrix contract in framework-resources' idiom (Falcon-style resource classes), mounted again under MOUNT_PREFIX by a shift-path middleware.
import type { Application } from "@patchbay/gateway";
import { ResourceApp } from "@patchbay/framework-resources";
import type { Request, Response } from "@patchbay/framework-resources";
import { BOOM_MESSAGE, HELLO_HTML, MOUNT_PREFIX, greeting, pickEchoedEnviron, streamChunkCount } from "../src/contract.js";
import { hashBody } from "../src/hash-body.js";
import { largeBody } from "../src/large-body.js";
import { mountPrefix } from "../src/mount-prefix.js";
import { streamChunks } from "../src/stream-chunks.js";

class HelloPage {
  onGet(_request: Request, response: Response): void {
    response.contentType = "text/html; charset=utf-8";
    response.text = HELLO_HTML;
  }
}

class EnvironEcho {
  onGet(request: Request, response: Response): void {
    response.media = pickEchoedEnviron(request.environ);
  }
}

class GreetingResource {
  onGet(request: Request, response: Response): void {
    response.media = greeting(request.query.get("name"));
  }
}

class FileName {
  onGet(_request: Request, response: Response, params: { name: string }): void {
    response.text = params.name;
  }
}

class Upload {
  // request.stream is the raw gateway.input (no maxBodyBytes), hashed as it arrives (the 10 MB upload).
  async onPost(request: Request, response: Response): Promise<void> {
    response.media = await hashBody(request.stream);
  }
}

class StreamedChunks {
  onGet(request: Request, response: Response): void {
    response.contentType = "text/plain; charset=utf-8";
    response.stream = streamChunks(streamChunkCount(request.query.get("chunks")));
  }
}

class LargeBody {
  onGet(_request: Request, response: Response): void {
    response.data = largeBody();
  }
}

class Boom {
  onGet(): void {
    throw new Error(BOOM_MESSAGE);
  }
}

function createContractResources(): Application {
  const app = new ResourceApp()
    .addRoute("/", new HelloPage())
    .addRoute("/echo-environ", new EnvironEcho())
    .addRoute("/json", new GreetingResource())
    .addRoute("/files/{name}", new FileName())
    .addRoute("/upload", new Upload())
    .addRoute("/stream", new StreamedChunks())
    .addRoute("/large", new LargeBody())
    .addRoute("/boom", new Boom());
  return app.application;
}

/** Builds the resources app: the contract at the root, and a second app mounted at MOUNT_PREFIX (a shift-path middleware; the framework has no mount). */
export function createResourcesApplication(): Application {
  return mountPrefix(MOUNT_PREFIX, createContractResources())(createContractResources());
}
