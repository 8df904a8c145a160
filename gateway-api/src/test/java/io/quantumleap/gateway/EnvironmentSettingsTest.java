package io.quantumleap.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EnvironmentSettingsTest
{
    @Test
    void shouldRefuseEachSettingTheConfigurationCannotReadNamingItsValueAndWhatItTakes()
    {
        assertEquals("QLEAP_BROKER_READ_REUSE 'xyz': expected a duration: a whole number and a unit (ms, s, m, h " +
            "or d), e.g. 10s", EnvironmentSettings.refused(Map.of("QLEAP_BROKER_READ_REUSE", "xyz")));
        assertEquals("QLEAP_DISK_MIN_FREE 'lots': expected a size: a whole number of bytes, or with KB, MB or GB " +
            "(e.g. 512MB)", EnvironmentSettings.refused(Map.of("QLEAP_DISK_MIN_FREE", "lots")));
        assertEquals("QLEAP_SIM_TICK_RATE '0': expected a whole number from 1 to 1000",
            EnvironmentSettings.refused(Map.of("QLEAP_SIM_TICK_RATE", "0")));
        assertEquals("QLEAP_SIM_VOLATILITY '0': expected a number above 0 and at most 100 (e.g. 1.5)",
            EnvironmentSettings.refused(Map.of("QLEAP_SIM_VOLATILITY", "0")));
        assertEquals("QLEAP_SIM_VOLATILITY '1.5%': expected a number above 0 and at most 100 (e.g. 1.5)",
            EnvironmentSettings.refused(Map.of("QLEAP_SIM_VOLATILITY", "1.5%")));
        assertEquals("QLEAP_SIM_VOLATILITY '1e1': expected a number above 0 and at most 100 (e.g. 1.5)",
            EnvironmentSettings.refused(Map.of("QLEAP_SIM_VOLATILITY", "1e1")));
        assertEquals("QLEAP_SIM_REVERSION_MINUTES '-2': expected a number above 0 and at most 1000000 (e.g. 1.5)",
            EnvironmentSettings.refused(Map.of("QLEAP_SIM_REVERSION_MINUTES", "-2")));
        assertEquals("QLEAP_SIM_MARKET_HOURS 'maybe': expected true or false",
            EnvironmentSettings.refused(Map.of("QLEAP_SIM_MARKET_HOURS", "maybe")));
        assertEquals("QLEAP_POSITIONS_CHECK_S '-1': expected a whole number from 0",
            EnvironmentSettings.refused(Map.of("QLEAP_POSITIONS_CHECK_S", "-1")));
        assertEquals("QLEAP_SIM_INSTRUMENTS '-5': expected a whole number from 1 to 20000",
            EnvironmentSettings.refused(Map.of("QLEAP_SIM_INSTRUMENTS", "-5")));
        assertEquals("QLEAP_REALTIME_PRIORITY '100': expected a whole number from 0 to 99",
            EnvironmentSettings.refused(Map.of("QLEAP_REALTIME_PRIORITY", "100")));
        assertEquals("QLEAP_STREAM_PORT '65535': expected a whole number from 1 to 65534",
            EnvironmentSettings.refused(Map.of("QLEAP_STREAM_PORT", "65535")));
        assertEquals("QLEAP_LATENCY_INTERVAL '0s': expected a duration: a whole number and a unit (ms, s, m, h or " +
            "d), e.g. 10s, longer than zero", EnvironmentSettings.refused(Map.of("QLEAP_LATENCY_INTERVAL", "0s")));
        assertEquals("QLEAP_ADMIN_PASSWORD: expected 12 to 256 characters, like every user's password; it has 10",
            EnvironmentSettings.refused(Map.of("QLEAP_ADMIN_PASSWORD", "auditpass1")));
        assertEquals("QLEAP_RATE_LIMIT_USER '2.5': expected a whole number from 0",
            EnvironmentSettings.refused(Map.of("QLEAP_RATE_LIMIT_USER", "2.5")));
        assertEquals("QLEAP_METRICS_TOKEN: give at least 32 characters (for example `openssl rand -hex 32`), not 5",
            EnvironmentSettings.refused(Map.of("QLEAP_METRICS_TOKEN", "short")));
        assertEquals("QLEAP_FREEZE_LIMITS 'BANKNIFTY=900,FINNIFTY': 'FINNIFTY' is not UNDERLYING=QUANTITY (an " +
            "underlying as the instruments dump names it, e.g. BANKNIFTY, and a whole number of units from 0 to " +
            "100000000; 0 takes its check away), pairs separated by commas: BANKNIFTY=900,FINNIFTY=1200",
            EnvironmentSettings.refused(Map.of("QLEAP_FREEZE_LIMITS", "BANKNIFTY=900,FINNIFTY")));
    }

    @Test
    void shouldTakeEveryValueTheConfigurationReads()
    {
        assertNull(EnvironmentSettings.refused(Map.of()));
        assertNull(EnvironmentSettings.refused(Map.ofEntries(
            Map.entry("QLEAP_BROKER_READ_REUSE", "0s"),
            Map.entry("QLEAP_WS_RELEASE_AFTER", "500ms"),
            Map.entry("QLEAP_SESSION_SWEEP_INTERVAL", "1h"),
            Map.entry("QLEAP_LATENCY_RECENT_WINDOW", "PT1M"),
            Map.entry("QLEAP_DISK_MIN_FREE", "1GB"),
            Map.entry("QLEAP_DISK_RESERVE", "0"),
            Map.entry("QLEAP_CAPTURE", "FALSE"),
            Map.entry("QLEAP_WS_COMPRESSION", "true"),
            Map.entry("QLEAP_SIM_TICK_RATE", " 7 "),
            Map.entry("QLEAP_SIM_VOLATILITY", " 16.8 "),
            Map.entry("QLEAP_SIM_REVERSION_MINUTES", ".5"),
            Map.entry("QLEAP_POSITIONS_CHECK_S", "0"),
            Map.entry("QLEAP_SIM_PORT", "0"),
            Map.entry("QLEAP_EVENT_LOOPS", "2"),
            Map.entry("QLEAP_RATE_LIMIT_IP", "0"),
            Map.entry("QLEAP_ADMIN_PASSWORD", "twelve-chars"),
            Map.entry("QLEAP_METRICS_TOKEN", "0123456789abcdef0123456789abcdef"),
            Map.entry("QLEAP_FREEZE_LIMITS", "BANKNIFTY=900, finnifty=1200"),
            Map.entry("QLEAP_DB_URL", "anything"))));
    }

    @Test
    void shouldNameEachQleapVariableSetThatNothingReadsWithTheOneItLikelyMeant()
    {
        final Map<String, String> env = new LinkedHashMap<>();
        env.put("QLEAP_HTTP_PROT", "9090");
        env.put("QLEAP_HTTP_PORT", "8081");
        env.put("QLEAP_DBURL", "jdbc:postgresql://db/qleap");
        env.put("QLEAP_NOTHING_LIKE_ANY", "1");
        env.put("QLEAP_X", "1");
        env.put("PATH", "/usr/bin");

        assertEquals(List.of(
            "QLEAP_DBURL is set, but QuantumLeap reads no such variable: it is ignored (did you mean QLEAP_DB_URL?)",
            "QLEAP_HTTP_PROT is set, but QuantumLeap reads no such variable: it is ignored (did you mean " +
                "QLEAP_HTTP_PORT?)",
            "QLEAP_NOTHING_LIKE_ANY is set, but QuantumLeap reads no such variable: it is ignored",
            "QLEAP_X is set, but QuantumLeap reads no such variable: it is ignored"),
            EnvironmentSettings.unknown(env));
        assertEquals(List.of(), EnvironmentSettings.unknown(Map.of("QLEAP_DATA_DIR", "d", "QLEAP_JAVA_OPTS", "")));
    }

    @Test
    void shouldKnowEveryQleapVariableTheProjectReadsAndNoOther() throws IOException
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final Pattern variable = Pattern.compile("QLEAP_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_])(?!_\\*)");
        final Set<String> read = new TreeSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attributes)
            {
                return SKIPPED.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE :
                    FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException
            {
                if (isSource(root, file))
                {
                    final Matcher found = variable.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                    while (found.find())
                    {
                        read.add(found.group());
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });

        assertEquals(new TreeSet<>(EnvironmentSettings.KNOWN), read);
    }

    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", "dist", "test", "coverage");

    private static boolean isSource(final Path root, final Path file)
    {
        final String path = root.relativize(file).toString().replace('\\', '/');
        final String name = file.getFileName().toString();
        return !name.contains(".test.") && !name.equals("EnvironmentSettings.java") &&
            (name.equals("qleap") || path.equals(".ci/run") ||
                name.matches(".*\\.(java|yml|yaml|xml|md|mjs|js|ts|tsx|json|sh|properties)"));
    }
}
