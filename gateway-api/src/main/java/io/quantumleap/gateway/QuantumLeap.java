package io.quantumleap.gateway;

import io.quantumleap.engine.protocol.MessageHeaderDecoder;

/**
 * Composition root started by {@code ./qleap run}: wires engine, journal and persistence and starts what
 * exists so far, saying clearly what is not there yet.
 */
public final class QuantumLeap
{
    private QuantumLeap()
    {
    }

    public static void main(final String[] args)
    {
        System.out.println("QuantumLeap: engine protocol schema " + MessageHeaderDecoder.SCHEMA_ID +
            " version " + MessageHeaderDecoder.SCHEMA_VERSION);
        System.out.println("Not there yet: engine pipeline, Chronicle journal, Kite simulator, PostgreSQL, " +
            "gateway HTTP API and dashboard (see `issues`).");
    }
}
