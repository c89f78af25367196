import { describe, expect, it } from 'vitest';
import { flag, interleaved, median, ratio, replaceSection, table } from '../../scripts/bench-report';

describe('bench report helpers', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('replaces a marked section and leaves the rest alone', () => {
    const text = '# Benchmarks\n\n<!-- bench:a -->\nold a\n<!-- /bench:a -->\n\n<!-- bench:b -->\nold b\n<!-- /bench:b -->\n';
    const out = replaceSection(text, 'a', 'new a\n');
    expect(out).toBe('# Benchmarks\n\n<!-- bench:a -->\nnew a\n<!-- /bench:a -->\n\n<!-- bench:b -->\nold b\n<!-- /bench:b -->\n');
    expect(replaceSection(out, 'a', 'new a')).toBe(out);
  });

  it('appends a section that is not there yet', () => {
    expect(replaceSection('# Benchmarks\n', 'c', 'c')).toBe('# Benchmarks\n\n<!-- bench:c -->\nc\n<!-- /bench:c -->\n');
  });

  it('reads flags, formats ratios and tables', () => {
    expect(flag(['db', '--orgs=5', '--big=10,20'], 'big')).toBe('10,20');
    expect(flag(['--orgs=5'], 'sops')).toBeUndefined();
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(1, 0)).toBe('n/a');
    expect(table(['a', 'b'], [[1, 2]])).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
  });

  it('interleaves the functions, alternating which goes first, and drops the warm-up', async () => {
    const calls: string[] = [];
    const times = await interleaved({ x: async () => void calls.push('x'), y: async () => void calls.push('y') }, 2, 1);
    expect(calls).toEqual(['x', 'y', 'y', 'x', 'x', 'y']);
    expect(times.x).toHaveLength(2);
    expect(times.y).toHaveLength(2);
  });
});

describe('bench bundle', () => {
  it('counts the scripts a module browser loads, not the noModule polyfills', async () => {
    const { scriptSources } = await import('../../scripts/bench-bundle');
    const html = '<script src="/a.js" async=""></script><script id="x">1</script><script src="/p.js" noModule=""></script><script async src="/b.js?x=1&amp;y=2"></script>';
    expect(scriptSources(html)).toEqual(['/a.js', '/b.js?x=1&y=2']);
  });
});
