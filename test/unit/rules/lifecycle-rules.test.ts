/**
 * The rules of a service's life cycle: its `deprecation` mapping (dates,
 * reason, successor) and its `previous_names`, each finding with its exact
 * code, position and words.
 */
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { pastSunset } from '../../../scripts/core/lifecycle/sunset.js';
import { analyzeTexts } from '../../helpers/core.js';

const lines = (ds: readonly Parameters<typeof messageFor>[0][]) =>
  ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${messageFor(d)}`);

const deprecated = (deprecation: string, extra = '') =>
  `technical_name: Old\nno_more_assignable: true\ndeprecation:\n${deprecation}${extra}`;
const NEW = 'technical_name: New\n';

describe('the deprecation mapping', () => {
  it('is read into the service with every field, and where its sunset is written beside it', () => {
    const { diagnostics, services, sunsetPlaces } = analyzeTexts({
      'old.yaml': deprecated(
        '  since: 2024-02-29\n  reason: replaced\n  note: Move to New\n  replaced_by: new\n  sunset: "2025-01-01"\n',
      ),
      'new.yaml': NEW,
    });
    expect(diagnostics).toEqual([]);
    expect(services.map((s) => [s.instance, s.deprecation, s.previous_names])).toEqual([
      ['new', null, []],
      [
        'old',
        {
          since: '2024-02-29',
          reason: 'replaced',
          note: 'Move to New',
          replaced_by: 'new',
          sunset: '2025-01-01',
        },
        [],
      ],
    ]);
    const places = [...(sunsetPlaces.get('user_services') ?? [])].map(([instance, { at }]) => [instance, at]);
    expect(places).toEqual([['old', { file: 'services/old.yaml', line: 8, column: 11 }]]);
  });

  it('gives the same service wherever its lines stand: a position is no published value', () => {
    const fields = ['  since: 2025-03-01', '  reason: replaced', '  replaced_by: new', '  sunset: 2025-12-31'];
    const layouts = [
      `technical_name: Old\nno_more_assignable: true\ndeprecation:\n${fields.join('\n')}\n`,
      `# yaml-language-server: $schema=../schema.json\n\ndeprecation:\n${[...fields].reverse().join('\n')}\nno_more_assignable: true\ntechnical_name: Old\n`,
      `technical_name: Old\nno_more_assignable: true\ndeprecation:\n${fields.map((f) => `  ${f}`).join('\n')}\n`,
      'technical_name: Old\nno_more_assignable: true\ndeprecation: {since: 2025-03-01, reason: replaced, replaced_by: new, sunset: 2025-12-31}\n',
    ];
    const read = layouts.map((text) => analyzeTexts({ 'old.yaml': text, 'new.yaml': NEW }));
    expect(read.map((a) => a.diagnostics)).toEqual([[], [], [], []]);
    for (const a of read) expect(a.services).toEqual(read[0]?.services);
    expect(read.map((a) => a.sunsetPlaces.get('user_services')?.get('old')?.at)).toEqual([
      { file: 'services/old.yaml', line: 7, column: 11 },
      { file: 'services/old.yaml', line: 4, column: 11 },
      { file: 'services/old.yaml', line: 7, column: 13 },
      { file: 'services/old.yaml', line: 3, column: 78 },
    ]);
  });

  it('needs since, and refuses other fields with the deprecation fields as suggestions', () => {
    const { diagnostics } = analyzeTexts({
      'old.yaml': deprecated('  reason: security\n  sunst: 2026-01-01\n  x: 1\n'),
    });
    expect(lines(diagnostics)).toEqual([
      'services/old.yaml:4:3 error missing-field: the required field "deprecation.since" is missing',
      'services/old.yaml:5:3 error unknown-field: unknown field "deprecation.sunst"; did you mean "sunset"?',
      'services/old.yaml:6:3 error unknown-field: unknown field "deprecation.x"; allowed fields in deprecation are since, reason, note, replaced_by, sunset',
    ]);
  });

  it('refuses dates that are not written YYYY-MM-DD or that the calendar lacks', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': deprecated('  since: 2023-02-29\n  sunset: 2100-02-29\n'),
      'b.yaml': deprecated('  since: 2024-1-5\n  sunset: "31/12/2025"\n').replace('Old', 'B'),
      'c.yaml': deprecated('  since: 2024-13-01\n  sunset: 2024-04-31\n').replace('Old', 'C'),
    });
    expect(lines(diagnostics)).toEqual([
      'services/a.yaml:4:10 error invalid-date: deprecation.since is "2023-02-29", a day the calendar does not have; write a real date (months 01-12, and the days that month has)',
      'services/a.yaml:5:11 error invalid-date: deprecation.sunset is "2100-02-29", a day the calendar does not have; write a real date (months 01-12, and the days that month has)',
      'services/b.yaml:4:10 error invalid-date: deprecation.since is "2024-1-5", not a date written YYYY-MM-DD; write it like 2025-06-30',
      'services/b.yaml:5:11 error invalid-date: deprecation.sunset is "31/12/2025", not a date written YYYY-MM-DD; write it like 2025-06-30',
      'services/c.yaml:4:10 error invalid-date: deprecation.since is "2024-13-01", a day the calendar does not have; write a real date (months 01-12, and the days that month has)',
      'services/c.yaml:5:11 error invalid-date: deprecation.sunset is "2024-04-31", a day the calendar does not have; write a real date (months 01-12, and the days that month has)',
    ]);
  });

  it('refuses a date that is not text with the schema words, once', () => {
    const { diagnostics } = analyzeTexts({ 'old.yaml': deprecated('  since: 20240101\n') });
    expect(lines(diagnostics)).toEqual([
      'services/old.yaml:4:10 error wrong-type: deprecation.since must be a string, but found the number 20240101; put it in quotes to make it a string',
    ]);
  });

  it('refuses a sunset before since, at the sunset; the same day is allowed', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': deprecated('  since: 2025-03-01\n  sunset: 2025-02-28\n'),
      'b.yaml': deprecated('  since: 2025-03-01\n  sunset: 2025-03-01\n').replace('Old', 'B'),
    });
    expect(lines(diagnostics)).toEqual([
      'services/a.yaml:5:11 error sunset-before-since: deprecation.sunset 2025-02-28 is before deprecation.since 2025-03-01: a service is removed after it is deprecated; correct one of the dates',
    ]);
  });

  it('refuses a reason outside the documented set, suggesting the close one', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': deprecated('  since: 2025-03-01\n  reason: end-of-lfe\n'),
      'b.yaml': deprecated('  since: 2025-03-01\n  reason: the vendor stopped selling it\n').replace('Old', 'B'),
    });
    expect(lines(diagnostics)).toEqual([
      'services/a.yaml:5:11 error unknown-reason: deprecation.reason is "end-of-lfe", not one of replaced, end-of-life, licence-withdrawn, security; did you mean "end-of-life"? (say more in deprecation.note)',
      'services/b.yaml:5:11 error unknown-reason: deprecation.reason is "the vendor stopped selling it", not one of replaced, end-of-life, licence-withdrawn, security (say more in deprecation.note)',
    ]);
  });

  it('requires no_more_assignable: true, at the deprecation key', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\ndeprecation:\n  since: 2025-03-01\n',
      'b.yaml': 'technical_name: B\nno_more_assignable: false\ndeprecation: {since: 2025-03-01}\n',
      'c.yaml': 'technical_name: C\nno_more_assignable: yes\ndeprecation: {since: 2025-03-01}\n',
    });
    expect(lines(diagnostics)).toEqual([
      'services/a.yaml:2:1 error deprecation-while-assignable: a service with a deprecation must be no more assignable, but no_more_assignable is not set (false); write no_more_assignable: true, or remove the deprecation',
      'services/b.yaml:3:1 error deprecation-while-assignable: a service with a deprecation must be no more assignable, but no_more_assignable is false; write no_more_assignable: true, or remove the deprecation',
      'services/c.yaml:2:21 error yaml11-boolean: no_more_assignable is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true',
    ]);
  });

  it('names an existing, assignable successor other than itself', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': deprecated('  since: 2025-03-01\n  replaced_by: New\n').replace('Old', 'A'),
      'b.yaml': deprecated('  since: 2025-03-01\n  replaced_by: b\n').replace('Old', 'B'),
      'c.yaml': deprecated('  since: 2025-03-01\n  replaced_by: d\n').replace('Old', 'C'),
      'd.yaml': 'technical_name: D\nno_more_assignable: true\n',
      'e.yaml': deprecated('  since: 2025-03-01\n  replaced_by: neww\n').replace('Old', 'E'),
      'f.yaml': deprecated('  since: 2025-03-01\n  replaced_by: nothing-like-it\n').replace('Old', 'F'),
      'g.yaml': deprecated('  since: 2025-03-01\n  replaced_by: new\n').replace('Old', 'G'),
      'new.yaml': NEW,
    });
    expect(lines(diagnostics)).toEqual([
      'services/a.yaml:5:16 error unknown-replacement: deprecation.replaced_by names "New", but no service has that instance name; did you mean "new"? (the successor is named by its file name without .yaml)',
      'services/b.yaml:5:16 error replaced-by-itself: deprecation.replaced_by names "b", this service itself; name the service that replaces it, or remove replaced_by',
      'services/c.yaml:5:16 error replacement-deprecated: deprecation.replaced_by names "d" (services/d.yaml), which is no more assignable itself; name the service clients should move to now',
      'services/e.yaml:5:16 error unknown-replacement: deprecation.replaced_by names "neww", but no service has that instance name; did you mean "new"? (the successor is named by its file name without .yaml)',
      'services/f.yaml:5:16 error unknown-replacement: deprecation.replaced_by names "nothing-like-it", but no service has that instance name (the successor is named by its file name without .yaml)',
    ]);
  });

  it('refuses with --as-of every sunset on or before the day, at the sunset, and none before it', () => {
    const services = analyzeTexts({
      'a.yaml': deprecated('  since: 2025-01-01\n  sunset: 2025-06-30\n').replace('Old', 'A'),
      'b.yaml': deprecated('  since: 2025-01-01\n  sunset: 2025-07-01\n').replace('Old', 'B'),
      'c.yaml': deprecated('  since: 2025-01-01\n').replace('Old', 'C'),
      'd.yaml': 'technical_name: D\nno_more_assignable: true\n',
    });
    expect(lines(pastSunset(services, '2025-06-29', [userServices]))).toEqual([]);
    expect(lines(pastSunset(services, '2025-06-30', [userServices]))).toEqual([
      'services/a.yaml:5:11 error past-sunset: "a" is still published, but its sunset 2025-06-30 is on or before 2025-06-30; remove the service (a planned removal), or move deprecation.sunset later',
    ]);
    expect(pastSunset(services, '2030-01-01', [userServices]).map((d) => d.args)).toEqual([
      { instance: 'a', sunset: '2025-06-30', asOf: '2030-01-01' },
      { instance: 'b', sunset: '2025-07-01', asOf: '2030-01-01' },
    ]);
  });
});

