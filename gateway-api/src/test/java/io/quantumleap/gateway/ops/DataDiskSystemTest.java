package io.quantumleap.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDiskSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReportTheDataFoldersFileSystemAndGoDownBelowTheFreeSpaceItMustKeep() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("endpoints.health.disk-space.threshold", "1000000GB")))
        {
            final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            final long usable = Files.getFileStore(app.dataDir()).getUsableSpace();

            final HttpResponse<String> anonymous = app.send("GET", "/health", null, null);
            final HttpResponse<String> detailed = app.send("GET", "/health", admin, null);
            final String metrics = app.send("GET", "/metrics", admin, null).body();

            assertEquals(503, anonymous.statusCode(), anonymous.body());
            assertEquals("{\"status\":\"DOWN\"}", anonymous.body());
            final JsonNode disk = JSON.readTree(detailed.body()).get("details").get("diskSpace");
            assertEquals("DOWN", disk.get("status").asText(), detailed.body());
            final Matcher error = Pattern.compile("Free disk space below threshold\\. Available: (\\d+) bytes " +
                "\\(threshold: (\\d+) bytes\\)").matcher(disk.get("details").get("error").asText());
            assertTrue(error.matches(), disk.toString());
            assertEquals(1_000_000L << 30, Long.parseLong(error.group(2)));
            assertTrue(Math.abs(Long.parseLong(error.group(1)) - usable) < 256L << 20,
                disk + " against " + usable + " usable where the data folder is");
            final String path = app.dataDir().toAbsolutePath().toString();
            assertTrue(metrics.contains("disk_free_bytes{path=\"" + path + "\"}"), metrics);
            assertTrue(metrics.contains("disk_total_bytes{path=\"" + path + "\"}"), metrics);
        }
    }
}
