package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.core.TradingCore;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** Request bodies of the orders API: Kite's place and modify parameters (snake_case, prices in rupees). */
final class OrderRequests
{
    private OrderRequests()
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Place(
        @Nullable Long accountId,
        @Nullable @Positive @Max(TradingCore.MAX_CLIENT_ORDER_ID) Long clientOrderId,
        @NotBlank @Size(max = 8) String exchange,
        @NotBlank @Size(max = 32) String tradingsymbol,
        @NotBlank String transactionType,
        @NotBlank String orderType,
        @NotNull @Positive Long quantity,
        @NotBlank String product,
        @Nullable BigDecimal price,
        @Nullable BigDecimal triggerPrice,
        @Nullable Long disclosedQuantity,
        @Nullable String validity,
        @Nullable Integer validityTtl,
        @Nullable String variety,
        @Nullable Integer marketProtection,
        @Nullable Integer icebergLegs,
        @Nullable Long icebergQuantity,
        @Nullable @Size(max = 20) @Pattern(regexp = "[ -~]*",
            message = "letters, digits, spaces and ASCII punctuation only, as Kite takes a tag") String tag,
        @Nullable String auctionNumber)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Modify(
        @Nullable String orderType,
        @Nullable @Positive Long quantity,
        @Nullable BigDecimal price,
        @Nullable BigDecimal triggerPrice,
        @Nullable Long disclosedQuantity,
        @Nullable String validity)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Accepted(long accountId, long clientOrderId, @Nullable String orderId, String status)
    {
    }
}
