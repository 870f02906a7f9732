// GET /: a small JSON map of the API, so a person who opens the root URL sees where to go next.
import type { Request, Response } from "@patchbay/framework-resources";

/** Answers GET / with the API's links. */
export class ApiIndexResource {
  /** GET /: the endpoints, relative to where the app is mounted. */
  onGet(request: Request, response: Response): void {
    const base = request.scriptName;
    response.media = {
      name: "patchbay notes API",
      links: {
        notes: `${base}/notes`,
        note: `${base}/notes/{id}`,
      },
    };
  }
}
