package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code GET /portfolio/positions}: the net book and today's book.
 *
 * @param net current net positions, overnight carry included.
 * @param day today's buys and sells only.
 */
public record KitePositions(List<KitePosition> net, List<KitePosition> day)
{
    static KitePositions from(final JsonNode data)
    {
        KiteJson.requireObject(data, "data");
        return new KitePositions(
            KitePosition.listFrom(KiteJson.array(data, "net")),
            KitePosition.listFrom(KiteJson.array(data, "day")));
    }
}
