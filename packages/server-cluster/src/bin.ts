/**
 * The patchbay-cluster command: server-kit's shared command line plus the cluster's flags, running the
 * arbiter until it stops. Process concerns only (exit status, one-line errors, signals).
 */
import { readFile } from "node:fs/promises";
import { createLogger, EXIT_OK, EXIT_USAGE, formatHelp, parseCommandLine, type CommandLine } from "@patchbay/server-kit";
import { EXIT_BOOT_FAILED } from "./arbiter.js";
import { CLUSTER_FLAGS, clusterOptionsFromCommandLine } from "./cluster-flags.js";
import { ClusterError } from "./errors.js";
import { installSignalHandlers } from "./signals.js";
import { startCluster } from "./start-cluster.js";

const NAME = "patchbay-cluster";

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

async function main(): Promise<number> {
  const packageJson = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(process.argv.slice(2), { extraFlags: CLUSTER_FLAGS });
  } catch (error) {
    process.stderr.write(`${NAME}: error: ${firstLine(error)}\n`);
    return EXIT_USAGE;
  }
  if (commandLine.help) {
    process.stdout.write(formatHelp(NAME, CLUSTER_FLAGS));
    return EXIT_OK;
  }
  if (commandLine.version) {
    process.stdout.write(`${NAME} ${packageJson.version}\n`);
    return EXIT_OK;
  }
  const logger = createLogger({ level: commandLine.logLevel });
  const options = clusterOptionsFromCommandLine(commandLine, logger);
  logger.info(`Starting ${NAME} ${packageJson.version} (master pid ${process.pid})`);
  if (commandLine.application === undefined) logger.info("No application given: serving the demo");
  // Installed before the first fork, so a signal during boot is not the default (fatal) one.
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  let early: "stopGracefully" | "stopQuickly" | undefined;
  const removeEarly = installSignalHandlers(
    {
      stopGracefully: () => (early ??= "stopGracefully"),
      stopQuickly: () => (early = "stopQuickly"),
      reload: () => {},
      addWorker: () => {},
      removeWorker: () => {},
      reopenLogs: () => {},
    },
    logger,
  );
  try {
    cluster = await startCluster(options);
  } catch (error) {
    removeEarly();
    process.stderr.write(`${NAME}: error: ${firstLine(error)}\n`);
    return error instanceof ClusterError && error.code === "ERR_CLUSTER_BOOT_FAILED" ? EXIT_BOOT_FAILED : EXIT_USAGE;
  }
  removeEarly();
  const removeSignals = installSignalHandlers(cluster, logger);
  if (early !== undefined) cluster[early]();
  const status = await cluster.exited;
  removeSignals();
  return status;
}

process.exit(await main());
