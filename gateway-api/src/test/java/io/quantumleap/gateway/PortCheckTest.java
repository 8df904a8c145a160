package io.quantumleap.gateway;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

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
    }
}
