/** A small, valid SOP content body for API calls, with any section replaced. */
export function sopContent(overrides: Record<string, unknown> = {}) {
  return {
    titleBlock: { title: 'A small SOP', documentNumber: '', department: '' },
    purpose: 'Check one thing.',
    scope: 'Everyone.',
    responsibilities: [{ role: 'Operator', duties: 'Follows it.' }],
    definitions: [],
    materialsAndEquipment: [],
    healthAndSafety: { cautions: [], ppe: [] },
    procedure: [{ text: 'Do it', callouts: [], substeps: [] }],
    records: [],
    references: [],
    revisionHistory: [],
    ...overrides,
  };
}
