import type { Template } from 'aws-cdk-lib/assertions';

/** A widget of a synthesised dashboard; CloudFormation references appear as `<{...}>` inside strings. */
export interface DashboardWidget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: {
    title?: string;
    markdown?: string;
    alarms?: string[];
    metrics?: unknown[][];
  };
}

/**
 * The widgets of the one dashboard in a template, in reading order. The body is a CloudFormation join
 * of JSON text and references; each reference is written as `<{...}>` without quotes, so it can be
 * found by the logical id it names.
 */
export function dashboardWidgets(template: Template): DashboardWidget[] {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as {
    Properties: { DashboardBody: string | { 'Fn::Join': [string, unknown[]] } };
  }[];
  if (dashboards.length !== 1) throw new Error(`expected one dashboard, found ${dashboards.length}`);
  const body = dashboards[0]?.Properties.DashboardBody;
  const text =
    typeof body === 'string'
      ? body
      : (body?.['Fn::Join'][1] ?? [])
          .map((part) =>
            typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/["\\]/g, '')}>`,
          )
          .join('');
  const widgets = (JSON.parse(text) as { widgets: DashboardWidget[] }).widgets;
  return [...widgets].sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The one widget with this title. */
export function widgetTitled(widgets: readonly DashboardWidget[], title: string): DashboardWidget {
  const found = widgets.filter((widget) => widget.properties.title === title);
  if (found.length !== 1) throw new Error(`expected one widget titled ${title}, found ${found.length}`);
  return found[0] as DashboardWidget;
}

/** A graph's metrics as `namespace metric dimension=value...` lines, or the expression of a math line. */
export function graphLines(widget: DashboardWidget): string[] {
  return (widget.properties.metrics ?? []).map((line) => {
    const options = line[line.length - 1];
    if (line.length === 1 && typeof options === 'object' && options !== null && 'expression' in options) {
      return `expression ${(options as { expression: string }).expression}`;
    }
    const [namespace, metricName, ...dimensions] = line.filter((part) => typeof part === 'string');
    const pairs: string[] = [];
    for (let index = 0; index < dimensions.length; index += 2) {
      pairs.push(`${dimensions[index]}=${dimensions[index + 1]}`);
    }
    return [namespace, metricName, ...pairs].join(' ');
  });
}
