package io.quantumleap.gateway;

import io.micronaut.core.convert.ConversionService;
import io.quantumleap.gateway.auth.PasswordHasher;
import io.quantumleap.gateway.ops.MetricsTokenValidator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
        WHOLE, DURATION, SIZE, BOOLEAN
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

    private EnvironmentSettings()
    {
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
