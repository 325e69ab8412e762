import { describe, expect, it } from 'vitest';
import { formatHistogram } from '../src/report/histogram-text.js';
import type { HistogramEntry } from '../src/report/model.js';

describe('formatHistogram', () => {
  it('shows outcomes most frequent first with share and class, and the forbidden total', () => {
    const h: HistogramEntry[] = [
      { outcome: 'counter = 200000', count: 6, class: 'acceptable' },
      { outcome: 'counter = 131072', count: 3, class: 'forbidden' },
      { outcome: 'counter = 100001', count: 1, class: 'forbidden' },
    ];
    expect(formatHistogram(h)).toBe(
      [
        'outcome           rounds  share  class',
        '----------------  ------  -----  ----------',
        'counter = 200000       6  60.0%  acceptable',
        'counter = 131072       3  30.0%  FORBIDDEN',
        'counter = 100001       1  10.0%  FORBIDDEN',
        '3 distinct outcome(s) in 10 rounds; forbidden in 4 (40.0%)',
      ].join('\n'),
    );
  });

  it('sums a long tail of outcomes into one line', () => {
    const h: HistogramEntry[] = Array.from({ length: 20 }, (_, i) => ({ outcome: `counter = ${100 + i}`, count: 1, class: 'forbidden' as const }));
    const text = formatHistogram(h);
    expect(text).toMatch(/… 8 more outcomes +8 +40\.0% +FORBIDDEN/);
    expect(text.split('\n')).toHaveLength(2 + 12 + 1 + 1);
  });
});
