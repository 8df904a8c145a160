import { describe, expect, it } from 'vitest';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import { describeError, isUnavailable, isUnavailableAnswer } from './errors';

function answer(status: number, data?: unknown): FetchBaseQueryError {
  return { status, data };
}

describe('an endpoint the gateway does not offer', () => {
  it('is one the gateway answers 501', () => {
    expect(
      isUnavailable(answer(501, { error: 'not_implemented', message: 'Not implemented.' })),
    ).toBe(true);
  });

  it("is one whose 404 is the gateway's own route miss", () => {
    expect(
      isUnavailable(
        answer(404, { error: 'not_found', message: 'no such path: /api/broker/status' }),
      ),
    ).toBe(true);
  });

  it('is one whose 404 carries no API error body, as from a proxy in front', () => {
    expect(isUnavailable(answer(404))).toBe(true);
    expect(isUnavailable(answer(404, null))).toBe(true);
    expect(isUnavailable(answer(404, { message: 'Page Not Found' }))).toBe(true);
    expect(
      isUnavailable({
        status: 'PARSING_ERROR',
        originalStatus: 404,
        data: '<html>Not Found</html>',
        error: 'SyntaxError: Unexpected token <',
      }),
    ).toBe(true);
  });

  it('is not one that answers 404 for a thing it does not have', () => {
    const unknownUser = answer(404, {
      error: 'not_found',
      message: "user: no user named 'nobody'",
    });
    expect(isUnavailable(unknownUser)).toBe(false);
    expect(describeError(unknownUser)).toBe("user: no user named 'nobody'");
    expect(
      isUnavailable(
        answer(404, {
          error: 'not_found',
          message: "order_id: no order '250105000000999' in your accounts",
        }),
      ),
    ).toBe(false);
  });

  it('is not one that fails otherwise', () => {
    expect(isUnavailable(answer(500, { error: 'internal', message: 'boom' }))).toBe(false);
    expect(isUnavailable({ status: 'FETCH_ERROR', error: 'TypeError: failed' })).toBe(false);
    expect(isUnavailable(undefined)).toBe(false);
    expect(isUnavailable({ message: 'thrown' })).toBe(false);
  });

  it('is told the same way from a status and the body read by hand', () => {
    expect(isUnavailableAnswer(501, null)).toBe(true);
    expect(isUnavailableAnswer(404, { error: 'not_found', message: 'no such path: /api/x' })).toBe(
      true,
    );
    expect(isUnavailableAnswer(404, null)).toBe(true);
    expect(isUnavailableAnswer(404, { error: 'not_found', message: 'you have no basket 11' })).toBe(
      false,
    );
    expect(isUnavailableAnswer(400, null)).toBe(false);
  });
});
