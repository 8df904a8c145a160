package io.quantumleap.gateway.auth;

import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.quantumleap.gateway.http.ApiException;
import jakarta.inject.Singleton;

import java.util.List;

/** Which engine accounts the caller may see and trade: only the user's own. */
@Singleton
public final class AccountAccess
{
    private final UserStore users;

    AccountAccess(final UserStore users)
    {
        this.users = users;
    }

    public List<Long> accounts(final Authentication authentication)
    {
        return users.findByUsername(authentication.getName()).map(User::accountIds).orElse(List.of());
    }

    /**
     * @param requested the account the request names, or null for "my only account".
     * @return the account to act on.
     */
    public long resolve(final Authentication authentication, final Long requested)
    {
        final List<Long> mine = accounts(authentication);
        if (requested == null)
        {
            if (mine.size() == 1)
            {
                return mine.get(0);
            }
            throw ApiException.badRequest(mine.isEmpty() ?
                "account_id: no trading account is linked to user '" + authentication.getName() + "'" :
                "account_id: required when a user has several accounts: name one of yours, " + mine);
        }
        if (!mine.contains(requested))
        {
            throw new ApiException(
                HttpStatus.FORBIDDEN, "forbidden", "account_id: " + requested + " is not one of yours");
        }
        return requested;
    }

    /**
     * For a request that may name its account in the body or as {@code ?account_id=} (as reads and changes of an
     * order do): either, or both when they agree.
     *
     * @param inBody  the body's {@code account_id}, or null.
     * @param inQuery the query's {@code account_id}, or null.
     * @return the account to act on.
     */
    public long resolve(final Authentication authentication, final Long inBody, final Long inQuery)
    {
        if (inBody != null && inQuery != null && !inBody.equals(inQuery))
        {
            throw ApiException.badRequest("account_id: the body names " + inBody + " and the query " + inQuery +
                ": name one account");
        }
        return resolve(authentication, inBody != null ? inBody : inQuery);
    }
}
