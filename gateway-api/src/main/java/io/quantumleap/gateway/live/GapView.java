package io.quantumleap.gateway.live;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/** Market data stopped ({@code gap_started}) or resumed ({@code gap_ended}) on one feed connection. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record GapView(int connection, String state, Instant at)
{
}
