package io.quantumleap.engine.sim;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./qleap sim}: runs the Kite simulator standalone on loopback until interrupted.
 */
@Command(name = "qleap sim", mixinStandardHelpOptions = true,
    description = "Run the Kite simulator (paper broker speaking Kite Connect v3) on loopback.")
public final class SimulatorMain implements Callable<Integer>
{
    /** Port of the standalone simulator unless --port says otherwise. */
    public static final int PORT_DEFAULT = 8790;

    @Option(names = "--port", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port = PORT_DEFAULT;

    @Option(names = "--instruments", description = "NSE equities in the universe; BSE lists a quarter of them, " +
        "and indices, NFO, BFO, CDS and MCX contracts come on top (default: ${DEFAULT-VALUE}).")
    int instruments = KiteSimulator.Context.INSTRUMENT_COUNT_DEFAULT;

    @Option(names = "--tick-rate", paramLabel = "PER_SEC",
        description = "Market steps per second (default: ${DEFAULT-VALUE}).")
    int tickRate = KiteSimulator.Context.TICK_RATE_DEFAULT;

    @Option(names = "--volatility", paramLabel = "PERCENT", description = "The live market's daily volatility: " +
        "the standard deviation of a session's change of a price, in percent, at any tick rate; the seeded walk " +
        "behind the candles before the start keeps 1.5 (default: ${DEFAULT-VALUE}).")
    double volatilityPercent = KiteSimulator.Context.VOLATILITY_DEFAULT * 100;

    @Option(names = "--reversion-minutes", paramLabel = "MINUTES", description = "How fast a live price is " +
        "pulled back to where its walk started: the time constant, in minutes (default: ${DEFAULT-VALUE}, two " +
        "sessions); a few minutes keep a fast market near its start.")
    double reversionMinutes = KiteSimulator.Context.REVERSION_MINUTES_DEFAULT;

    @Option(names = "--api-key", description = "API key to accept (default: ${DEFAULT-VALUE}).")
    String apiKey = KiteSimulator.Context.API_KEY_DEFAULT;

    @Option(names = "--api-secret", description = "API secret for checksums (default: ${DEFAULT-VALUE}).")
    String apiSecret = KiteSimulator.Context.API_SECRET_DEFAULT;

    @Option(names = "--seed", description = "Seed of the market (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--redirect-url", description = "Redirect URL after login (default: the simulator's own).")
    String redirectUrl;

    @Option(names = "--postback-url", description = "URL to POST order postbacks to (default: none).")
    String postbackUrl;

    @Option(names = "--market-hours",
        description = "Trade only 09:15-15:30 IST on NSE trading days, with the equity pre-open from 09:00, and " +
            "square off intraday positions at 15:20 (default: always open).")
    boolean marketHours;

    @Option(names = "--no-api-order-rules", description = "Accept MARKET and SL-M orders without " +
        "market_protection and IOC orders on MCX, which Kite refuses for API orders since SEBI's 2026 rules " +
        "(default: refuse them, as Kite does).")
    boolean noApiOrderRules;

    @Option(names = "--book", paramLabel = "FILE", description = "Keep the paper broker's book (orders, trades, " +
        "positions) in FILE, so a restart within the trading day takes it back, and the GTT triggers beside it " +
        "(FILE without its extension, then -gtt.json), kept across days (default: in memory only).")
    java.nio.file.Path book;

    @Option(names = "--auction", paramLabel = "EXCHANGE:SYMBOL[:MINUTES]", description = "Open an exchange " +
        "auction at start in which holders may sell (the auction variety), for MINUTES (1-1440, default 60); " +
        "numbered 1, 2, ... in the order given; repeat for more. POST /__sim/auctions opens one later.")
    java.util.List<String> auctions = new java.util.ArrayList<>();

    @Option(names = "--no-historical-data", paramLabel = "USER_ID", description = "A paper user (e.g. QL0002) " +
        "whose account lacks Kite's historical data add-on: its /instruments/historical calls answer 403 " +
        "PermissionException, as Kite's do; repeat for more (default: every user has it).")
    java.util.List<String> noHistoricalData = new java.util.ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Entry point.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line of {@code ./qleap sim}: a bad option or value is refused in one line, exit 2. */
    public static CommandLine commandLine()
    {
        return new CommandLine(new SimulatorMain()).setParameterExceptionHandler((ex, args) ->
        {
            ex.getCommandLine().getErr().println("qleap sim: " + ex.getMessage() + "; see ./qleap sim --help");
            return 2;
        });
    }

    private void check(final boolean condition, final String option, final String rule, final Object value)
    {
        if (!condition)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + rule + ", not " + value);
        }
    }

    public Integer call() throws InterruptedException
    {
        check(port >= 0 && port <= 65535, "--port", "must be 0..65535", port);
        check(instruments >= 1 && instruments <= 20_000, "--instruments", "must be 1..20000", instruments);
        check(tickRate >= 0 && tickRate <= 1000, "--tick-rate", "must be 0..1000", tickRate);
        check(volatilityPercent > 0 && volatilityPercent <= 100, "--volatility", "must be a percent in (0, 100]",
            volatilityPercent);
        check(reversionMinutes > 0 && reversionMinutes <= 1_000_000, "--reversion-minutes",
            "must be above 0 and at most 1000000", reversionMinutes);
        check(!apiKey.isBlank(), "--api-key", "must not be blank", "'" + apiKey + "'");
        check(!apiSecret.isBlank(), "--api-secret", "must not be blank", "'" + apiSecret + "'");
        check(postbackUrl == null || postbackUrl.startsWith("http://") || postbackUrl.startsWith("https://"),
            "--postback-url", "must be an http(s) URL", postbackUrl);
        final java.util.List<String[]> opening = new java.util.ArrayList<>();
        for (final String auction : auctions)
        {
            final String[] parts = auction.split(":", -1);
            check((parts.length == 2 || parts.length == 3 && parts[2].matches("[0-9]{1,4}")) &&
                !parts[0].isBlank() && !parts[1].isBlank(), "--auction", "must be EXCHANGE:SYMBOL or " +
                "EXCHANGE:SYMBOL:MINUTES", "'" + auction + "'");
            opening.add(parts);
        }
        final KiteSimulator.Context ctx = new KiteSimulator.Context()
            .port(port)
            .instrumentCount(instruments)
            .tickRatePerSecond(tickRate)
            .volatility(volatilityPercent / 100)
            .reversionMinutes(reversionMinutes)
            .apiKey(apiKey)
            .apiSecret(apiSecret)
            .seed(seed)
            .redirectUrl(redirectUrl)
            .postbackUrl(postbackUrl)
            .enforceMarketHours(marketHours)
            .requireMarketProtection(!noApiOrderRules)
            .bookFile(book)
            .usersWithoutHistoricalData(noHistoricalData.stream().map(id -> id.toUpperCase(java.util.Locale.ROOT))
                .distinct().toArray(String[]::new))
            .idsFromTimeOfDay(true);
        try
        {
            ctx.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("qleap sim: " + ex.getMessage());
            return 2;
        }
        final KiteSimulator simulator;
        try
        {
            simulator = new KiteSimulator(ctx).start();
        }
        catch (final IllegalStateException ex)
        {
            spec.commandLine().getErr().println("qleap sim: " + bindFailure(ex));
            return 1;
        }
        final java.util.List<String> opened = new java.util.ArrayList<>();
        for (final String[] auction : opening)
        {
            try
            {
                final String number = simulator.openAuction(null, auction[0], auction[1],
                    auction.length == 3 ? Long.parseLong(auction[2]) : 60);
                opened.add(number + " " + auction[0] + ":" + auction[1]);
            }
            catch (final IllegalArgumentException ex)
            {
                simulator.close();
                spec.commandLine().getErr().println("qleap sim: --auction: " + ex.getMessage() +
                    "; see ./qleap sim --help");
                return 2;
            }
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            simulator.close();
            stopped.countDown();
        }, "kite-sim-shutdown"));
        System.out.println("Kite simulator listening");
        System.out.println("  REST root:  " + simulator.restBaseUrl());
        System.out.println("  ticker:     " + simulator.tickerUrl() + "?api_key=" + apiKey + "&access_token=...");
        System.out.println("  login:      " + simulator.loginUrl());
        System.out.println("  api_key:    " + apiKey + "   api_secret: " + apiSecret);
        System.out.println("  faults:     POST " + simulator.restBaseUrl() + "/__sim/faults (loopback only)");
        System.out.println("  auctions:   " + (opened.isEmpty() ? "none" : String.join(", ", opened)) + "; POST " +
            simulator.restBaseUrl() + "/__sim/auctions opens one (loopback only)");
        stopped.await();
        return 0;
    }

    /** @return one line saying why the port could not be bound, and what to do when another program has it. */
    private String bindFailure(final IllegalStateException ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            if (cause instanceof java.net.BindException && String.valueOf(cause.getMessage()).contains("in use"))
            {
                return "port " + port + " is in use: stop what holds it, or pick another with --port (0 takes any " +
                    "free port)";
            }
        }
        return ex.getMessage();
    }
}
