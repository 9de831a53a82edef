import fc from 'fast-check';
import { compareUtf8, MemoryState, openPeerLedger } from '@alliance/network/ledger';
import { commitEnvelopes } from '../support';
import { tempDir, tx } from './fixtures';

const byBytes = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('UTF-8 key order', () => {
  it('matches Buffer.compare of the UTF-8 encodings', () => {
    const unit = fc.oneof(
      fc.constantFrom('\u0000', 'a', '\u00e9', '\uE000', '\uFFFF', '\u{10000}', '\u{10FFFF}', '\uD7FF'),
      fc.string({ unit: 'grapheme', maxLength: 2 }),
    );
    const key = fc.array(unit, { maxLength: 5 }).map((parts) => parts.join(''));
    fc.assert(fc.property(key, key, (a, b) => Math.sign(compareUtf8(a, b)) === Math.sign(byBytes(a, b))));
  });

  it('scans ranges in byte order, including private-use, supplementary and composite keys', async () => {
    const { dir, cleanup } = tempDir();
    const ledger = await openPeerLedger(dir);
    try {
      const keys = [
        'b',
        '\uE000x',
        '\uFFFF',
        '\u{10000}',
        '\u{10FFFF}',
        '\u0000lot\u0000A\u0000',
        '\u0000lot\u0000B\u0000',
        'a',
      ];
      await commitEnvelopes(ledger, [
        tx({ cc: { writes: keys.map((key) => ({ key, value: key })) } }).envelope,
      ]);
      const scan = (start: string, end: string): string[] =>
        [...ledger.state.range('cc', start, end)].map(([k]) => k);
      expect(scan('', '')).toEqual([...keys].sort(byBytes));
      expect(scan('', '')).toEqual([
        '\u0000lot\u0000A\u0000',
        '\u0000lot\u0000B\u0000',
        'a',
        'b',
        '\uE000x',
        '\uFFFF',
        '\u{10000}',
        '\u{10FFFF}',
      ]);
      // a partial composite key scan: [prefix, prefix + U+10FFFF)
      expect(scan('\u0000lot\u0000', '\u0000lot\u0000\u{10FFFF}')).toHaveLength(2);
      expect(scan('\u0001', '')).toEqual(['a', 'b', '\uE000x', '\uFFFF', '\u{10000}', '\u{10FFFF}']);
      expect(scan('\uE000', '\u{10000}')).toEqual(['\uE000x', '\uFFFF']);
      expect(scan('a', 'a')).toEqual([]);
      expect([...ledger.state.range('none', '', '')]).toEqual([]);
    } finally {
      await ledger.close();
      cleanup();
    }
  });

  it('keeps an open range iterator consistent across a commit', async () => {
    const { dir, cleanup } = tempDir();
    const ledger = await openPeerLedger(dir);
    try {
      await commitEnvelopes(ledger, [
        tx({ cc: { writes: ['a', 'c', 'e'].map((key) => ({ key, value: key })) } }).envelope,
      ]);
      const iterator = ledger.state.range('cc', '', '');
      const first = iterator.next();
      expect(first.done ? undefined : first.value[0]).toBe('a');
      await commitEnvelopes(ledger, [
        tx({ cc: { writes: [{ key: 'a' }, { key: 'b', value: 'b' }, { key: 'd', value: 'd' }] } }).envelope,
      ]);
      expect([...iterator].map(([k]) => k)).toEqual(['b', 'c', 'd', 'e']);
    } finally {
      await ledger.close();
      cleanup();
    }
  });
});

describe('in-memory state', () => {
  it('answers ranges like a sorted reference model after any puts and deletes', () => {
    const key = fc.constantFrom(
      'a',
      'b',
      'ab',
      '\u0000x',
      '\uE000',
      '\uFFFF',
      '\u{10000}',
      '\u{10FFFF}',
      'z',
      '',
    );
    const op = fc.record({ del: fc.boolean(), key });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), key, key, (ops, start, end) => {
        const state = new MemoryState();
        const model = new Map<string, number>();
        ops.forEach(({ del, key: k }, i) => {
          if (del) {
            state.delete('ns', k);
            model.delete(k);
          } else {
            state.put('ns', k, { value: Uint8Array.of(i), version: { blockNum: 0, txNum: i } });
            model.set(k, i);
          }
        });
        const expected = [...model]
          .filter(([k]) => byBytes(k, start) >= 0 && (end === '' || byBytes(k, end) < 0))
          .sort(([a], [b]) => byBytes(a, b))
          .map(([k, i]) => [k, i]);
        const actual = [...state.range('ns', start, end)].map(([k, v]) => [k, v.version.txNum]);
        return JSON.stringify(actual) === JSON.stringify(expected);
      }),
    );
  });
});
