// Collects each matrix cell's scenario results and renders the grid (servers down, apps across); it never runs a scenario.

/** Marks of a cell in the rendered grid. */
const PASS_MARK = "✓";
const FAIL_MARK = "✗";

interface CellTally {
  passed: number;
  failed: string[];
}

/** Results per server × app cell, filled in as scenarios finish. */
export class MatrixGrid {
  readonly #cells = new Map<string, CellTally>();

  #cell(server: string, app: string): CellTally {
    const key = `${server}\u0000${app}`;
    let cell = this.#cells.get(key);
    if (cell === undefined) {
      cell = { passed: 0, failed: [] };
      this.#cells.set(key, cell);
    }
    return cell;
  }

  /** Records one scenario's outcome in the cell of `server` × `app`. */
  record(server: string, app: string, scenario: string, passed: boolean): void {
    const cell = this.#cell(server, app);
    if (passed) cell.passed++;
    else cell.failed.push(scenario);
  }

  /**
   * Whether the cell is green: every one of its `expected` scenarios ran and passed (a server that would
   * not start leaves its scenarios unrun, so its cells are red too).
   */
  isGreen(server: string, app: string, expected: number): boolean {
    const cell = this.#cells.get(`${server}\u0000${app}`);
    return cell !== undefined && cell.failed.length === 0 && cell.passed === expected;
  }

  /**
   * The grid as text: a header of app names, one line per server with ✓/✗ per cell and "passed/expected",
   * then one line per red cell naming its failed scenarios. `expected(server)` is the scenario count of a row.
   */
  render(servers: readonly string[], apps: readonly string[], expected: (server: string) => number): string {
    const firstWidth = Math.max(6, ...servers.map((server) => server.length));
    const widths = apps.map((app) => Math.max(app.length, 7));
    const lines = [["server".padEnd(firstWidth), ...apps.map((app, index) => app.padEnd(widths[index] ?? app.length))].join("  ").trimEnd()];
    const failures: string[] = [];
    for (const server of servers) {
      const row = [server.padEnd(firstWidth)];
      apps.forEach((app, index) => {
        const cell = this.#cells.get(`${server}\u0000${app}`);
        const count = expected(server);
        const mark = this.isGreen(server, app, count) ? PASS_MARK : FAIL_MARK;
        row.push(`${mark} ${cell?.passed ?? 0}/${count}`.padEnd(widths[index] ?? 0));
        if (mark === FAIL_MARK) failures.push(`  ${server} × ${app}: ${cell === undefined || cell.failed.length === 0 ? `only ${cell?.passed ?? 0} of ${count} scenarios ran` : cell.failed.join(", ")}`);
      });
      lines.push(row.join("  ").trimEnd());
    }
    return [...lines, ...(failures.length > 0 ? ["red cells:", ...failures] : [])].join("\n");
  }
}
