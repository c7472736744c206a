/**
 * Each HTTP error that several answers give (the preview server, the Worker,
 * the hosts' files) has one function in core/serving/http-error.ts, so that its
 * wording and its limits are stated once; the hosts' files carry its body.
 */
import { describe, expect, it } from 'vitest';
import { viewerRequestFunction } from '../../../scripts/core/hosting/cloudfront.js';
import { nginxInclude } from '../../../scripts/core/hosting/nginx.js';
import { notFoundBody } from '../../../scripts/core/hosting/policy.js';
import {
  bodyTooLarge,
  bytesInWords,
  errorBody,
  methodNotAllowed,
  notPublished,
  serverFailed,
} from '../../../scripts/core/serving/http-error.js';
import { REQUEST_LIMITS } from '../../../scripts/core/serving/limits.js';
import { USER_SERVICES_ONLY } from '../../helpers/user-services-kind.js';

const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe('the shared HTTP errors', () => {
  it('say the body limit in KiB when whole, else in bytes', () => {
    expect(REQUEST_LIMITS.maxBodyBytes).toBe(16384);
    expect(bodyTooLarge()).toEqual({ status: 413, code: 'body-too-large', message: 'the body is larger than 16 KiB' });
    expect([1, 100, 1023, 1024, 2048, 1536].map(bytesInWords)).toEqual([
      '1 byte',
      '100 bytes',
      '1023 bytes',
      '1 KiB',
      '2 KiB',
      '1536 bytes',
    ]);
    expect(bodyTooLarge(100).message).toBe('the body is larger than 100 bytes');
  });

  it('name the methods allowed, and the method refused when it is known', () => {
    expect(methodNotAllowed('PUT')).toEqual({
      status: 405,
      code: 'method-not-allowed',
      message: 'the method PUT is not allowed; use GET, HEAD or OPTIONS',
    });
    expect(methodNotAllowed().message).toBe('the method is not allowed; use GET, HEAD, OPTIONS');
  });

  it('give 404 and 500 one wording each', () => {
    expect(notPublished()).toEqual({ status: 404, code: 'not-found', message: 'nothing is published at this URL' });
    expect(serverFailed()).toEqual({ status: 500, code: 'internal-error', message: 'the server failed' });
    expect(text(notFoundBody())).toBe(text(errorBody(notPublished())));
  });

  it("are the bodies of nginx's 413 and CloudFront's 405", () => {
    expect(nginxInclude(USER_SERVICES_ONLY)).toContain(`return 413 '${text(errorBody(bodyTooLarge()))}';`);
    expect(viewerRequestFunction(USER_SERVICES_ONLY)).toContain(
      `var NOT_ALLOWED = ${JSON.stringify(text(errorBody(methodNotAllowed())))};`,
    );
  });
});
