/**
 * What the OpenAPI document says each host does with the filters: the same
 * facts as the hosts' configurations (`HOST_FILTERS`), never "the preview
 * server only".
 */
import { describe, expect, it } from 'vitest';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { openApiDocument } from '../../../scripts/core/openapi/document.js';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON
const doc: any = openApiDocument([userServices]);
const list = doc.paths['/api/v1/configs/user_services/'].get;

describe('the OpenAPI document on hosts', () => {
  it('says who reads, refuses and ignores the JSON body', () => {
    expect(list.requestBody.description).toBe(
      'The spec\'s filters as a JSON body on GET, e.g. `{"for_hg": true}`. Read by the preview server ' +
        '(`user-services serve`) and the Cloudflare Pages Worker. nginx, Caddy and CloudFront cannot read a ' +
        'request body and refuse a request to the list that has one (400 `body-not-read`; CloudFront itself ' +
        'answers such a GET 403), Netlify and GitHub Pages ignore it: clients of those hosts use the query flags ' +
        'or the filter paths.',
    );
  });

  it('says which host cannot read the query flags', () => {
    expect(list.parameters[0].description).toMatch(
      /Read by the preview server \(`user-services serve`\) and every generated host configuration; GitHub Pages cannot read query strings, so clients there use the filter paths\.$/,
    );
  });

  it('names body-not-read among the 400s, and no longer limits them to the preview server', () => {
    const words = doc.components.responses.BadRequest.description;
    expect(words).toContain('(`body-not-read`: a host that cannot read the body got one)');
    expect(words).toContain("the README's hosting matrix names");
    expect(JSON.stringify(doc)).not.toMatch(
      /preview server only|what its configuration allows|Only the preview server/,
    );
  });
});
