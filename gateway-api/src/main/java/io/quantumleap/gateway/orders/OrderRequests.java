package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.core.TradingCore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

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
        @Nullable String auctionNumber,
        @Nullable @Schema(description = "true: an order above the most one order may carry (floor(freeze / lot) x " +
            "lot; see the instrument's freeze_quantity) is placed as up to 10 orders of at most that, as Kite's " +
            "autoslice does, and answered with them (201, Sliced); a client_order_id is refused with it")
        Boolean autoslice)
    {
        /** @return this order with another quantity, as one slice of it: a plain order, not to be sliced again. */
        Place slice(final long sliceQuantity)
        {
            return new Place(accountId, clientOrderId, exchange, tradingsymbol, transactionType, orderType,
                sliceQuantity, product, price, triggerPrice, disclosedQuantity, validity, validityTtl, variety,
                marketProtection, icebergLegs, icebergQuantity, tag, auctionNumber, null);
        }
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

    /**
     * The answer to an order placed with {@code autoslice}: the orders it was placed as, each with what
     * {@code POST /api/orders} answered for it.
     *
     * @param maxOrderQuantity the most one order of the instrument may carry, null when it has no freeze quantity.
     * @param placed           orders the engine took.
     * @param refused          orders it refused.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Sliced(long accountId, long quantity, @Nullable Long maxOrderQuantity, int placed, int refused,
        List<Slice> orders)
    {
    }

    /**
     * One order of an autoslice.
     *
     * @param httpStatus what {@code POST /api/orders} answered for it: 201 or 202 when taken, else the refusal's.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Slice(long quantity, int httpStatus, @Nullable Long clientOrderId, @Nullable String orderId,
        @Nullable String status, @Nullable String error, @Nullable String message)
    {
    }
}
