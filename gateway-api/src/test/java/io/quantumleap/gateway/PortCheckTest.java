package io.quantumleap.gateway;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortCheckTest
{
    @Test
    void shouldSayAPortIsTakenBeforeAnythingStartsAndLetAFreeOneBe() throws Exception
    {
        final int free;
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            final String refusal = QuantumLeap.portTaken(null, Integer.toString(taken.getLocalPort()));
            assertTrue(refusal != null && refusal.startsWith("the HTTP port 127.0.0.1:" + taken.getLocalPort() +
                " cannot be used") && refusal.contains("QLEAP_HTTP_PORT"), refusal);
            free = taken.getLocalPort();
        }

        assertNull(QuantumLeap.portTaken("127.0.0.1", Integer.toString(free)));
        assertNull(QuantumLeap.portTaken(null, "0"));
        assertTrue(QuantumLeap.portTaken(null, "80a").contains("'80a' is not a port number"));
        assertEquals("QLEAP_HTTP_PORT '70000' is not a port number: expected 0 to 65535",
            QuantumLeap.portTaken(null, "70000"));
        assertEquals("QLEAP_HTTP_PORT '-1' is not a port number: expected 0 to 65535",
            QuantumLeap.portTaken(null, "-1"));
    }

    @Test
    void shouldSayTheSimulatorsPortIsTakenBeforeAnythingStarts() throws Exception
    {
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            final String refusal = QuantumLeap.simulatorPortTaken(Integer.toString(taken.getLocalPort()));
            assertTrue(refusal != null && refusal.startsWith("the simulator port 127.0.0.1:" +
                taken.getLocalPort() + " cannot be used") && refusal.endsWith("set QLEAP_SIM_PORT to a free port"),
                refusal);
        }
        assertNull(QuantumLeap.simulatorPortTaken(null));
        assertNull(QuantumLeap.simulatorPortTaken("0"));
        assertEquals("QLEAP_SIM_PORT 'abc' is not a port number: expected 0 to 65535",
            QuantumLeap.simulatorPortTaken("abc"));
    }
}
