/**
 * How a request names the account it acts on or reads. The gateway takes the user's only account when a request names
 * none, but refuses such a request (400) from a user with several; naming it is always right, as the gateway checks
 * that the account is the user's.
 */

/** An account-scoped read's argument: the account to read, or nothing for every account of the user's. */
export type AccountArg = number | void;

/** The query string of a request for `account` (`?account_id=`), none without one. */
export function accountParams(account: AccountArg | undefined): {
  params?: { account_id: number };
} {
  return typeof account === 'number' ? { params: { account_id: account } } : {};
}

/** `body` naming `account` in its `account_id`, unless it names one already or there is none to name. */
export function withAccount<T extends { account_id?: number | null }>(
  body: T,
  account: number | undefined,
): T {
  return account === undefined || (body.account_id !== undefined && body.account_id !== null)
    ? body
    : { ...body, account_id: account };
}
