import { describe, expect, it } from 'vitest';
import { loggedIn, sessionEnded, sessionReducer } from './sessionSlice';

describe('session', () => {
  it('keeps the first reason it ended for when a later refused request ends it again', () => {
    const signedIn = sessionReducer(
      undefined,
      loggedIn({
        token: 't',
        expires_at: '2099-01-01T00:00:00Z',
        roles: ['trader'],
        username: 'asha',
      }),
    );
    const expired = sessionReducer(
      signedIn,
      sessionEnded('Your session expired. Please sign in again.'),
    );
    const again = sessionReducer(
      expired,
      sessionEnded('Your session has ended. Please sign in again.'),
    );

    expect(expired.token).toBeNull();
    expect(again.message).toBe('Your session expired. Please sign in again.');
    expect(
      sessionReducer(undefined, sessionEnded('Your session has ended. Please sign in again.'))
        .message,
    ).toBe('Your session has ended. Please sign in again.');
  });
});
