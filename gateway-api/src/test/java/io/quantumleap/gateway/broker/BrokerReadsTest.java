package io.quantumleap.gateway.broker;

import io.micronaut.http.HttpStatus;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.gateway.http.ApiException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerReadsTest
{
    @Test
    void shouldWriteAPriceWithoutAnExponent()
    {
        assertEquals("1250", BrokerReads.plain(new BigDecimal("1.25E+3")).toString());
        assertEquals("1250.50", BrokerReads.plain(new BigDecimal("1250.50")).toString());
        assertNull(BrokerReads.plain(null));
    }

    @Test
    void shouldAnswerWhatTheBrokerRefusesAsA502BrokerRefusedWithItsReason()
    {
        final ApiException input = BrokerReads.refusal(new KiteException(KiteErrorType.INPUT, 400,
            "GET /portfolio/holdings", "Invalid segment", null), 1, "holdings");
        final BrokerReads.Remedy enable = BrokerReads.Remedy.of("Enable it, then ask again.", KiteErrorType.PERMISSION);
        final ApiException permission = BrokerReads.refusal(new KiteException(KiteErrorType.PERMISSION, 403,
            "GET /portfolio/holdings", "Insufficient permission for that call.", null), 1, "holdings", enable);
        final ApiException inputOfARead = BrokerReads.refusal(new KiteException(KiteErrorType.INPUT, 400,
            "GET /portfolio/holdings", "No holdings here!", null), 1, "holdings", enable);

        assertEquals(HttpStatus.BAD_GATEWAY, input.status());
        assertEquals("broker_refused", input.code());
        assertEquals("the broker refused the holdings for account 1: Invalid segment. Asking again will not help: " +
            "take it up with the broker.", input.getMessage());
        assertEquals(HttpStatus.BAD_GATEWAY, permission.status());
        assertEquals("broker_refused", permission.code());
        assertEquals("the broker refused the holdings for account 1: Insufficient permission for that call. Enable " +
            "it, then ask again.", permission.getMessage());
        assertEquals("the broker refused the holdings for account 1: No holdings here! Asking again will not help: " +
            "take it up with the broker.", inputOfARead.getMessage());
    }

    @Test
    void shouldGiveTheAdviceOfItsRemedyForEachKindOfRefusalItNamesAndTakeItUpWithTheBrokerForTheOthers()
    {
        final BrokerReads.Remedy change = BrokerReads.Remedy.of("Change it.", KiteErrorType.INPUT, KiteErrorType.ORDER);

        for (final KiteErrorType type : KiteErrorType.values())
        {
            final ApiException refused = BrokerReads.refusal(new KiteException(type, 400, "POST /margins/orders",
                "Refused.", null), 2, "margin of an order", change);

            if (type == KiteErrorType.INPUT || type == KiteErrorType.ORDER)
            {
                assertEquals("the broker refused the margin of an order for account 2: Refused. Change it.",
                    refused.getMessage(), type.name());
            }
            else
            {
                assertFalse(refused.getMessage().contains("Change it."), type + ": " + refused.getMessage());
            }
        }
        assertEquals("the broker refused the margin of an order for account 2: Refused. Asking again will not help: " +
            "take it up with the broker.", BrokerReads.refusal(new KiteException(KiteErrorType.MARGIN, 400,
            "POST /margins/orders", "Refused.", null), 2, "margin of an order", change).getMessage());
    }

    @Test
    void shouldAnswerEveryOtherRefusalKiteNamesAsA502BrokerRefused()
    {
        for (final KiteErrorType type : List.of(KiteErrorType.USER, KiteErrorType.ORDER, KiteErrorType.MARGIN,
            KiteErrorType.HOLDING, KiteErrorType.TWO_FA))
        {
            final ApiException refused = BrokerReads.refusal(new KiteException(type, 400, "GET /user/margins",
                "Refused", null), 3, "funds");

            assertEquals(HttpStatus.BAD_GATEWAY, refused.status(), type.name());
            assertEquals("broker_refused", refused.code(), type.name());
            assertEquals("the broker refused the funds for account 3: Refused. Asking again will not help: take it " +
                "up with the broker.", refused.getMessage(), type.name());
        }
    }

    @Test
    void shouldAnswerASessionTheBrokerNoLongerTakesAs409BrokerNotConnected()
    {
        final ApiException token = BrokerReads.refusal(new KiteException(KiteErrorType.TOKEN, 403,
            "GET /portfolio/holdings", "Token is invalid or has expired.", null), 7, "holdings");

        assertEquals(HttpStatus.CONFLICT, token.status());
        assertEquals("broker_not_connected", token.code());
        assertTrue(token.getMessage().startsWith("account 7 is not connected to the broker (the broker refused its " +
            "session: Token is invalid or has expired.)"), token.getMessage());
    }

    @Test
    void shouldAnswerTheGatewaysRateLimitAndKitesAsA429WithRetryAfter()
    {
        final ApiException limited = BrokerReads.refusal(new KiteException(KiteErrorType.RATE_LIMITED, 0,
            "GET /user/margins", "taken", null), 1, "funds");
        final ApiException kiteLimited = BrokerReads.refusal(new KiteException(KiteErrorType.NETWORK, 429,
            "GET /user/margins", "Too many requests", null), 1, "funds");

        assertEquals(HttpStatus.TOO_MANY_REQUESTS, limited.status());
        assertEquals("broker_rate_limited", limited.code());
        assertEquals(1, limited.retryAfterSeconds());
        assertTrue(limited.getMessage().startsWith("funds for account 1 could not be asked of the broker now: "),
            limited.getMessage());
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, kiteLimited.status());
        assertEquals("broker_rate_limited", kiteLimited.code());
        assertEquals(1, kiteLimited.retryAfterSeconds());
        assertTrue(kiteLimited.getMessage().endsWith("Too many requests"), kiteLimited.getMessage());
    }

    @Test
    void shouldAnswerEverythingElseAsA502BrokerUnavailable()
    {
        for (final KiteErrorType type : List.of(KiteErrorType.NETWORK, KiteErrorType.DATA, KiteErrorType.GENERAL,
            KiteErrorType.TIMEOUT, KiteErrorType.CONNECT_FAILED, KiteErrorType.CONNECTION_LOST,
            KiteErrorType.MALFORMED_RESPONSE, KiteErrorType.HTTP_ERROR))
        {
            final ApiException down = BrokerReads.refusal(new KiteException(type, 503, "GET /user/margins",
                "OMS down", null), 1, "funds", BrokerReads.Remedy.of("Enable it, then ask again.", type));

            assertEquals(HttpStatus.BAD_GATEWAY, down.status(), type.name());
            assertEquals("broker_unavailable", down.code(), type.name());
            assertTrue(down.getMessage().startsWith("funds for account 1 could not be read from the broker: "),
                down.getMessage());
            assertTrue(down.getMessage().endsWith("OMS down"), down.getMessage());
        }
        final ApiException silent = BrokerReads.refusal(new TimeoutException(), 1, "funds");
        final ApiException unreadable = BrokerReads.refusal(new IllegalStateException("not JSON"), 1, "funds");

        assertEquals(HttpStatus.BAD_GATEWAY, silent.status());
        assertEquals("broker_unavailable", silent.code());
        assertEquals("funds for account 1 could not be read from the broker: no answer within 10 s",
            silent.getMessage());
        assertEquals("broker_unavailable", unreadable.code());
        assertEquals("funds for account 1 could not be read from the broker: not JSON", unreadable.getMessage());
    }

    @Test
    void shouldGiveAnAnswerTheReadMadeItselfAsItIs()
    {
        final ApiException missing = ApiException.notFound("account 1 has no GTT 7 (the broker: no such GTT.)");

        assertSame(missing, BrokerReads.refusal(missing, 1, "GTT 7"));
    }
}
