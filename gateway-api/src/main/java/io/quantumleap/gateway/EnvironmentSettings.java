package io.quantumleap.gateway;

import io.micronaut.core.convert.ConversionService;
import io.quantumleap.engine.kite.rest.FreezeLimits;
import io.quantumleap.gateway.auth.PasswordHasher;
import io.quantumleap.gateway.ops.MetricsTokenValidator;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings {@code application.yml} reads from the environment, checked before anything starts: a value the
 * configuration cannot read would otherwise start the process and fail later, on the first request that needs it
 * (a 500 on every call of an endpoint), or be read as something else unsaid ({@code QLEAP_CAPTURE=maybe} as false).
 * Each refusal is one line naming the variable, its value and what it takes.
 */
final class EnvironmentSettings
{
    private static final Pattern SIZE = Pattern.compile("[0-9]+(KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
    private static final List<String> BOOLEAN_WORDS = List.of("true", "false", "yes", "no", "on", "off", "y", "n");

    private record Rule(String name, Kind kind, long min, long max)
    {
    }

    private enum Kind
    {
        WHOLE, DECIMAL, DURATION, SIZE, BOOLEAN
    }

    private static final List<Rule> RULES = List.of(
        new Rule("QLEAP_EVENT_LOOPS", Kind.WHOLE, 0, 256),
        new Rule("QLEAP_STREAM_PORT", Kind.WHOLE, 1, 65_534),
        new Rule("QLEAP_RATE_LIMIT_USER", Kind.WHOLE, 0, Integer.MAX_VALUE),
        new Rule("QLEAP_RATE_LIMIT_USER_BURST", Kind.WHOLE, 0, Integer.MAX_VALUE),
        new Rule("QLEAP_RATE_LIMIT_IP", Kind.WHOLE, 0, Integer.MAX_VALUE),
        new Rule("QLEAP_RATE_LIMIT_IP_BURST", Kind.WHOLE, 0, Integer.MAX_VALUE),
        new Rule("QLEAP_FOLLOWER_SPIN_US", Kind.WHOLE, 0, 1_000_000),
        new Rule("QLEAP_REALTIME_PRIORITY", Kind.WHOLE, 0, 99),
        new Rule("QLEAP_POSITIONS_CHECK_S", Kind.WHOLE, 0, Integer.MAX_VALUE),
        new Rule("QLEAP_SIM_PORT", Kind.WHOLE, 0, 65_535),
        new Rule("QLEAP_SIM_INSTRUMENTS", Kind.WHOLE, 1, 20_000),
        new Rule("QLEAP_SIM_TICK_RATE", Kind.WHOLE, 1, 1_000),
        new Rule("QLEAP_SIM_VOLATILITY", Kind.DECIMAL, 0, 100),
        new Rule("QLEAP_SIM_REVERSION_MINUTES", Kind.DECIMAL, 0, 1_000_000),
        new Rule("QLEAP_WS_RELEASE_AFTER", Kind.DURATION, 0, Long.MAX_VALUE),
        new Rule("QLEAP_SESSION_RECHECK", Kind.DURATION, 0, Long.MAX_VALUE),
        new Rule("QLEAP_SESSION_SWEEP_INTERVAL", Kind.DURATION, 1, Long.MAX_VALUE),
        new Rule("QLEAP_BROKER_READ_REUSE", Kind.DURATION, 0, Long.MAX_VALUE),
        new Rule("QLEAP_LATENCY_INTERVAL", Kind.DURATION, 1, Long.MAX_VALUE),
        new Rule("QLEAP_LATENCY_LOG_INTERVAL", Kind.DURATION, 1, Long.MAX_VALUE),
        new Rule("QLEAP_LATENCY_RECENT_WINDOW", Kind.DURATION, 1, Long.MAX_VALUE),
        new Rule("QLEAP_DISK_MIN_FREE", Kind.SIZE, 0, 0),
        new Rule("QLEAP_DISK_RESERVE", Kind.SIZE, 0, 0),
        new Rule("QLEAP_WS_COMPRESSION", Kind.BOOLEAN, 0, 0),
        new Rule("QLEAP_CAPTURE", Kind.BOOLEAN, 0, 0),
        new Rule("QLEAP_SIM_MARKET_HOURS", Kind.BOOLEAN, 0, 0));

    /**
     * Every {@code QLEAP_} variable the project reads: the system's settings (application.yml, logback.xml, the
     * persistence module's), the launcher's ({@code qleap}) and those of the build's tools and tests, which may be set
     * in the same shell.
     */
    static final Set<String> KNOWN = Set.of(
        "QLEAP_ADMIN_PASSWORD", "QLEAP_AERON_DIR", "QLEAP_BROKER_READ_REUSE", "QLEAP_CAPTURE",
        "QLEAP_CORE_RESERVATION", "QLEAP_CORS_ORIGINS", "QLEAP_DASHBOARD_DIR", "QLEAP_DATA_DIR",
        "QLEAP_DB_EMBEDDED_PORT", "QLEAP_DB_PASSWORD", "QLEAP_DB_POOL_SIZE", "QLEAP_DB_URL", "QLEAP_DB_USER",
        "QLEAP_DISK_MIN_FREE", "QLEAP_DISK_RESERVE", "QLEAP_EVENT_LOOPS", "QLEAP_FEED_THREAD",
        "QLEAP_FOLLOWER_SPIN_US", "QLEAP_FREEZE_LIMITS", "QLEAP_HTTP_HOST", "QLEAP_HTTP_PORT", "QLEAP_HTTP_THREAD",
        "QLEAP_JAVA_OPTS", "QLEAP_JOURNAL_THREAD", "QLEAP_JWT_SECRET", "QLEAP_LATENCY_INTERVAL",
        "QLEAP_LATENCY_LOG_INTERVAL",
        "QLEAP_LATENCY_RECENT_WINDOW", "QLEAP_LOG_LEVEL", "QLEAP_METRICS_TOKEN", "QLEAP_MVN_FLAGS",
        "QLEAP_PERSISTER_BATCH_SIZE", "QLEAP_PERSISTER_LINGER_MS", "QLEAP_PERSISTER_MAX_RATE",
        "QLEAP_PERSISTER_NETWORK_TIMEOUT_MS", "QLEAP_PERSISTER_RETRY_MAX_MS", "QLEAP_PERSISTER_RETRY_MIN_MS",
        "QLEAP_PERSISTER_SAMPLE_INTERVAL_MS", "QLEAP_PERSISTER_TICKS", "QLEAP_POSITIONS_CHECK_S",
        "QLEAP_RATE_LIMIT_IP", "QLEAP_RATE_LIMIT_IP_BURST", "QLEAP_RATE_LIMIT_USER", "QLEAP_RATE_LIMIT_USER_BURST",
        "QLEAP_REALTIME_PRIORITY", "QLEAP_ROLE", "QLEAP_SECRET_KEY", "QLEAP_SECRET_KEY_FILE",
        "QLEAP_SESSION_RECHECK", "QLEAP_SESSION_SWEEP_INTERVAL", "QLEAP_SIM_INSTRUMENTS", "QLEAP_SIM_MARKET_HOURS",
        "QLEAP_SIM_PORT", "QLEAP_SIM_REVERSION_MINUTES", "QLEAP_SIM_TICK_RATE", "QLEAP_SIM_VOLATILITY",
        "QLEAP_STREAM_HOST", "QLEAP_STREAM_LOCAL_HOST", "QLEAP_STREAM_PORT",
        "QLEAP_TOKEN_TTL", "QLEAP_WAIT_STRATEGY", "QLEAP_WS_COMPRESSION", "QLEAP_WS_RELEASE_AFTER",
        "QLEAP_E2E_MAX_INTERACTION_MS", "QLEAP_E2E_MAX_P50_FRAME_MS", "QLEAP_E2E_MAX_P95_FRAME_MS",
        "QLEAP_E2E_PASSWORD", "QLEAP_E2E_PORT", "QLEAP_E2E_URL", "QLEAP_E2E_USER", "QLEAP_E2E_WATCHED",
        "QLEAP_GATEWAY", "QLEAP_OPENAPI", "QLEAP_SIM_API_KEY", "QLEAP_SIM_API_SECRET", "QLEAP_SIM_REST",
        "QLEAP_SIM_WS");

    private EnvironmentSettings()
    {
    }

    /**
     * A misspelt variable would otherwise be ignored without a word ({@code QLEAP_HTTP_PROT=9090} serving on 8080).
     *
     * @param env the environment.
     * @return one line for each {@code QLEAP_} variable set that the project does not read, naming the closest one
     *         it does read when that is a likely misspelling; by name.
     */
    static List<String> unknown(final Map<String, String> env)
    {
        return env.keySet().stream()
            .filter(name -> name.startsWith("QLEAP_") && !KNOWN.contains(name))
            .sorted()
            .map(name -> name + " is set, but QuantumLeap reads no such variable: it is ignored" +
                closest(name).map(known -> " (did you mean " + known + "?)").orElse(""))
            .toList();
    }

    /** The known name fewest edits from {@code name}, if at most 3 and fewer than a third of its letters. */
    private static Optional<String> closest(final String name)
    {
        final int suffix = name.length() - "QLEAP_".length();
        final LevenshteinDistance edits = new LevenshteinDistance(Math.min(3, (suffix - 1) / 3));
        return KNOWN.stream().sorted()
            .map(known -> Map.entry(known, edits.apply(name, known)))
            .filter(distance -> distance.getValue() >= 0)
            .min(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey);
    }

    /**
     * @param env the environment.
     * @return why the first setting that cannot be used cannot, or null when every one set can.
     */
    static String refused(final Map<String, String> env)
    {
        for (final Rule rule : RULES)
        {
            final String value = env.get(rule.name());
            if (value == null || value.isEmpty())
            {
                continue;
            }
            final String why = switch (rule.kind())
            {
                case WHOLE -> whole(value.trim(), rule.min(), rule.max());
                case DECIMAL -> decimal(value.trim(), rule.min(), rule.max());
                case DURATION -> duration(value.trim(), rule.min() > 0);
                case SIZE -> SIZE.matcher(value.trim()).matches() ? null :
                    "a size: a whole number of bytes, or with KB, MB or GB (e.g. 512MB)";
                case BOOLEAN -> BOOLEAN_WORDS.contains(value.trim().toLowerCase(Locale.ROOT)) ? null : "true or false";
            };
            if (why != null)
            {
                return rule.name() + " '" + value + "': expected " + why;
            }
        }
        try
        {
            FreezeLimits.withChanges(env.get(FreezeLimits.ENV_NAME));
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
        final String metricsToken = MetricsTokenValidator.refused(env.get("QLEAP_METRICS_TOKEN"));
        if (metricsToken != null)
        {
            return metricsToken;
        }
        final String admin = env.get("QLEAP_ADMIN_PASSWORD");
        if (admin != null && !admin.isBlank() && (admin.length() < PasswordHasher.MIN_PASSWORD_LENGTH ||
            admin.length() > PasswordHasher.MAX_PASSWORD_LENGTH))
        {
            // Checked before anything starts: the first run creates the admin only once the engine is up.
            return "QLEAP_ADMIN_PASSWORD: expected " + PasswordHasher.MIN_PASSWORD_LENGTH + " to " +
                PasswordHasher.MAX_PASSWORD_LENGTH + " characters, like every user's password; it has " +
                admin.length();
        }
        return null;
    }

    private static String whole(final String value, final long min, final long max)
    {
        final String range = max == Integer.MAX_VALUE ? "a whole number from " + min :
            "a whole number from " + min + " to " + max;
        try
        {
            final long number = Long.parseLong(value);
            return number < min || number > max ? range : null;
        }
        catch (final NumberFormatException ex)
        {
            return range;
        }
    }

    private static String decimal(final String value, final long min, final long max)
    {
        final String range = "a number above " + min + " and at most " + max + " (e.g. 1.5)";
        try
        {
            final double number = Double.parseDouble(value);
            return number > min && number <= max && value.matches("[0-9]*\\.?[0-9]+") ? null : range;
        }
        catch (final NumberFormatException ex)
        {
            return range;
        }
    }

    private static String duration(final String value, final boolean positive)
    {
        final Optional<Duration> duration = ConversionService.SHARED.convert(value, Duration.class);
        final String expected = "a duration: a whole number and a unit (ms, s, m, h or d), e.g. 10s" +
            (positive ? ", longer than zero" : "");
        if (duration.isEmpty() || duration.get().isNegative() || (positive && duration.get().isZero()))
        {
            return expected;
        }
        return null;
    }
}
