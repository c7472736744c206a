/**
 * The wording of the life-cycle codes (lifecycle-args.ts): a service's
 * `deprecation`, its `previous_names`, and `check --as-of`. Part of the
 * message catalogue (`messages.ts`).
 */
import {
  classInWords,
  INSTANCE_NAME_CHARACTERS,
  INSTANCE_NAME_FIRST,
  INSTANCE_NAME_MAX_LENGTH,
} from '../model/instance-name.js';
import { DEPRECATION_REASONS } from '../model/service.js';
import { type LifecycleArgs, PAST_SUNSET_WORDS } from './lifecycle-args.js';
import { quoteShort } from './shorten.js';

const q = (s: string): string => quoteShort(s);

const nameProblem: Record<LifecycleArgs['invalid-previous-name']['problem'], string> = {
  pattern: `an instance name starts with ${classInWords(INSTANCE_NAME_FIRST, 'one')} and uses only ${classInWords(INSTANCE_NAME_CHARACTERS)}`,
  'trailing-dot': 'an instance name does not end with "."',
  'too-long': `an instance name has at most ${INSTANCE_NAME_MAX_LENGTH} characters`,
  reserved: "the name is reserved for the API's own paths, so no service ever had it",
};

/** The wording of each life-cycle code, from its typed arguments to one line of text. */
export const lifecycleMessages: { [C in keyof LifecycleArgs]: (args: LifecycleArgs[C]) => string } = {
  'invalid-date': ({ field, value, problem }) =>
    problem === 'format'
      ? `${field} is ${q(value)}, not a date written YYYY-MM-DD; write it like 2025-06-30`
      : `${field} is ${q(value)}, a day the calendar does not have; write a real date (months 01-12, and the days that month has)`,
  'unknown-reason': ({ value, suggestion }) =>
    `deprecation.reason is ${q(value)}, not one of ${DEPRECATION_REASONS.join(', ')}${suggestion === null ? '' : `; did you mean ${q(suggestion)}?`} (say more in deprecation.note)`,
  'deprecation-while-assignable': ({ noMoreAssignable }) =>
    `a service with a deprecation must be no more assignable, but no_more_assignable is ${noMoreAssignable === 'false' ? 'false' : 'not set (false)'}; write no_more_assignable: true, or remove the deprecation`,
  'sunset-before-since': ({ since, sunset }) =>
    `deprecation.sunset ${sunset} is before deprecation.since ${since}: a service is removed after it is deprecated; correct one of the dates`,
  'unknown-replacement': ({ name, suggestion, previousOf }) =>
    previousOf !== null
      ? `deprecation.replaced_by names ${q(name)}, a previous name of ${q(previousOf)}, not an instance name: its old URL only redirects; name the service by its instance name now: replaced_by: ${previousOf}`
      : `deprecation.replaced_by names ${q(name)}, but no service has that instance name${suggestion === null ? '' : `; did you mean ${q(suggestion)}?`} (the successor is named by its file name without .yaml)`,
  'replaced-by-itself': ({ name }) =>
    `deprecation.replaced_by names ${q(name)}, this service itself; name the service that replaces it, or remove replaced_by`,
  'replacement-deprecated': ({ name, other }) =>
    `deprecation.replaced_by names ${q(name)} (${other}), which is no more assignable itself; name the service clients should move to now`,
  'invalid-previous-name': ({ name, problem }) =>
    `previous_names holds ${q(name)}, which cannot have been an instance name: ${nameProblem[problem]}; remove it`,
  'previous-name-in-use': ({ name, instance, other }) =>
    `previous_names holds ${q(name)}, but ${q(instance)} (${other}) is a current instance name${name === instance ? '' : ' (instance names ignore case)'}: its URL cannot redirect while a service answers there; remove it from previous_names`,
  'duplicate-previous-name': ({ name, other, otherLine, otherColumn }) =>
    `previous_names holds ${q(name)}, also a previous name at ${other}:${otherLine}:${otherColumn} (instance names ignore case): an old URL can redirect to one service only; keep it on the service that really had it`,
  'past-sunset': ({ instance, sunset, asOf, noun = PAST_SUNSET_WORDS.noun, field = PAST_SUNSET_WORDS.field }) =>
    `${q(instance)} is still published, but its sunset ${sunset} is on or before ${asOf}; remove the ${noun} (a planned removal), or move ${field} later`,
  'cloudfront-function-too-large': ({ path, bytes, limit, entries, kind }) =>
    `the CloudFront Function ${path} is ${bytes} bytes, over the ${limit} bytes CloudFront accepts, so CloudFront refuses to publish it (the other host files are whole and the site is built); it holds the ${kind === 'previous-names' ? `redirects of ${entries} previous names` : `headers of ${entries} deprecated instances`}. To serve from CloudFront, ${kind === 'previous-names' ? 'remove the previous_names whose old URLs no client uses any more' : 'remove the services past their sunset'} until it fits, or serve from a host without that limit (nginx, Caddy, Netlify, Cloudflare Pages)`,
};
