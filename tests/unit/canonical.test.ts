/**
 * The content hash a signature binds to: RFC 8785 (JCS) serialization, then SHA-256 of its
 * UTF-8 bytes. Checked against the RFC's own published examples (sections 3.2.2–3.2.4 and
 * the number table of appendix B) and the cases an SOP's content actually has.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '@/lib/document-control/canonical';

/** A double from its IEEE 754 bits, as appendix B lists them. */
const fromBits = (hex: string) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
};

describe('RFC 8785 JSON Canonicalization Scheme', () => {
  // RFC 8785 §3.2.2 input, as its JSON text (parsed, as any receiver would).
  const sample = JSON.parse(String.raw`{
    "numbers": [333333333.33333329, 1E30, 4.50,
                2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }`);

  it('serializes the RFC §3.2.2 sample exactly as the RFC prints it', () => {
    expect(canonicalJson(sample)).toBe(String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
  });

  it('produces the UTF-8 bytes the RFC lists in §3.2.4', () => {
    const rfcBytes = `7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
      5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 5d 2c
      22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`.replace(/\s+/g, '');
    expect(Buffer.from(canonicalJson(sample), 'utf8').toString('hex')).toBe(rfcBytes);
    // and the hash is SHA-256 of exactly those bytes
    expect(contentHash(sample)).toBe(createHash('sha256').update(Buffer.from(rfcBytes, 'hex')).digest('hex'));
    expect(contentHash(sample)).toBe('2d5e01a318d0f0879ab568c4be289c8b1f64ef8921a53c6277d5e069978baacb');
  });

  it('sorts properties by UTF-16 code units, as the RFC §3.2.3 example (an emoji before U+FB33)', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double with bits %s as %s (appendix B)', (bits, text) => {
    expect(canonicalJson(fromBits(bits))).toBe(text);
  });

  it('refuses NaN and infinities (appendix B: not representable in JSON)', () => {
    expect(() => canonicalJson(fromBits('7fffffffffffffff'))).toThrow();
    expect(() => canonicalJson(fromBits('7ff0000000000000'))).toThrow();
    expect(() => canonicalJson(-Infinity)).toThrow();
  });
});

describe('content hash of an SOP version', () => {
  const content = {
    titleBlock: { title: 'Línea de llenado — limpieza', documentNumber: 'SOP-0001' },
    procedure: [{ text: 'Clean the filler', callouts: [], substeps: [{ text: 'Rinse at 80 °C', callouts: [], substeps: [] }] }],
    revisionHistory: [{ version: '0.1', date: '2026-12-01', change: 'First draft', reason: '' }],
  };

  it('does not depend on key order or whitespace, at any depth', () => {
    const reordered = JSON.parse(`{
      "revisionHistory": [{"reason": "", "change": "First draft", "date": "2026-12-01", "version": "0.1"}],
      "procedure": [{"substeps": [{"substeps": [], "callouts": [], "text": "Rinse at 80 °C"}], "callouts": [], "text": "Clean the filler"}],
      "titleBlock": {"documentNumber": "SOP-0001", "title": "Línea de llenado — limpieza"}
    }`);
    expect(contentHash(reordered)).toBe(contentHash(content));
    expect(contentHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any change of content: one character, the order of an array, a type', () => {
    const hash = contentHash(content);
    expect(contentHash({ ...content, titleBlock: { ...content.titleBlock, title: 'Línea de llenado — limpieza.' } })).not.toBe(hash);
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: '1' }));
  });

  it('writes non-ASCII as UTF-8, not as escapes, and escapes control characters in lowercase hex', () => {
    expect(canonicalJson({ t: 'é €\u001f\t' })).toBe('{"t":"é €\\u001f\\t"}');
    expect(contentHash({ t: 'é' })).toBe(createHash('sha256').update(Buffer.from('{"t":"é"}', 'utf8')).digest('hex'));
  });

  it('does not normalize Unicode: composed and decomposed é hash differently', () => {
    expect(contentHash({ t: '\u00e9' })).not.toBe(contentHash({ t: 'e\u0301' }));
  });

  it('refuses a lone surrogate, but not an escaped backslash before "ud800"', () => {
    expect(() => canonicalJson({ t: 'a\ud800b' })).toThrow(/lone surrogate/);
    expect(canonicalJson({ t: '\\ud800' })).toBe('{"t":"\\\\ud800"}');
  });

  it('refuses what is not JSON', () => {
    expect(() => canonicalJson(undefined)).toThrow();
  });
});
