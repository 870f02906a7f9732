import { describe, expect, test } from "vitest";
import { MatrixGrid } from "../src/matrix-grid.js";

describe("MatrixGrid", () => {
  test("a cell is green only when every expected scenario ran and passed", () => {
    const grid = new MatrixGrid();
    grid.record("loop", "bare", "GET", true);
    grid.record("loop", "bare", "HEAD", true);
    grid.record("loop", "hono", "GET", true);
    grid.record("loop", "hono", "HEAD", false);
    expect(grid.isGreen("loop", "bare", 2)).toBe(true);
    expect(grid.isGreen("loop", "bare", 3)).toBe(false);
    expect(grid.isGreen("loop", "hono", 2)).toBe(false);
    expect(grid.isGreen("socket", "bare", 2)).toBe(false);
  });

  test("renders servers down, apps across, and names the failed scenarios of red cells", () => {
    const grid = new MatrixGrid();
    grid.record("loop", "bare", "GET", true);
    grid.record("loop", "hono", "GET", false);
    const lines = grid.render(["loop", "socket"], ["bare", "hono"], () => 1).split("\n");
    expect(lines[0]?.split(/\s+/)).toEqual(["server", "bare", "hono"]);
    expect(lines[1]?.split(/\s+/).filter(Boolean)).toEqual(["loop", "✓", "1/1", "✗", "0/1"]);
    expect(lines[2]?.split(/\s+/).filter(Boolean)).toEqual(["socket", "✗", "0/1", "✗", "0/1"]);
    expect(lines.slice(3)).toEqual(["red cells:", "  loop × hono: GET", "  socket × bare: only 0 of 1 scenarios ran", "  socket × hono: only 0 of 1 scenarios ran"]);
  });

  test("an all-green grid has no red-cell lines", () => {
    const grid = new MatrixGrid();
    grid.record("loop", "bare", "GET", true);
    expect(grid.render(["loop"], ["bare"], () => 1)).not.toContain("red cells");
  });
});
