/**
 * The paths every kind's list answers, generic over the kind: its list with
 * one query parameter per flag and the JSON body of those flags, its filter
 * paths (one per non-empty set of flags), and its instance path. URLs come
 * from the functions that name the emitted files (model/site.ts), so the
 * document and the site cannot drift apart; the words come from the kind.
 */
import { HOST_FILTERS, listed } from '../hosting/policy.js';
import type { KindIdentity } from '../kinds/kind.js';
import {
  classInWords,
  INSTANCE_NAME_CHARACTERS,
  INSTANCE_NAME_FIRST,
  INSTANCE_NAME_MAX_LENGTH,
  RESERVED_INSTANCE_NAMES,
  RESERVED_INSTANCE_PREFIXES,
} from '../model/instance-name.js';
import { filterPath, filterSets, instancePath, listPath, urlOf } from '../model/site.js';
import { JSON_TYPE } from '../serving/content-types.js';
import type { JsonSchema, SchemaRef } from './kind.js';

/**
 * The contract's instance names: letters, digits, `_`, `.`, `-`, starting with a
 * letter or digit, not ending in `.`, at most 100 characters, not a reserved name
 * in any case. Written with the regular expressions that JSON Schema recommends
 * for interoperability (2020-12 Core, "Regular Expressions"; no lookahead), so
 * that validators in any language accept it. Every `$` stands in a pattern that
 * refuses, and the class of the first one already refuses line breaks, so a
 * `$` that also matches before a final line break (Python's) refuses nothing more.
 */
export const INSTANCE_NAME_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: INSTANCE_NAME_MAX_LENGTH,
  pattern: `^[${INSTANCE_NAME_FIRST}]`,
  not: {
    type: 'string',
    anyOf: [
      {
        description: `a character other than ${classInWords(INSTANCE_NAME_CHARACTERS, 'one')}`,
        pattern: `[^${INSTANCE_NAME_CHARACTERS}]`,
      },
      { description: 'a final "."', pattern: '[.]$' },
      { description: 'a reserved name, in any case', pattern: `^(${RESERVED_INSTANCE_NAMES.map(anyCase).join('|')})$` },
      {
        description: `a reserved beginning (${RESERVED_INSTANCE_PREFIXES.join(', ')}), in any case`,
        pattern: `^(${RESERVED_INSTANCE_PREFIXES.map(anyCase).join('|')})`,
      },
    ],
  },
} as const;

/** `[Ii][Nn]...`: a word in any case, without the `i` flag that JSON Schema patterns do not have. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('');
}

/** What a kind's list and instance operations say of it; the structure is the same for every kind. */
export interface KindPathWords {
  /** The stem of its operation ids: `UserServices` (`listUserServices`, `listUserServicesForHg`). */
  readonly operations: string;
  /** The stem of its instance's operation id: `UserService` (`getUserService`). */
  readonly operation: string;
  /** Its objects in summaries: `user services` ("List the user services"). */
  readonly plural: string;
  /** One object in summaries: `user service` ("Get one user service"). */
  readonly singular: string;
  /** Its objects in descriptions: `services` ("keeps only the services available for ..."). */
  readonly short: string;
  /** How a flag is named after "available for": `Hunt Groups` for `for_hg`. */
  readonly flagTitle: (flag: string) => string;
  /** The list operation's description (its order, how filters combine). */
  readonly listDescription: string;
  /** Its list's schema name and example body. */
  readonly list: { readonly schema: string; readonly example: unknown };
  /** The schema of its flags as a JSON body, the body's example, and the description's opening words. */
  readonly filterBody: { readonly schema: string; readonly example: unknown; readonly description: string };
  /** Its instance: schema, example body, example instance name, and the words of the parameter and the 200. */
  readonly instance: {
    readonly schema: string;
    readonly example: unknown;
    readonly exampleName: string;
    readonly parameter: string;
    readonly found: string;
    /** Headers of some 200 answers (user services: a deprecated instance's); none when absent. */
    readonly headers?: JsonSchema;
    /** The answer at a previous instance name (308); none when absent. */
    readonly redirect?: JsonSchema;
  };
}

const QUERY_NOTE =
  'Read by the preview server (`user-services serve`) and every generated host configuration; ' +
  `${listed(HOST_FILTERS.queryIgnored)} cannot read query strings, so clients there use the filter paths.`;

