package io.quantumleap.gateway.replay;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayBusySystemTest
{
    @Test
    void shouldRefuseAReplayBeyondTheMostAllowedAtOnceAndTakeItOnceOneEnds() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("quantumleap.replay.max-concurrent", 1)))
        {
            final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            final String at = "/api/replay/state?at=" + Instant.now();
            final String export = "{\"table\":\"fills\"}";
            final ReplayController replays = app.bean(ReplayController.class);

            replays.startReplay();
            final HttpResponse<String> state = app.send("GET", at, admin, null);
            final HttpResponse<String> exported = app.send("POST", "/api/replay/export", admin, export);
            replays.endReplay();
            final HttpResponse<String> after = app.send("GET", at, admin, null);
            final HttpResponse<String> exportedAfter = app.send("POST", "/api/replay/export", admin, export);
            final HttpResponse<String> stateAfterExport = app.send("GET", at, admin, null);

            assertEquals(429, state.statusCode(), state.body());
            assertTrue(state.body().contains("\"error\":\"replay_busy\""), state.body());
            assertTrue(state.body().contains("1 journal replay is running (state rebuilds and exports), the most " +
                "at once: ask again once one has ended"), state.body());
            assertEquals("5", state.headers().firstValue("Retry-After").orElse(""));
            assertEquals(429, exported.statusCode(), exported.body());
            assertEquals(200, after.statusCode(), after.body());
            assertEquals(200, exportedAfter.statusCode(), exportedAfter.body());
            assertTrue(exportedAfter.body().startsWith("index,"), exportedAfter.body());
            assertEquals(200, stateAfterExport.statusCode(), stateAfterExport.body());
        }
    }
}
