package io.quantumleap.gateway.http;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every error the API returns: a short machine code and a sentence for people. */
@Serdeable
public record ApiError(String error, String message)
{
}
