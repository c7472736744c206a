/**
 * The checks of the shipped catalog (helpers/any-catalog.ts) hold for every
 * catalog an operator may make: the fixture changed as a pull request changes
 * services/, a catalog of one service, and 200 generated ones. And they fail,
 * each with the place and the reason, where a catalog is wrong.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { differencesFromModel, invalidFiles, itHoldsForAnyCatalog, runOn } from '../helpers/any-catalog.js';
import { serviceFileNames } from '../helpers/catalog-files.js';
import { API } from '../helpers/catalog-model.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { copyFixtureCatalog } from '../helpers/fixture-catalog.js';
import { SCHEMA_LINE, tempDir, writeTree } from '../helpers/fs.js';
import { platformFile } from '../helpers/platform.js';

/** Replaces `from` by `to` in a file, which must hold `from`. */
function change(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} holds no ${from}`);
  writeFileSync(path, text.replace(from, to));
}

/** The fixture as a pull request changes it: two services added, one removed, one described anew, one flag flipped. */
function changedFixture(): string {
  const work = copyFixtureCatalog(tempDir());
  const services = join(work, 'services');
  // The two new services are the platform's own: the pull request declares their names.
  change(
    join(services, '_platform.yaml'),
    'extra_service_names:\n',
    'extra_service_names:\n  - Call Notify Extra\n  - Call Notify\n',
  );
  const added = runCli(['new', 'zz-extra', '--technical-name', 'Call Notify Extra', '--for', 'hg,ivr'], { cwd: work });
  expect(added).toEqual({ status: 0, stdout: 'services/zz-extra.yaml\n', stderr: '' });
  writeTree(services, {
    'Odd_Name.v2.yml': `${SCHEMA_LINE}technical_name: Call Notify\ndescription: Named by no convention\nfor_cc: true\n`,
  });
  rmSync(join(services, 'call-waiting.yaml'));
  change(join(services, 'numero-prive.yaml'), "hides the caller's number", 'hides the number of the caller');
  change(join(services, 'BLF_v2.yaml'), 'for_ivr: false', 'for_ivr: true');
  return services;
}

/** A working folder whose services/ holds these files. */
const catalog = (files: Record<string, string>): string =>
  writeTree(tempDir(), Object.fromEntries(Object.entries(files).map(([name, text]) => [`services/${name}`, text])));

describe('a pull request that adds, removes and edits services', () => {
  itHoldsForAnyCatalog(changedFixture);
});

describe('a catalog of one service', () => {
  itHoldsForAnyCatalog(() => writeTree(tempDir(), { 'only.yaml': 'technical_name: Call Waiting\n' }));
});

describe('a catalog of 200 generated services (with a yaml11-value warning)', () => {
  itHoldsForAnyCatalog(() => {
    const dir = join(tempDir(), 'services');
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/generate.mjs'), dir, '200'], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
    // Their names are made up: the platform declares them, as an operator's catalog of its own services would.
    const names = serviceFileNames(dir).map((name) => parse(readFileSync(join(dir, name), 'utf8')).technical_name);
    writeFileSync(join(dir, '_platform.yaml'), platformFile(...names));
    return dir;
  });
});

describe('what fails a catalog', () => {
  it('an error, located, with exit 1', () => {
    const work = catalog({ 'a.yaml': 'technical_name: Authentication\nfor_hg: yes\n' });
    const failing = [
      'services/a.yaml:2:9: error yaml11-boolean: for_hg is the string "yes": YAML 1.2 reads yes as text, not as a boolean; write true',
    ];
    expect(runOn(work, 'check')).toEqual({ status: 1, failing, errors: 1, services: 1 });
    expect(runOn(work, 'build')).toEqual({ status: 1, failing, errors: 1, services: 1 });
  });

  it('a comment that cuts a published text, though check passes', () => {
    const work = catalog({ 'a.yaml': 'technical_name: Authentication\ndescription: Park #1\n' });
    const failing = [
      'services/a.yaml:2:19: warning comment-in-text: the text of description ends here: " #" starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it',
    ];
    expect(runOn(work, 'check')).toEqual({ status: 0, failing, errors: 0, services: 1 });
  });

  it('not a warning that changes nothing published: an entry not a service file, a YAML 1.1 word in add_data', () => {
    const work = catalog({
      'a.yaml': 'technical_name: Authentication\nadd_data: {tags: [no]}\n',
      'README.md': '# Services\n',
    });
    expect(runOn(work, 'check')).toEqual({ status: 0, failing: [], errors: 0, services: 1 });
  });

  it('a technical name BroadWorks does not know, though check passes: clients would not find the service', () => {
    const work = catalog({ 'a.yaml': 'technical_name: Call Forwarding Alwyas\n' });
    const failing = [
      'services/a.yaml:1:17: warning unknown-service-name: the technical_name "Call Forwarding Alwyas" is not a known BroadWorks user service name; did you mean "Call Forwarding Always"? BroadWorks compares service names exactly, and clients join the catalog with the names it returns, so they would not find this service; if the platform has a service of that name (a custom service, or one of a newer release), list it under extra_service_names in services/_platform.yaml',
    ];
    expect(runOn(work, 'check')).toEqual({ status: 0, failing, errors: 0, services: 1 });
  });

  it('not a name declared twice: the platform file declaring one BroadWorks has', () => {
    const work = catalog({
      'a.yaml': 'technical_name: Call Waiting\n',
      '_platform.yaml': platformFile('Call Waiting'),
    });
    expect(runOn(work, 'check')).toEqual({ status: 0, failing: [], errors: 0, services: 1 });
  });

  it('a file the JSON Schema refuses, each problem with its place in the file', () => {
    const work = catalog({ 'a.yaml': 'technical_name: A\nfor_hg: yes\ncolour: red\n', 'b.yml': 'technical_name: B\n' });
    expect(invalidFiles(work)).toEqual([
      'a.yaml: / must NOT have additional properties',
      'a.yaml: /for_hg must be boolean',
    ]);
  });

  it('a published file missing, changed, or not of the model', () => {
    const work = copyFixtureCatalog(tempDir());
    expect(runCli(['build'], { cwd: work }).status).toBe(0);
    const dist = join(work, 'dist');
    rmSync(join(dist, API, 'filters/for_hg/index.json'));
    writeFileSync(join(dist, API, 'call-waiting/index.json'), '{}\n');
    writeTree(dist, { [`${API}/stray/index.json`]: '{}\n' });
    const [changed, missing, stray, ...rest] = differencesFromModel(work);
    expect(
      changed?.startsWith(
        `${API}/call-waiting/index.json: published {}, the model says {"technical_name":"Call Waiting",`,
      ),
    ).toBe(true);
    expect([missing, stray, rest]).toEqual([
      `${API}/filters/for_hg/index.json: missing`,
      `${API}/stray/index.json: not in the model`,
      [],
    ]);
  });
});
