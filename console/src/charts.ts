const SVG = 'http://www.w3.org/2000/svg';

/** One stacked series of a bar chart. */
export interface Series {
  label: string;
  values: readonly number[];
  className: string;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** A stacked bar chart over time with a legend; each bar has a tooltip with its values, for screen readers a title. */
export function stackedBars(
  title: string,
  labels: readonly string[],
  series: readonly Series[],
): SVGSVGElement {
  const width = 560;
  const height = 160;
  const left = 32;
  const bottom = 18;
  const totals = labels.map((_, index) => series.reduce((sum, line) => sum + (line.values[index] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (width - left) / Math.max(labels.length, 1);
  const bars = labels.flatMap((label, index) => {
    let y = height - bottom;
    return series.map((line) => {
      const value = line.values[index] ?? 0;
      const barHeight = ((height - bottom - 8) * value) / max;
      y -= barHeight;
      return svg(
        'rect',
        {
          x: left + index * step + 1,
          y,
          width: Math.max(step - 2, 1),
          height: barHeight,
          class: line.className,
        },
        svg('title', {}, `${label} ${line.label}: ${value}`),
      );
    });
  });
  const ticks = labels.flatMap((label, index) =>
    index % Math.ceil(labels.length / 6) === 0
      ? [svg('text', { x: left + index * step, y: height - 4, class: 'tick' }, label)]
      : [],
  );
  return svg(
    'svg',
    { viewBox: `0 0 ${width} ${height + 18}`, role: 'img', 'aria-label': title, class: 'chart' },
    svg('title', {}, title),
    svg('text', { x: 0, y: 12, class: 'tick' }, String(max)),
    svg('line', { x1: left, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis' }),
    ...bars,
    ...ticks,
    ...series.map((line, index) =>
      svg(
        'g',
        { transform: `translate(${left + index * 110}, ${height + 6})` },
        svg('rect', { width: 10, height: 10, class: line.className }),
        svg('text', { x: 14, y: 9, class: 'tick' }, line.label),
      ),
    ),
  );
}

/** Horizontal bars, one per row, scaled to `max` (1 for shares), with the value written beside each. */
export function horizontalBars(
  title: string,
  rows: readonly { label: string; value: number; text: string; className?: string }[],
  max = Math.max(1, ...rows.map((row) => row.value)),
): SVGSVGElement {
  const width = 560;
  const rowHeight = 20;
  const labelWidth = 190;
  const barWidth = width - labelWidth - 150;
  return svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${Math.max(rows.length, 1) * rowHeight + 4}`,
      role: 'img',
      'aria-label': title,
      class: 'chart',
    },
    svg('title', {}, title),
    ...(rows.length === 0 ? [svg('text', { x: 0, y: 14, class: 'tick' }, '—')] : []),
    ...rows.flatMap((row, index) => [
      svg('text', { x: 0, y: index * rowHeight + 14, class: 'tick' }, row.label.slice(0, 32)),
      svg('rect', {
        x: labelWidth,
        y: index * rowHeight + 4,
        width: Math.max((barWidth * row.value) / max, row.value > 0 ? 1 : 0),
        height: rowHeight - 6,
        class: row.className ?? 'bar',
      }),
      svg('text', { x: labelWidth + barWidth + 6, y: index * rowHeight + 14, class: 'tick' }, row.text),
    ]),
  );
}