describe('previous_names', () => {
  it('is read into the service as written', () => {
    const { diagnostics, services } = analyzeTexts({ 'new.yaml': `${NEW}previous_names:\n  - old\n  - Old.v1_2\n` });
    expect(diagnostics).toEqual([]);
    expect(services[0]?.previous_names).toEqual(['old', 'Old.v1_2']);
  });

  it('holds valid instance names only, each refused at its item', () => {
    const { diagnostics } = analyzeTexts({
      'new.yaml': `${NEW}previous_names: [call park, Index, "old.", -old, ${'x'.repeat(101)}, 7]\n`,
    });
    expect(lines(diagnostics)).toEqual([
      'services/new.yaml:2:18 error invalid-previous-name: previous_names holds "call park", which cannot have been an instance name: an instance name starts with a letter or digit and uses only letters A-Z, digits, "_", "." and "-"; remove it',
      `services/new.yaml:2:29 error invalid-previous-name: previous_names holds "Index", which cannot have been an instance name: the name is reserved for the API's own paths, so no service ever had it; remove it`,
      'services/new.yaml:2:36 error invalid-previous-name: previous_names holds "old.", which cannot have been an instance name: an instance name does not end with "."; remove it',
      'services/new.yaml:2:44 error invalid-previous-name: previous_names holds "-old", which cannot have been an instance name: an instance name starts with a letter or digit and uses only letters A-Z, digits, "_", "." and "-"; remove it',
      `services/new.yaml:2:50 error invalid-previous-name: previous_names holds "${'x'.repeat(60)}"... (101 characters, shortened), which cannot have been an instance name: an instance name has at most 100 characters; remove it`,
      'services/new.yaml:2:153 error wrong-type: previous_names.5 must be a string, but found the number 7; put it in quotes to make it a string',
    ]);
  });

  it('never names a file of the list folder (index.json, its compressed copies), in any case', () => {
    // Such a name passed check; serve then redirected the list to the service, Caddy did in any case, and
    // build failed writing the copy's folder where the list's file is (EISDIR, once the list had a .gz copy).
    const { diagnostics } = analyzeTexts({
      'new.yaml': `${NEW}previous_names: [index.json, INDEX.HTML, index.json.gz, Index.json.br, indexes]\n`,
    });
    const reserved = (name: string, column: number) =>
      `services/new.yaml:2:${column} error invalid-previous-name: previous_names holds "${name}", which cannot have been an instance name: the name is reserved for the API's own paths, so no service ever had it; remove it`;
    expect(lines(diagnostics)).toEqual([
      reserved('index.json', 18),
      reserved('INDEX.HTML', 30),
      reserved('index.json.gz', 42),
      reserved('Index.json.br', 57),
    ]);
  });

  it('must be a list', () => {
    const { diagnostics } = analyzeTexts({ 'new.yaml': `${NEW}previous_names: old\n` });
    expect(lines(diagnostics)).toEqual([
      'services/new.yaml:2:17 error wrong-type: previous_names must be a list, but found the string "old"',
    ]);
  });

  it('may not name a current instance, its own included, ignoring case', () => {
    const { diagnostics } = analyzeTexts({
      'new.yaml': `${NEW}previous_names: [OTHER, new]\n`,
      'other.yaml': 'technical_name: Other\n',
    });
    expect(lines(diagnostics)).toEqual([
      'services/new.yaml:2:18 error previous-name-in-use: previous_names holds "OTHER", but "other" (services/other.yaml) is a current instance name (instance names ignore case): its URL cannot redirect while a service answers there; remove it from previous_names',
      'services/new.yaml:2:25 error previous-name-in-use: previous_names holds "new", but "new" (services/new.yaml) is a current instance name: its URL cannot redirect while a service answers there; remove it from previous_names',
    ]);
  });

  it('may not repeat an old name within a service or across services, ignoring case; each use is reported', () => {
    const { diagnostics } = analyzeTexts({
      'a.yaml': 'technical_name: A\nprevious_names:\n  - gone\n  - Gone\n',
      'b.yaml': 'technical_name: B\nprevious_names: [GONE, other-gone]\n',
    });
    expect(lines(diagnostics)).toEqual([
      'services/a.yaml:3:5 error duplicate-previous-name: previous_names holds "gone", also a previous name at services/a.yaml:4:5 (instance names ignore case): an old URL can redirect to one service only; keep it on the service that really had it',
      'services/a.yaml:4:5 error duplicate-previous-name: previous_names holds "Gone", also a previous name at services/a.yaml:3:5 (instance names ignore case): an old URL can redirect to one service only; keep it on the service that really had it',
      'services/b.yaml:2:18 error duplicate-previous-name: previous_names holds "GONE", also a previous name at services/a.yaml:3:5 (instance names ignore case): an old URL can redirect to one service only; keep it on the service that really had it',
    ]);
  });
});
