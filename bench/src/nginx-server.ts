// Starts-spec for Debian's nginx as a static baseline: one worker, a temp prefix and config on 127.0.0.1; writes config only.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { ChildServerSpec } from "./child-server.js";
import type { CpuPinning } from "./cpu-pinning.js";
import { BENCH_KEEP_ALIVE_SECONDS, serverCommand } from "./server-catalog.js";

/** The installed nginx ("nginx/1.22.1") and its path, or undefined when it is not installed. */
export function detectNginx(): { version: string; path: string } | undefined {
  for (const path of ["nginx", "/usr/sbin/nginx"]) {
    const result = spawnSync(path, ["-v"], { encoding: "utf8" });
    if (result.error !== undefined) continue;
    const match = /nginx\/(\S+)/.exec(`${result.stdout}${result.stderr}`);
    return { version: match === null ? "nginx" : `nginx/${match[1]}`, path };
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1: nginx cannot report a port-0 binding, so the bench picks one just before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function configText(prefix: string, root: string, port: number): string {
  // One worker (issue 4: "nginx with one worker"); sendfile and an open-file cache, as a production static server runs.
  return `worker_processes 1;
daemon off;
pid ${join(prefix, "nginx.pid")};
error_log stderr warn;
worker_rlimit_nofile 20000;
events { worker_connections 16384; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout ${BENCH_KEEP_ALIVE_SECONDS}s;
  keepalive_requests 1000000;
  open_file_cache max=1000 inactive=60s;
  types { text/plain txt; }
  default_type application/octet-stream;
  client_body_temp_path ${join(prefix, "body")};
  proxy_temp_path ${join(prefix, "proxy")};
  fastcgi_temp_path ${join(prefix, "fastcgi")};
  uwsgi_temp_path ${join(prefix, "uwsgi")};
  scgi_temp_path ${join(prefix, "scgi")};
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

/** Writes a config under `prefix` serving `root` on 127.0.0.1:`port` and returns the spec that runs nginx in the foreground. */
export function nginxSpec(nginxPath: string, prefix: string, root: string, port: number, pinning: CpuPinning, cpus: string): ChildServerSpec {
  mkdirSync(prefix, { recursive: true });
  const configPath = join(prefix, "nginx.conf");
  writeFileSync(configPath, configText(prefix, root, port));
  const { command, args } = serverCommand(pinning, cpus, nginxPath, ["-p", prefix, "-c", configPath, "-e", "stderr"]);
  return { label: "nginx", command, args, fixedUrl: `http://127.0.0.1:${port}` };
}
