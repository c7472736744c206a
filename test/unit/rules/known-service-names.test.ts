import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { analyzeTexts } from '../../helpers/core.js';

const lines = (files: Record<string, string>, dir = 'services') =>
  analyzeTexts(files, dir, { names: true }).diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${messageFor(d)}`,
  );

const service = (name: string) => `# a service\ntechnical_name: ${name}\nfor_hg: true\n`;
const WHY =
  'BroadWorks compares service names exactly, and clients join the catalog with the names it returns, so they would not find this service';
const DECLARE = (file: string) =>
  `if the platform has a service of that name (a custom service, or one of a newer release), list it under extra_service_names in ${file}`;

describe('technical names BroadWorks does not know', () => {
  it('warn at the value, with the name it is likely a typo of', () => {
    expect(lines({ 'cfa.yaml': service('Call Forwarding Alwyas') })).toEqual([
      `services/cfa.yaml:2:17: warning unknown-service-name: the technical_name "Call Forwarding Alwyas" is not a known BroadWorks user service name; did you mean "Call Forwarding Always"? ${WHY}; ${DECLARE('services/_platform.yaml')}`,
    ]);
  });

  it('carry the nearest name and how it differs in their arguments', () => {
    const { diagnostics } = analyzeTexts({ 'a.yaml': service('call forwarding always') }, 'services', { names: true });
    expect(diagnostics).toEqual([
      {
        code: 'unknown-service-name',
        severity: 'warning',
        file: 'services/a.yaml',
        line: 2,
        column: 17,
        args: {
          name: 'call forwarding always',
          nearest: 'Call Forwarding Always',
          likeness: 'case',
          platformFile: 'services/_platform.yaml',
        },
      },
    ]);
  });

  it('say when the name differs from a known one only in case, or only in the form of its characters', () => {
    expect(lines({ 'a.yaml': service('CALL FORWARDING BUSY'), 'b.yaml': service('"Ｖoice Messaging User"') })).toEqual([
      `services/a.yaml:2:17: warning unknown-service-name: the technical_name "CALL FORWARDING BUSY" differs only in case from the BroadWorks user service name "Call Forwarding Busy"; ${WHY}: write "Call Forwarding Busy"`,
      `services/b.yaml:2:17: warning unknown-service-name: the technical_name "Ｖoice Messaging User" is the BroadWorks user service name "Voice Messaging User" written with other characters (case, accents or compatibility forms); ${WHY}: write "Voice Messaging User"`,
    ]);
  });

  it('name no guess when no known name is close, and the platform file of the folder', () => {
    expect(lines({ 'x.yaml': service('Premium Concierge') }, '.')).toEqual([
      `./x.yaml:2:17: warning unknown-service-name: the technical_name "Premium Concierge" is not a known BroadWorks user service name; ${WHY}; ${DECLARE('_platform.yaml')}`,
    ]);
  });

  it('say nothing of names the tool ships, exactly as written', () => {
    expect(lines({ 'a.yaml': service('Call Forwarding Always'), 'b.yaml': service('3G/4G Continuity') })).toEqual([]);
  });

  it('say nothing of names the platform file declares, and keep warning of the others', () => {
    const platform = 'extra_service_names:\n  - Premium Concierge\n  - "Night Mode: Office"\n';
    expect(
      lines({
        '_platform.yaml': platform,
        'a.yaml': service('Premium Concierge'),
        'b.yaml': service('"Night Mode: Office"'),
        'c.yaml': service('Premium Conciergе'),
      }),
    ).toEqual([
      `services/c.yaml:2:17: warning unknown-service-name: the technical_name "Premium Conciergе" is not a known BroadWorks user service name; did you mean "Premium Concierge"? ${WHY}; ${DECLARE('services/_platform.yaml')}`,
    ]);
  });

  it('say nothing while the platform file cannot be read or its shape is wrong, whose error says why', () => {
    const broken = { '_platform.yaml': 'extra_service_names: [Premium\n', 'a.yaml': service('Premium Concierge') };
    expect(lines(broken).map((l) => l.slice(0, l.indexOf(': ', l.indexOf('error')) + 1))).toEqual([
      'services/_platform.yaml:1:22: error unclosed-bracket:',
    ]);
    const codes = (platform: string) =>
      analyzeTexts({ '_platform.yaml': platform, 'a.yaml': service('Premium Concierge') }, 'services', {
        names: true,
      }).diagnostics.map((d) => d.code);
    expect(codes('- Premium Concierge\n')).toEqual(['platform-wrong-type']);
    expect(codes('extra_service_names: Premium Concierge\n')).toEqual(['platform-wrong-type']);
    expect(codes('extra_servise_names: [Premium Concierge]\n')).toEqual(['platform-unknown-key']);
    // A list with an item of another type still declares its names.
    expect(codes('extra_service_names: [Premium Concierge, 5]\n')).toEqual(['platform-wrong-type']);
    expect(codes('extra_service_names: [Other, 5]\n')).toEqual(['platform-wrong-type', 'unknown-service-name']);
  });

  it('are not warned of when the name is no valid technical name, whose error says why', () => {
    const { diagnostics } = analyzeTexts(
      { 'a.yaml': service('Call  Transfer'), 'b.yaml': service('"Call\\u200BWaiting"') },
      'services',
      { names: true },
    );
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'services/a.yaml:2:17 name-spacing',
      'services/b.yaml:2:17 invisible-character',
    ]);
  });

  it('are warned of whatever else the file says, which warnings leave published', () => {
    const { diagnostics, services } = analyzeTexts({ 'a.yaml': service('Hotel Desk') }, 'services', { names: true });
    expect(diagnostics.map((d) => d.code)).toEqual(['unknown-service-name']);
    expect(services.map((s) => s.technical_name)).toEqual(['Hotel Desk']);
  });
});
