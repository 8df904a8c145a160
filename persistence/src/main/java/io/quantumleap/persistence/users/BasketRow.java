package io.quantumleap.persistence.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One of a user's baskets: a named list of orders, in the user's order.
 *
 * @param updatedAt when its name or items last changed (its creation, until then).
 */
public record BasketRow(long id, UUID userId, String name, Instant createdAt, Instant updatedAt,
    List<BasketItemRow> items)
{
}
