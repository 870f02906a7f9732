// The framework-resources (ResourceApp) bench app: the hello route among 100 registered routes.
import type { Application } from "@patchbay/gateway";
import { ResourceApp } from "@patchbay/framework-resources";
import type { Request, Response } from "@patchbay/framework-resources";
import { fillerRoutes, HELLO_PATH, HELLO_TEXT } from "./hello-response.js";

/** A resource answering GET with a fixed text. */
class TextResource {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  onGet(_request: Request, response: Response): void {
    response.text = this.#text; // text/plain; charset=utf-8
  }
}

/** Builds a ResourceApp with the 99 filler routes, then /hello answering GET with "Hello, world!" as text/plain. */
export function createResourcesApp(): Application {
  const resourceApp = new ResourceApp();
  for (const route of fillerRoutes()) {
    const template = route.parameter === undefined ? route.prefix : `${route.prefix}/{${route.parameter}}`;
    resourceApp.addRoute(template, new TextResource(route.prefix));
  }
  resourceApp.addRoute(HELLO_PATH, new TextResource(HELLO_TEXT));
  return resourceApp.application;
}

/** The app the server bins load (`apps/resources-app.ts:app`). */
export const app: Application = createResourcesApp();