const BODY_NOTE =
  `Read by ${listed(HOST_FILTERS.bodyRead)}. ${listed(HOST_FILTERS.bodyRefused)} cannot read a request body and ` +
  'refuse a request to the list that has one (400 `body-not-read`; CloudFront itself answers such a GET 403), ' +
  `${listed(HOST_FILTERS.bodyIgnored)} ignore it: clients of those hosts use the query flags or the filter paths.`;

const response = (name: 'BadRequest' | 'NotFound' | 'MethodNotAllowed') => ({
  $ref: `#/components/responses/${name}`,
});
const withExample = (ref: string, example: unknown) => ({ [JSON_TYPE]: { schema: { $ref: ref }, example } });
/** `for_hg` as `Hg`: a flag in an operation id. */
const camel = (flag: string) =>
  flag.replace(/(^|_)([a-z])/g, (_, _u, c: string) => c.toUpperCase()).replace(/^For(?=[A-Z])/, '');

function listOperation(kind: KindIdentity, w: KindPathWords, ref: SchemaRef) {
  const parameters = kind.flags.map((flag) => ({
    name: flag,
    in: 'query',
    required: false,
    description: `\`true\` or \`1\` keeps only the ${w.short} available for ${w.flagTitle(flag)}; \`false\`, \`0\` or absent does not filter. ${QUERY_NOTE}`,
    schema: { type: 'string', enum: ['true', '1', 'false', '0'] },
  }));
  return {
    operationId: `list${w.operations}`,
    summary: `List the ${w.plural}`,
    description: w.listDescription,
    parameters,
    requestBody: {
      required: false,
      description: `${w.filterBody.description} ${BODY_NOTE}`,
      content: withExample(ref(w.filterBody.schema), w.filterBody.example),
    },
    responses: {
      '200': {
        description: 'The list, filtered when a flag is true.',
        content: withExample(ref(w.list.schema), w.list.example),
      },
      '400': response('BadRequest'),
      '405': response('MethodNotAllowed'),
    },
  };
}

function filterOperation(flags: readonly string[], w: KindPathWords, ref: SchemaRef) {
  const names = flags.map(w.flagTitle).join(' and ');
  return {
    operationId: `list${w.operations}For${flags.map(camel).join('And')}`,
    summary: `List the ${w.plural} available for ${names}`,
    description: `The list, holding only the ${w.short} whose ${flags.join(' and ')} ${flags.length > 1 ? 'are all' : 'is'} true.`,
    responses: {
      '200': {
        description: `The ${w.short} available for ${names}.`,
        content: withExample(ref(w.list.schema), w.list.example),
      },
      '405': response('MethodNotAllowed'),
    },
  };
}

function instanceOperation(w: KindPathWords, ref: SchemaRef) {
  const { instance } = w;
  return {
    operationId: `get${w.operation}`,
    summary: `Get one ${w.singular}`,
    parameters: [
      {
        name: 'instance_name',
        in: 'path',
        required: true,
        description: instance.parameter,
        schema: INSTANCE_NAME_SCHEMA,
        example: instance.exampleName,
      },
    ],
    responses: {
      '200': {
        description: instance.found,
        ...(instance.headers === undefined ? {} : { headers: instance.headers }),
        content: withExample(ref(instance.schema), instance.example),
      },
      ...(instance.redirect === undefined ? {} : { '308': instance.redirect }),
      '400': response('BadRequest'),
      '404': response('NotFound'),
      '405': response('MethodNotAllowed'),
    },
  };
}

/** The URL template of a kind's instances: `/api/v1/configs/<name>/{instance_name}/`. */
export const instanceTemplate = (kind: Pick<KindIdentity, 'name'>): string =>
  urlOf(instancePath(kind, '{instance_name}'));

/**
 * A kind's list, filter and instance path items, by URL, in that order: the
 * list (`/api/v1/configs/<name>/`) with a query parameter per flag of
 * `kind.flags` in its order, its 2^n - 1 filter paths in `filterSets` order,
 * and its instance template. Pure; the same value for the same arguments.
 */
export function kindPaths(kind: KindIdentity, words: KindPathWords, ref: SchemaRef): Record<string, unknown> {
  return {
    [urlOf(listPath(kind))]: { get: listOperation(kind, words, ref) },
    ...Object.fromEntries(
      filterSets(kind).map((flags) => [urlOf(filterPath(kind, flags)), { get: filterOperation(flags, words, ref) }]),
    ),
    [instanceTemplate(kind)]: { get: instanceOperation(words, ref) },
  };
}
