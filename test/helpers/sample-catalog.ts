/**
 * A small catalog made for the tests, independent of the shipped one: every
 * flag set somewhere, names and texts beyond ASCII (accents, emoji, CJK,
 * right-to-left script), and add_data with nesting, numbers, lists and nulls.
 */
export const SAMPLE_CATALOG: Readonly<Record<string, string>> = {
  'voicemail.yaml': [
    'technical_name: Voicemail',
    'description: Records messages when nobody answers',
    'for_hg: true',
    'for_enduser: true',
    'add_data:',
    '  prefix: "0044"',
    '  limits: {max_seconds: 300, ratio: 1.5, tiny: 5e-324, big: 9007199254740991}',
    '  tags: [mail, "yes", null, true, -2.5e10]',
    '',
  ].join('\n'),
  'numero-prive.yaml': [
    'technical_name: Numéro Privé',
    'display_name: Numéro privé 😀',
    'description: 非通知 — رقم خاص — Ⅻ',
    'for_cc: true',
    'for_ivr: true',
    'no_more_assignable: true',
    '',
  ].join('\n'),
  'call-forwarding-always.yaml': [
    'technical_name: Call Forwarding Always',
    'for_hg: true',
    'for_cc: true',
    'for_ivr: true',
    'for_enduser: true',
    'add_data: {}',
    '',
  ].join('\n'),
  'strasse.yaml': ['technical_name: Straßen Ansage', 'add_data:', '  "größe": {"tief": [[1, 2], {"x": ""}]}', ''].join(
    '\n',
  ),
  'minimal.yaml': 'technical_name: M\n',
};
