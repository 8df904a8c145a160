package io.quantumleap.gateway.auth;

/**
 * What a user may do: traders trade their own accounts, quants replay and export, ops read metrics and audit, admins
 * manage.
 */
public enum Role
{
    TRADER, QUANT, OPS, ADMIN;

    /** The role's name as it appears in JWT claims and the API. */
    public String claim()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values when the text is not a role. */
    public static Role parse(final String text)
    {
        for (final Role role : values())
        {
            if (role.claim().equalsIgnoreCase(text))
            {
                return role;
            }
        }
        throw new IllegalArgumentException("roles: '" + text + "' is not a role; accepted: trader, quant, ops, admin");
    }
}
