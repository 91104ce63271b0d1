import { describe, expect, it } from 'vitest';
import { barChart, CHART_LAYOUT, wrapLabel } from './chart.ts';

describe('bar chart labels', () => {
  it('are broken at spaces into lines of the label column, never shortened', () => {
    const label = 'Asian, Asian British or Asian Welsh: Pakistani';
    const lines = wrapLabel(label);
    expect(lines).toEqual(['Asian, Asian British or Asian', 'Welsh: Pakistani']);
    expect(lines.join(' ')).toBe(label);
    expect(wrapLabel('Female')).toEqual(['Female']);
    // A word longer than a line is split with a hyphen rather than running out of the column.
    const long = wrapLabel('x'.repeat(45));
    expect(long.every((l) => l.length <= CHART_LAYOUT.labelCharacters)).toBe(true);
    expect(long.join('').replace(/-/g, '')).toBe('x'.repeat(45));
  });

  it('give each row the height of its label, so no label runs into the next bar', () => {
    const chart = barChart('c', 'Chart', [
      { label: 'High risk factors or vulnerability when risk assessed', value: 9, share: 64.3 },
      { label: 'Victim of crime', value: 5, share: 35.7 },
    ]);
    const [first, second] = chart.bars;
    expect(first!.labelLines.map((l) => l.text).join(' ')).toBe(
      'High risk factors or vulnerability when risk assessed',
    );
    expect(first!.labelLines).toHaveLength(3);
    expect(second!.y).toBeGreaterThan(first!.labelLines.at(-1)!.y);
    expect(chart.height).toBeGreaterThan(second!.labelLines.at(-1)!.y);
    expect(second!.valueText).toBe('5 (35.7%)');
  });
});
