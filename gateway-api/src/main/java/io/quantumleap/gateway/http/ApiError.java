package io.quantumleap.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The body of every error the API returns: a short machine code and a sentence for people. A refusal whose inputs a
 * client can mend without a person also names them in a field of their own, left out of every other error: a
 * message is bounded and worded for reading, never to be parsed.
 *
 * @param instruments the {@code instruments} of {@code POST /api/replay/export} refused, every one, as given: those
 *                    of neither form ({@code EXCHANGE:SYMBOL} or a token) and those the journal knows nothing of.
 */
@Serdeable
public record ApiError(
    String error, String message,
    @Schema(description = "POST /api/replay/export only: every instrument asked for that is of neither form " +
        "(EXCHANGE:SYMBOL or a token) or that the journal knows nothing of, as given (the message names the first " +
        "20 of each kind); absent from every other error")
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> instruments)
{
    @Creator
    public ApiError
    {
    }

    public ApiError(final String error, final String message)
    {
        this(error, message, null);
    }
}
