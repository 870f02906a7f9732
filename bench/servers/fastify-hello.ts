// Baseline: fastify answering the hello route (its default logger off).
import Fastify from "fastify";
import { HELLO_PATH, HELLO_TEXT } from "../apps/hello-response.js";
import { announceListening, BASELINE_KEEP_ALIVE_MS } from "./announce-listening.js";

const fastify = Fastify({ logger: false, keepAliveTimeout: BASELINE_KEEP_ALIVE_MS });
fastify.get(HELLO_PATH, (_request, reply) => {
  void reply.type("text/plain; charset=utf-8").send(HELLO_TEXT);
});
await fastify.listen({ host: "127.0.0.1", port: 0 });
announceListening(fastify.server);
process.once("SIGTERM", () => void fastify.close());
