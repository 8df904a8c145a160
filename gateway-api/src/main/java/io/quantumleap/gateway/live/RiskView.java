package io.quantumleap.gateway.live;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.util.List;

/** Risk limits and kill switches in force, as the engine last reported them. Account 0: defaults / global. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RiskView(List<Limits> limits, List<KillSwitch> killSwitches)
{
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Limits(long accountId, BigDecimal maxOrderValue, long maxPositionQty, int priceBandBps,
        int ordersPerSecond, int ordersPerMinute, int ordersPerDay)
    {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record KillSwitch(long accountId, String mode)
    {
    }
}
