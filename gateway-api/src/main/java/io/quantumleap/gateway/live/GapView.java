package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Market data stopped ({@code gap_started}) or resumed ({@code gap_ended}) on one feed connection. */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GapView(int connection, String state, Instant at)
{
}
