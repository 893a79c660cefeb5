// The shapes the diagrams are drawn from. Each diagram describes its boxes, arrows and labels as data
// for two layouts (wide for a desktop column, narrow for a phone) and DiagramFigure.astro draws both,
// showing whichever fits the width of the text column.

/** How a box looks: an ordinary step, the highlighted one, a good or bad outcome, an optional step, or a container. */
export type NodeVariant = 'plain' | 'accent' | 'ok' | 'bad' | 'optional' | 'group';

/** How a line of text looks: a box's name, a smaller line under it, a literal value in monospace, an error, a remark. */
export type LineKind = 'title' | 'sub' | 'code' | 'fail' | 'note';

export interface DiagramLine {
  text: string;
  /** Default: 'title' for the first line of a box, 'sub' for the others. */
  kind?: LineKind;
}

export interface DiagramNode {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Default: 'plain'. */
  variant?: NodeVariant;
  lines: DiagramLine[];
  /** Where the lines sit: 'middle' (default) centres them, 'top' puts them at the top (for containers). */
  align?: 'middle' | 'top';
}

export interface DiagramEdge {
  /** The arrow's path from its tail to its head, as straight segments: "x,y x,y …" like an SVG polyline. */
  points: string;
  /** Default: false. */
  dashed?: boolean;
  /** Whether the line ends in an arrow head; a plain line only connects. Default: true. */
  head?: boolean;
}

export interface DiagramLabel {
  x: number;
  y: number;
  text: string;
  /** Default: 'middle'. */
  anchor?: 'start' | 'middle' | 'end';
  /** Default: 'sub'. */
  kind?: LineKind;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  labels?: DiagramLabel[];
}

/** The length of an arrow's head, in user units. */
const ARROW_HEAD = 9;

const LINE_HEIGHT: Record<LineKind, number> = { title: 20, sub: 18, code: 18, fail: 18, note: 18 };

/** The vertical centre of each line of a box, for `dominant-baseline: central` text. */
export function lineCentres(node: DiagramNode): number[] {
  const kinds = node.lines.map((line, i) => line.kind ?? (i === 0 ? 'title' : 'sub'));
  const heights = kinds.map((k) => LINE_HEIGHT[k]);
  const total = heights.reduce((a, b) => a + b, 0);
  let top = node.align === 'top' ? node.y + 10 : node.y + (node.h - total) / 2;
  return heights.map((h) => {
    const centre = top + h / 2;
    top += h;
    return centre;
  });
}

/** The kind of each line of a box, with the defaults applied. */
export function lineKind(line: DiagramLine, index: number): LineKind {
  return line.kind ?? (index === 0 ? 'title' : 'sub');
}

/** The points of an edge as numbers. */
function edgePoints(edge: DiagramEdge): [number, number][] {
  return edge.points
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [x, y] = pair.split(',').map(Number);
      if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y))
        throw new Error(`bad diagram point "${pair}" in "${edge.points}"`);
      return [x, y];
    });
}

/** The SVG path data of an arrow's line, stopping where its head begins so the tip stays sharp. */
export function edgePath(edge: DiagramEdge, headSize = ARROW_HEAD): string {
  const points = edgePoints(edge);
  if (points.length < 2) throw new Error(`a diagram edge needs two points: "${edge.points}"`);
  if (edge.head === false) return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
  const [x2, y2] = points[points.length - 1]!;
  const [x1, y1] = points[points.length - 2]!;
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const back = Math.min(headSize * 0.8, length);
  points[points.length - 1] = [x2 - ((x2 - x1) / length) * back, y2 - ((y2 - y1) / length) * back];
  const r = (n: number) => Math.round(n * 10) / 10;
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r(x)} ${r(y)}`).join(' ');
}

/** The SVG path data of the triangle at an arrow's head, pointing along its last segment. */
export function arrowHead(edge: DiagramEdge, size = ARROW_HEAD): string {
  const points = edgePoints(edge);
  const [x2, y2] = points[points.length - 1]!;
  const [x1, y1] = points[points.length - 2]!;
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [ux, uy] = [(x2 - x1) / length, (y2 - y1) / length];
  const [bx, by] = [x2 - ux * size, y2 - uy * size];
  const [px, py] = [-uy * size * 0.55, ux * size * 0.55];
  const r = (n: number) => Math.round(n * 10) / 10;
  return `M${r(x2)} ${r(y2)} L${r(bx + px)} ${r(by + py)} L${r(bx - px)} ${r(by - py)} Z`;
}

/** A node at (x, y) of size w × h with its lines, and a variant unless it is plain. */
export function box(
  x: number,
  y: number,
  w: number,
  h: number,
  lines: DiagramNode['lines'],
  variant?: DiagramNode['variant'],
): DiagramNode {
  return { x, y, w, h, lines, ...(variant ? { variant } : {}) };
}
