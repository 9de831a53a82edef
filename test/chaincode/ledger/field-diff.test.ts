import { diffFields } from '@alliance/chaincode/ledger/field-diff';

describe('diffFields', () => {
  it('finds nothing between equal values, whatever their key order', () => {
    expect(diffFields({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 })).toEqual(
      [],
    );
  });

  it('reports modified, added and removed fields by dotted path, in path order', () => {
    const before = { status: 'ACTIVE', updated: { at: 'T1', reason: 'r1' }, gone: 3, version: 1 };
    const after = { status: 'SUSPENDED', updated: { at: 'T2' }, version: 2, added: { x: true } };
    expect(diffFields(before, after)).toEqual([
      { field: 'added', kind: 'ADDED', new: { x: true } },
      { field: 'gone', kind: 'REMOVED', old: 3 },
      { field: 'status', kind: 'MODIFIED', old: 'ACTIVE', new: 'SUSPENDED' },
      { field: 'updated.at', kind: 'MODIFIED', old: 'T1', new: 'T2' },
      { field: 'updated.reason', kind: 'REMOVED', old: 'r1' },
      { field: 'version', kind: 'MODIFIED', old: 1, new: 2 },
    ]);
  });

  it('compares arrays element by element: an appended entry is one addition, a dropped one a removal', () => {
    const timeline = [{ state: 'REGISTERED' }, { state: 'IQ_PASSED' }];
    expect(diffFields({ timeline }, { timeline: [...timeline, { state: 'OQ_PASSED' }] })).toEqual([
      { field: 'timeline.2', kind: 'ADDED', new: { state: 'OQ_PASSED' } },
    ]);
    expect(diffFields({ ids: ['a', 'b', 'c'] }, { ids: ['a', 'c'] })).toEqual([
      { field: 'ids.1', kind: 'MODIFIED', old: 'b', new: 'c' },
      { field: 'ids.2', kind: 'REMOVED', old: 'c' },
    ]);
    expect(diffFields({ t: [{ a: 1, b: 2 }] }, { t: [{ a: 1, b: 3 }] })).toEqual([
      { field: 't.0.b', kind: 'MODIFIED', old: 2, new: 3 },
    ]);
  });

  it('reports a change of type as one modification of the whole value', () => {
    expect(diffFields({ v: { a: 1 } }, { v: [1] })).toEqual([
      { field: 'v', kind: 'MODIFIED', old: { a: 1 }, new: [1] },
    ]);
    expect(diffFields({ v: null }, { v: { a: 1 } })).toEqual([
      { field: 'v', kind: 'MODIFIED', old: null, new: { a: 1 } },
    ]);
    expect(diffFields({ v: '1' }, { v: 1 })).toEqual([{ field: 'v', kind: 'MODIFIED', old: '1', new: 1 }]);
    expect(diffFields('a', 'b')).toEqual([{ field: '', kind: 'MODIFIED', old: 'a', new: 'b' }]);
  });

  it('treats a field called __proto__ as any other field', () => {
    const before = JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown;
    const after = JSON.parse('{"a":1}') as unknown;
    expect(diffFields(before, after)).toEqual([{ field: '__proto__', kind: 'REMOVED', old: { x: 1 } }]);
    expect(diffFields(after, before)).toEqual([{ field: '__proto__', kind: 'ADDED', new: { x: 1 } }]);
  });
});
