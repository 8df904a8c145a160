package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/** Risk limits and kill switches in force, as the engine last reported them. Account 0: defaults / global. */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RiskView(List<Limits> limits, List<KillSwitch> killSwitches)
{
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Limits(long accountId, BigDecimal maxOrderValue, long maxPositionQty, int priceBandBps,
        int ordersPerSecond, int ordersPerMinute, int ordersPerDay)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KillSwitch(long accountId, String mode)
    {
    }
}
