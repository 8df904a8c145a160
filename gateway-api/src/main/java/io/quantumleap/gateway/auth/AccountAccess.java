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
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "account_id: " + requested + " is not one of yours");
        }
        return requested;
    }
}
