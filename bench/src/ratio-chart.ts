// Draws grouped horizontal bar charts of ratios as a standalone SVG document; text in, text out, no I/O.

/** One bar: a ratio, with the target it is held to (drawn as a mark) when there is one. */
export interface ChartBar {
  label: string;
  value: number;
  target?: number | undefined;
}

/** A titled group of bars sharing one scale; `reference` draws a line at that value (1 for "× node:http"). */
export interface ChartGroup {
  title: string;
  bars: ChartBar[];
  reference?: number | undefined;
}

const WIDTH = 820;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 70;
const BAR_AREA_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20;
const BAR_HEIGHT = 16;
const BAR_GAP = 6;
const TITLE_HEIGHT = 28;
const GROUP_GAP = 18;
const MARGIN = 12;
const BAR_COLOUR = "#3b6ea8";
const MISSED_COLOUR = "#c0504d";
const TARGET_COLOUR = "#222";

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function formatRatio(value: number): string {
  return value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(2)}×`;
}

/** Returns the SVG text: each group's title, then one bar per entry, red where the bar misses its target. */
export function renderRatioChart(title: string, groups: readonly ChartGroup[]): string {
  const parts: string[] = [];
  let y = MARGIN + 20;
  parts.push(`<text x="${MARGIN}" y="${y}" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);
  y += 12;
  for (const group of groups) {
    if (group.bars.length === 0) continue;
    y += TITLE_HEIGHT;
    parts.push(`<text x="${MARGIN}" y="${y - 8}" font-size="13" font-weight="bold">${escapeXml(group.title)}</text>`);
    const scaleMaximum = Math.max(...group.bars.map((bar) => Math.max(bar.value, bar.target ?? 0)), group.reference ?? 0) * 1.05;
    const scale = (value: number): number => (scaleMaximum <= 0 ? 0 : (value / scaleMaximum) * BAR_AREA_WIDTH);
    const groupTop = y;
    for (const bar of group.bars) {
      const missed = bar.target !== undefined && bar.value < bar.target;
      const barWidth = Math.max(1, scale(bar.value));
      parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 4}" font-size="12" text-anchor="end">${escapeXml(bar.label)}</text>`);
      parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT}" fill="${missed ? MISSED_COLOUR : BAR_COLOUR}"/>`);
      parts.push(`<text x="${(LABEL_WIDTH + barWidth + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 4}" font-size="12">${formatRatio(bar.value)}</text>`);
      if (bar.target !== undefined) {
        const x = (LABEL_WIDTH + scale(bar.target)).toFixed(1);
        parts.push(`<line x1="${x}" x2="${x}" y1="${y - 2}" y2="${y + BAR_HEIGHT + 2}" stroke="${TARGET_COLOUR}" stroke-width="2"><title>target ${formatRatio(bar.target)}</title></line>`);
      }
      y += BAR_HEIGHT + BAR_GAP;
    }
    if (group.reference !== undefined) {
      const x = (LABEL_WIDTH + scale(group.reference)).toFixed(1);
      parts.push(`<line x1="${x}" x2="${x}" y1="${groupTop - 4}" y2="${y - BAR_GAP + 4}" stroke="#888" stroke-dasharray="3,3"/>`);
    }
    y += GROUP_GAP;
  }
  y += MARGIN;
  const legend = `<text x="${MARGIN}" y="${y}" font-size="11" fill="#555">Black tick: target. Red bar: target missed. Dashed line: the reference (1×).</text>`;
  y += MARGIN;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join("\n")}
${legend}
</svg>
`;
}
