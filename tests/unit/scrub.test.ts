import { describe, expect, it } from 'vitest';
import { scrub } from '@/lib/ai/scrub';

describe('PII/PHI scrub', () => {
  it.each([
    ['Email jane.doe@northfield-dairy.com if the line stops', 'jane.doe@northfield-dairy.com', 'EMAIL'],
    ['Call the supervisor on +1 (555) 201-3344 at once', '+1 (555) 201-3344', 'PHONE'],
    ['Call 0161 496 0732 after hours', '0161 496 0732', 'PHONE'],
    ['Employee SSN 123-45-6789 goes on the form', '123-45-6789', 'SSN'],
    ['Charge card 4111 1111 1111 1111 for parts', '4111 1111 1111 1111', 'CARD'],
    ['Patient DOB: 04/12/1961 must be checked', '04/12/1961', 'DOB'],
    ['born on March 3, 1958 per chart', 'March 3, 1958', 'DOB'],
    ['Scan MRN 00482913 before dosing', '00482913', 'MRN'],
    ['Log in to the PLC at 10.20.30.40 to reset', '10.20.30.40', 'IP'],
    ['Historian at fe80:0:0:0:200:f8ff:fe21:67cf logs data', 'fe80:0:0:0:200:f8ff:fe21:67cf', 'IP'],
  ])('removes %j', (input, secret, kind) => {
    const r = scrub(input);
    expect(r.text).not.toContain(secret);
    expect(r.text).toContain(`[${kind}_1]`);
    expect(r.redactions).toContainEqual({ kind, placeholder: `[${kind}_1]`, count: 1 });
  });

  it('keeps stable placeholders for repeated values', () => {
    const r = scrub('Mail a@x.io, then b@x.io, then a@x.io again.');
    expect(r.text).toBe('Mail [EMAIL_1], then [EMAIL_2], then [EMAIL_1] again.');
    expect(r.redactions).toEqual([
      { kind: 'EMAIL', placeholder: '[EMAIL_1]', count: 2 },
      { kind: 'EMAIL', placeholder: '[EMAIL_2]', count: 1 },
    ]);
  });

  it("removes the organization's own sensitive terms, whole words only", () => {
    const r = scrub('Acme Foods ships to Big Client Ltd from Plant Riverside; riverside fencing is not a site.', ['Big Client Ltd', 'Riverside']);
    expect(r.text).toBe('Acme Foods ships to [TERM_1] from Plant [TERM_2]; [TERM_2] fencing is not a site.');
  });

  it('leaves ordinary procedure text alone', () => {
    const text = 'Heat to 72 °C for 15 s. Record on form QA-017 rev 3 at 10:30. Step 4.2.1: sanitize 200 ppm. Lot 2026-11-22.';
    expect(scrub(text)).toEqual({ text, redactions: [] });
  });

  it('does not treat a non-Luhn digit run as a card', () => {
    expect(scrub('Part number 1234 5678 9012 3456').text).toContain('1234 5678 9012 3456');
  });
});
