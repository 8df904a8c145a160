package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KitePosition;
import io.quantumleap.engine.protocol.ConvertPositionCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.PositionType;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.PositionView;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.agrona.ExpandableArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.quantumleap.gateway.orders.OrdersController.upper;

/**
 * Converts (part of) a position from one product to another, as Kite's {@code PUT /portfolio/positions} does: an
 * intraday MIS position kept as delivery (CNC) or carried forward (NRML), or the other way. The broker converts it
 * first; then the engine is told (a journaled command, so a replay moves the same quantity) and moves that quantity,
 * with its value, between the account's two positions.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/positions")
@Secured("trader")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.Trader
class PositionConversionController
{
    /** Products a position of an equity segment may be converted between; derivatives use {@link #DERIVATIVE}. */
    private static final Set<String> EQUITY = Set.of("CNC", "MIS", "MTF");
    private static final Set<String> DERIVATIVE = Set.of("NRML", "MIS");
    private static final long BROKER_TIMEOUT_S = 10;
    private static final Logger LOG = LoggerFactory.getLogger(PositionConversionController.class);

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Conversion(
        @Nullable Long accountId,
        @NotBlank String exchange,
        @NotBlank String tradingsymbol,
        @NotBlank String transactionType,
        @NotBlank String positionType,
        @NotNull @Positive Long quantity,
        @NotBlank String oldProduct,
        @NotBlank String newProduct)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Converted(
        long accountId, String exchange, String tradingsymbol, long instrumentToken, String transactionType,
        String positionType, long quantity, String oldProduct, String newProduct, List<PositionView> positions)
    {
    }

    private final EngineRuntime runtime;
    private final LiveState live;
    private final EngineCommands engine;
    private final AccountAccess access;
    private final Audit audit;

    PositionConversionController(
        final EngineRuntime runtime, final LiveState live, final EngineCommands engine, final AccountAccess access,
        final Audit audit)
    {
        this.runtime = runtime;
        this.live = live;
        this.engine = engine;
        this.access = access;
        this.audit = audit;
    }

    @Put
    @ApiResponse(responseCode = "200", description = "the broker converted the quantity and the engine moved it: " +
        "positions holds the two positions as they are now (the old product's first)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Converted.class)))
    @ApiResponse(responseCode = "202", description = "the broker converted the quantity; the engine had not moved " +
        "it within 2 s (positions is empty; the positions update on the WebSocket when it does)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Converted.class)))
    @ApiResponse(responseCode = "400", description = "a field names something that cannot be converted (the " +
        "message names it; nothing was sent): invalid_product (a product the instrument's segment does not " +
        "convert, or the same product twice), quantity_not_lot_multiple, insufficient_position (more than the " +
        "position holds open on that side, or the side of a position that is the other way), bad_request (any " +
        "other field); or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the account is not connected to the broker " +
        "(broker_not_connected; nothing was sent), or the broker converted the quantity but the engine refused to " +
        "move it (position_mismatch: the engine's positions differ from the broker's)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "the broker refused the conversion (broker_rejected, with its " +
        "message)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "the broker did not answer (broker_unavailable) and its " +
        "positions, read again, do not show the quantity moved; the message says what they show",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "engine_unavailable: the broker converted the quantity but the " +
        "engine could not take the move; or interrupted: the server is shutting down",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> convert(
        @Body @Valid final Conversion request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final long accountId = access.resolve(auth, request.accountId(), accountParam);
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("account_id", accountId);
        detail.put("exchange", upper(request.exchange()));
        detail.put("tradingsymbol", upper(request.tradingsymbol()));
        detail.put("transaction_type", upper(request.transactionType()));
        detail.put("position_type", request.positionType().toLowerCase(Locale.ROOT));
        detail.put("quantity", request.quantity());
        detail.put("old_product", upper(request.oldProduct()));
        detail.put("new_product", upper(request.newProduct()));
        return audit.answer(auth, AuditEvent.POSITION_CONVERT, detail, () -> convert(accountId, request));
    }

    private HttpResponse<?> convert(final long accountId, final Conversion request)
    {
        final InstrumentView instrument = Instruments.named(live, request.exchange(), request.tradingsymbol());
        final Side side = switch (upper(request.transactionType()))
        {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw ApiException.badRequest("transaction_type: '" + request.transactionType() +
                "' is not one of BUY (a bought, long position) or SELL (a sold, short one)");
        };
        final PositionType type = switch (request.positionType().toLowerCase(Locale.ROOT))
        {
            case "day" -> PositionType.DAY;
            case "overnight" -> PositionType.OVERNIGHT;
            default -> throw ApiException.badRequest("position_type: '" + request.positionType() +
                "' is not one of day (today's trades) or overnight (the carry from earlier days)");
        };
        final String oldProduct = upper(request.oldProduct());
        final String newProduct = upper(request.newProduct());
        final boolean equity = "NSE".equals(instrument.exchange()) || "BSE".equals(instrument.exchange());
        final Set<String> products = equity ? EQUITY : DERIVATIVE;
        checkProduct("old_product", oldProduct, products, instrument);
        checkProduct("new_product", newProduct, products, instrument);
        if (oldProduct.equals(newProduct))
        {
            throw refused("invalid_product", "new_product: the position is " + oldProduct + " already");
        }
        final long quantity = request.quantity();
        if (instrument.lotSize() > 1 && quantity % instrument.lotSize() != 0)
        {
            throw refused("quantity_not_lot_multiple", "quantity: " + quantity + " is not a whole number of lots of " +
                instrument.key() + " (lot size " + instrument.lotSize() + ")");
        }
        final PositionView from = live.position(accountId, instrument.instrumentToken(), oldProduct).orElse(null);
        final long open = from == null ? 0 : from.quantity();
        if (open != 0 && (open > 0) != (side == Side.BUY))
        {
            throw refused("insufficient_position", "transaction_type: the " + oldProduct + " position of " +
                instrument.key() + " is " + (open > 0 ? "long" : "short") + " (" + open + "); BUY converts a long " +
                "position, SELL a short one");
        }
        final long convertible = convertible(from, side, type);
        if (quantity > convertible)
        {
            throw refused("insufficient_position", "quantity: " + quantity + " is more than the " + convertible +
                " " + (side == Side.BUY ? "bought" : "sold") + " " +
                (type == PositionType.DAY ? "net today" : "overnight") + " and open in the " + oldProduct +
                " position of " + instrument.key() + " that can be converted");
        }
        final HttpResponse<?> notConnected = OrdersController.brokerNotConnected(accountId,
            live.brokerSession(accountId));
        if (notConnected != null)
        {
            return notConnected;
        }
        final long[] before = {open,
            live.position(accountId, instrument.instrumentToken(), newProduct).map(PositionView::quantity).orElse(0L)};
        final Runnable underWay = runtime.broker().conversionUnderWay(accountId, instrument.instrumentToken());
        try
        {
            atBroker(accountId, instrument, side, type, quantity, oldProduct, newProduct, before);
            return intoEngine(accountId, instrument, side, type, quantity, oldProduct, newProduct);
        }
        finally
        {
            underWay.run();
        }
    }

    /**
     * The broker's net quantities of the instrument in the two products, or null when they cannot be read in time:
     * what tells, when the conversion's own answer does not come, whether it happened.
     */
    private long[] brokerQuantities(
        final long accountId, final InstrumentView instrument, final String oldProduct, final String newProduct,
        final long timeoutS)
    {
        try
        {
            final long[] quantities = new long[2];
            for (final KitePosition p : runtime.broker().positions(accountId).get(timeoutS, TimeUnit.SECONDS).net())
            {
                if (p.instrumentToken() == instrument.instrumentToken())
                {
                    quantities[0] += oldProduct.equals(p.product()) ? p.quantity() : 0;
                    quantities[1] += newProduct.equals(p.product()) ? p.quantity() : 0;
                }
            }
            return quantities;
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void checkProduct(
        final String field, final String product, final Set<String> allowed, final InstrumentView instrument)
    {
        if (!allowed.contains(product))
        {
            throw refused("invalid_product", field + ": '" + product + "' cannot be converted" +
                ("CO".equals(product) || "BO".equals(product) ? " (a cover order's position closes when its " +
                "stop-loss leg is exited)" : "") + "; " + instrument.exchange() + " positions convert between " +
                String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static ApiException refused(final String code, final String message)
    {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    /**
     * What the engine's position holds open on that side, of that type (the day's net, bought less sold today, or
     * the overnight carry): at most what a conversion may move.
     */
    private static long convertible(final PositionView position, final Side side, final PositionType type)
    {
        if (position == null)
        {
            return 0;
        }
        final boolean buy = side == Side.BUY;
        final long open = buy ? position.quantity() : -position.quantity();
        final long ofType = type == PositionType.OVERNIGHT ?
            (buy ? position.overnightQuantity() : -position.overnightQuantity()) :
            (buy ? position.dayBuyQuantity() - position.daySellQuantity() :
                position.daySellQuantity() - position.dayBuyQuantity());
        return Math.max(0, Math.min(open, ofType));
    }

    /**
     * Converts at the broker. When its answer does not come (a timeout, the network), the broker's positions are
     * read: if they hold the engine's quantities ({@code before}) with the conversion's quantity moved between the
     * two products, it converted, and this returns as if it had said so.
     */
    private void atBroker(
        final long accountId, final InstrumentView instrument, final Side side, final PositionType type,
        final long quantity, final String oldProduct, final String newProduct, final long[] before)
    {
        try
        {
            runtime.broker().convertPosition(accountId, instrument.exchange(), instrument.tradingsymbol(), side.name(),
                type.name().toLowerCase(Locale.ROOT), quantity, oldProduct, newProduct)
                .get(BROKER_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            if (cause instanceof KiteException kite && kite.type() == KiteErrorType.TOKEN)
            {
                throw ApiException.brokerNotConnected(accountId, "the broker refused its session: " + kite.reason());
            }
            if (cause instanceof KiteException kite && !kite.type().outcomeUnknown())
            {
                if (kite.httpStatus() == 0)
                {
                    throw new ApiException(HttpStatus.BAD_GATEWAY, "broker_unavailable", "the conversion could not " +
                        "be sent to the broker (" + kite.reason() + "): nothing was converted; try again");
                }
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "broker_rejected",
                    "the broker refused the conversion: " + kite.reason());
            }
            resolveUnknown(accountId, instrument, side, quantity, oldProduct, newProduct, before,
                cause.getMessage());
        }
        catch (final TimeoutException ex)
        {
            resolveUnknown(accountId, instrument, side, quantity, oldProduct, newProduct, before,
                "no answer within " + BROKER_TIMEOUT_S + " s");
        }
        catch (final InterruptedException ex)
        {
            throw ApiException.interrupted();
        }
    }

    /** Returns when the broker's positions show the conversion done; throws 502 {@code broker_unavailable} if not. */
    private void resolveUnknown(
        final long accountId, final InstrumentView instrument, final Side side, final long quantity,
        final String oldProduct, final String newProduct, final long[] before, final String why)
    {
        final long[] after = brokerQuantities(accountId, instrument, oldProduct, newProduct, 2 * BROKER_TIMEOUT_S);
        final long moved = side == Side.BUY ? quantity : -quantity;
        if (after != null && before[0] - after[0] == moved && after[1] - before[1] == moved)
        {
            LOG.info("account {}: the broker did not answer the conversion of {} {} {} to {} ({}), but its " +
                "positions show it done", accountId, quantity, instrument.key(), oldProduct, newProduct, why);
            return;
        }
        final String positions;
        if (after == null)
        {
            positions = "its positions could not be read either, so whether it converted is not known";
        }
        else if (after[0] == before[0] && after[1] == before[1])
        {
            positions = "its positions show nothing converted yet";
        }
        else
        {
            positions = "its positions differ from the engine's otherwise (" + oldProduct + " " + after[0] +
                " at the broker, " + before[0] + " here; " + newProduct + " " + after[1] + " at the broker, " +
                before[1] + " here), so whether it converted is not known";
        }
        throw new ApiException(HttpStatus.BAD_GATEWAY, "broker_unavailable", "the broker did not answer the " +
            "conversion (" + why + "): " + positions + "; look at the broker's positions before converting again");
    }

    private HttpResponse<?> intoEngine(
        final long accountId, final InstrumentView instrument, final Side side, final PositionType type,
        final long quantity, final String oldProduct, final String newProduct)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final long timestampNs = engine.nowNs();
        final ConvertPositionCommandEncoder command =
            new ConvertPositionCommandEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        command.timestampNs(timestampNs)
            .accountId(accountId)
            .instrumentToken(instrument.instrumentToken())
            .side(side)
            .positionType(type)
            .qty(quantity)
            .oldProduct(OrderCommandEncoder.product(oldProduct))
            .newProduct(OrderCommandEncoder.product(newProduct));
        final CompletableFuture<LiveState.Outcome> answer = live.awaitConversion(accountId, timestampNs, newProduct);
        try
        {
            if (!engine.publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + command.encodedLength()))
            {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "engine_unavailable", "the broker converted " +
                    "the position but the engine is not taking commands: its positions show the old product");
            }
            final LiveState.Outcome outcome = ApiException.awaitEngine(answer, OrdersController.ENGINE_ANSWER_TIMEOUT);
            if (outcome.reject() != null)
            {
                throw new ApiException(HttpStatus.CONFLICT, "position_mismatch", "the broker converted the " +
                    "position but the engine refused to move it (" +
                    outcome.reject().message(instrument.instrumentToken()) + "): its positions differ from the " +
                    "broker's");
            }
            final List<PositionView> positions = new ArrayList<>();
            live.position(accountId, instrument.instrumentToken(), oldProduct).ifPresent(positions::add);
            live.position(accountId, instrument.instrumentToken(), newProduct).ifPresent(positions::add);
            return HttpResponse.ok(converted(accountId, instrument, side, type, quantity, oldProduct, newProduct,
                positions));
        }
        catch (final TimeoutException ex)
        {
            return HttpResponse.accepted().body(converted(accountId, instrument, side, type, quantity, oldProduct,
                newProduct, List.of()));
        }
        finally
        {
            live.forgetConversion(accountId, timestampNs);
        }
    }

    private static Converted converted(
        final long accountId, final InstrumentView instrument, final Side side, final PositionType type,
        final long quantity, final String oldProduct, final String newProduct, final List<PositionView> positions)
    {
        return new Converted(accountId, instrument.exchange(), instrument.tradingsymbol(),
            instrument.instrumentToken(), side.name(), type.name().toLowerCase(Locale.ROOT), quantity, oldProduct,
            newProduct, positions);
    }
}
