package io.quantumleap.benchmarks.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.runtime.ThreadTimes;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code ./qleap bench rig}: tick-to-WebSocket latency of the whole system. Question: from the moment Kite means
 * to send a tick, how long until a WebSocket client of QuantumLeap holds it, and how does that compare with half a
 * loopback round trip measured in the same run?
 *
 * <p>The rig runs the Kite simulator in its own process with a {@link FixedRateTickScript} (fixed rate, round robin
 * over the chosen instruments, each tick numbered in its volume field), starts QuantumLeap as a separate process
 * pointed at that simulator, logs in, connects the broker through the Kite connect flow, opens the clients (each
 * subscribes to a slice of the instruments), warms up, measures, and finally prints client-side percentiles
 * next to the loopback baseline and the gateway's own per-stage numbers ({@code GET /api/latency}). Results go
 * to {@code benchmarks/target/rig/<run>/}: HdrHistogram interval logs, percentile distributions, summary.json.
 */
@Command(name = "qleap bench rig", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Tick-to-WebSocket latency of the full system against the Kite simulator (HdrHistogram, "
        + "coordinated-omission-safe), with half a loopback round trip as the baseline.")
public final class TickToWebSocketRig implements Callable<Integer>
{
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC);
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    /** The end-to-end target: server-side tick_to_ws p99 with 100 clients, µs. */
    private static final int TARGET_P99_US = 100;
    /** Writes timed in each case by {@link LoopbackWriteCost}, 1 ms apart: about 1.5 s with its warm-up. */
    private static final int WRITE_COST_WRITES = 500;
    /** A wake-up dearer than this is worth a note: a fifth of the target's budget. */
    private static final long WAKE_NOTE_NS = 10_000;

    @Option(names = "--rate", description = "Ticks per second the simulator sends, over all instruments "
        + "(default: ${DEFAULT-VALUE}).")
    long rate = 10_000;

    @Option(names = "--clients", description = "WebSocket clients (default: ${DEFAULT-VALUE}).")
    int clients = 100;

    @Option(names = "--instruments", description = "Instruments ticked round robin (NSE equities of the "
        + "simulator; default: ${DEFAULT-VALUE}).")
    int instruments = 1_000;

    @Option(names = "--subscriptions", description = "Instruments each client subscribes to, consecutive slices "
        + "spread over all instruments (default: ${DEFAULT-VALUE}).")
    int subscriptions = 10;

    @Option(names = "--mode", description = "Subscription mode: ltp cannot carry the tick number, so quote or full "
        + "(default: ${DEFAULT-VALUE}).")
    String mode = "quote";

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int durationS = 30;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Warm-up seconds at the same rate, not "
        + "measured (default: ${DEFAULT-VALUE}).")
    int warmupS = 10;

    @Option(names = "--drain", paramLabel = "SECONDS", description = "Seconds to wait after the last tick before "
        + "counting what never arrived as lost (default: ${DEFAULT-VALUE}).")
    int drainS = 2;

    @Option(names = "--client-threads", description = "Event-loop threads of the clients, one histogram each "
        + "(default: ${DEFAULT-VALUE}).")
    int clientThreads = 2;

    @Option(names = "--ping-rate", description = "Loopback baseline pings per second (default: ${DEFAULT-VALUE}).")
    long pingRate = 1_000;

    @Option(names = "--wait-strategy", description = "QLEAP_WAIT_STRATEGY for the system under test "
        + "(default: its own).")
    String waitStrategy;

    @Option(names = "--journal-thread", description = "QLEAP_JOURNAL_THREAD for the system under test: own, core "
        + "or auto (default: its own).")
    String journalThread;

    @Option(names = "--feed-thread", description = "QLEAP_FEED_THREAD for the system under test: own, core or auto "
        + "(default: its own).")
    String feedThread;

    @Option(names = "--http-thread", description = "QLEAP_HTTP_THREAD for the system under test: own, core or auto "
        + "(default: its own).")
    String httpThread;

    @Option(names = "--follower-spin-us", description = "QLEAP_FOLLOWER_SPIN_US for the system under test: how long "
        + "the gateway follower waits on its event loop for the core's events, 0 to 1,000 (default: its own).")
    Integer followerSpinUs;

    @Option(names = "--gateway-java-opts", description = "Extra JVM options for the system under test "
        + "(default: QLEAP_JAVA_OPTS).")
    String gatewayJavaOpts = System.getenv().getOrDefault("QLEAP_JAVA_OPTS", "");

    @Option(names = "--realtime-priority", description = "QLEAP_REALTIME_PRIORITY for the system under test: its "
        + "hot-path threads run SCHED_FIFO at this priority (1-99; needs root; default: its own).")
    Integer realtimePriority;

    @Option(names = "--core-reservation", description = "QLEAP_CORE_RESERVATION for the system under test: auto, "
        + "off or the share of a CPU in percent its core thread has reserved in the deadline class (needs root; "
        + "default: its own).")
    String coreReservation;

    @Option(names = "--event-loops", description = "QLEAP_EVENT_LOOPS for the system under test: its HTTP server's "
        + "event loops, the first of which runs the gateway follower (default: its own).")
    Integer eventLoops;

    @Option(names = "--halt-poll-ns", description = "Sets the guest's halt polling (Linux cpuidle-haltpoll, "
        + "/sys/module/haltpoll/parameters/guest_halt_poll_ns; root) for this run and restores it after: how long an "
        + "idle vCPU polls before it halts, which on a VM decides what each thread hand-off costs (default: leave "
        + "the machine's; every run reports it).")
    Long haltPollNs;

    @Option(names = "--rig-nice", description = "Nice value for the rig's own threads once everything is connected "
        + "(0-19; the simulator and the clients stand in for other machines, so a positive value keeps them from "
        + "taking CPU from the system under test; default: ${DEFAULT-VALUE}).")
    int rigNice;

    // The checkout's folders wherever the rig runs: ./qleap runs it in the folder it is run from, naming the
    // checkout in qleap.checkout; without it they are taken from the working directory.
    @Option(names = "--gateway-dir", defaultValue = "${sys:qleap.checkout:-.}/gateway-api/target",
        description = "The gateway's build output (default: ${DEFAULT-VALUE}).")
    Path gatewayDir;

    @Option(names = "--out", defaultValue = "${sys:qleap.checkout:-.}/benchmarks/target/rig",
        description = "Where each run's folder goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--keep-data", description = "Keep the system's data folder (journal, its latency logs).")
    boolean keepData;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private volatile TickSchedule active;
    private final double[] windowLoad = {-1, -1};
    private final double[] windowCores = {-1, -1};
    /** The system's core thread over the measured window: shares of the wall clock on a CPU and waiting for one. */
    private final double[] windowCoreThread = {-1, -1};
    private final long[] windowWallMs = {0, 0};
    private String coreScheduling = "";
    private MachineNoise.Result noise;
    /** Null when it could not be measured; then {@link #writeCostMissing} says why. */
    private LoopbackWriteCost.Result writeCost;
    private String writeCostMissing;
    private boolean coreReservedAtEnd;

    /**
     * Entry point.
     *
     * @param args command-line options, see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line of {@code ./qleap bench rig}: a bad option or value is refused in one line, exit 2. */
    static CommandLine commandLine()
    {
        return new CommandLine(new TickToWebSocketRig()).setParameterExceptionHandler((ex, args) ->
        {
            ex.getCommandLine().getErr().println(
                "qleap bench rig: " + ex.getMessage() + "; see ./qleap bench rig --help");
            return 2;
        });
    }

    @Override
    public Integer call() throws Exception
    {
        final String problem = validate();
        if (problem != null)
        {
            spec.commandLine().getErr().println("qleap bench rig: " + problem);
            return 2;
        }
        try
        {
            return run();
        }
        catch (final IllegalStateException | java.util.concurrent.TimeoutException ex)
        {
            spec.commandLine().getErr().println("qleap bench rig: " + ex.getMessage());
            return 1;
        }
    }

    private int run() throws Exception
    {
        final String runId = RUN_ID.format(Instant.now()) + "-r" + rate + "-c" + clients;
        final Path runDir = Files.createDirectories(out.resolve(runId));
        final PrintStream o = System.out;
        o.printf("rig: %,d ticks/s over %d instruments, %d clients x %d instruments (%s), warm-up %d s, "
            + "measure %d s; results in %s%n", rate, instruments, clients, subscriptions, mode, warmupS, durationS,
            runDir);

        final HaltPoll.Restore restoreHaltPoll = haltPollNs == null ? () -> { } :
            HaltPoll.machine().set(haltPollNs);
        if (haltPollNs != null)
        {
            o.printf("rig: guest halt polling for this run: %s%n", HaltPoll.machine().describe());
        }
        // A first round while this JVM's compilers finish its start-up, so that the second measures the machine.
        MachineNoise.measure(Runtime.getRuntime().availableProcessors(), TimeUnit.MILLISECONDS.toNanos(500));
        noise = MachineNoise.measure(Runtime.getRuntime().availableProcessors(), TimeUnit.SECONDS.toNanos(1));
        o.printf("rig: machine noise before the run: %s%n", noise.describe());
        measureWriteCost();
        o.printf("rig: loopback write before the run: %s%n", describeWriteCost());
        final FixedRateTickScript script = new FixedRateTickScript();
        final int httpPort = GatewayProcess.freePort();
        final String gatewayBase = "http://127.0.0.1:" + httpPort;
        final KiteSimulator simulator = new KiteSimulator(new KiteSimulator.Context()
            .instrumentCount(Math.max(KiteSimulator.Context.INSTRUMENT_COUNT_DEFAULT, instruments + 10))
            .tickRatePerSecond(0)
            .ioThreads(1)
            .tickScript(script)
            .redirectUrl(gatewayBase + "/api/broker/kite/callback")).start();
        final String password = "rig-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        final Map<String, String> env = new HashMap<>();
        env.put("QLEAP_HTTP_PORT", Integer.toString(httpPort));
        env.put("QLEAP_ADMIN_PASSWORD", password);
        env.put("KITE_API_KEY", simulator.apiKey());
        env.put("KITE_API_SECRET", simulator.apiSecret());
        env.put("KITE_API_URL", simulator.restBaseUrl());
        env.put("KITE_WS_URL", simulator.tickerUrl());
        env.put("KITE_LOGIN_URL", simulator.restBaseUrl() + "/connect/login");
        env.put("KITE_REDIRECT_URL", gatewayBase + "/api/broker/kite/callback");
        // The system's latency log in 1 s intervals, so its stages can be cut to the measured window.
        env.put("QUANTUMLEAP_LATENCY_LOG_INTERVAL", "1s");
        // Settings of the system under test the run was given; the others stay the system's own.
        final Map<String, Object> given = new HashMap<>();
        given.put("QLEAP_WAIT_STRATEGY", waitStrategy);
        given.put("QLEAP_JOURNAL_THREAD", journalThread);
        given.put("QLEAP_FEED_THREAD", feedThread);
        given.put("QLEAP_HTTP_THREAD", httpThread);
        given.put("QLEAP_FOLLOWER_SPIN_US", followerSpinUs);
        given.put("QLEAP_EVENT_LOOPS", eventLoops);
        given.put("QLEAP_REALTIME_PRIORITY", realtimePriority);
        given.put("QLEAP_CORE_RESERVATION", coreReservation);
        given.forEach((name, value) ->
        {
            if (value != null)
            {
                env.put(name, value.toString());
            }
        });
        final List<String> jvmArgs = gatewayJavaOpts.isBlank() ? List.of() :
            List.of(gatewayJavaOpts.trim().split("\\s+"));

        try (restoreHaltPoll;
            simulator;
            GatewayProcess gateway = GatewayProcess.start(gatewayDir, env, jvmArgs, runDir.resolve("gateway.log"),
                keepData);
            RigClients rigClients = new RigClients(clientThreads, () -> active, instruments);
            LoopbackBaseline baseline = new LoopbackBaseline(pingRate))
        {
            o.printf("rig: system under test is pid %d (log %s)%n", gateway.pid(), runDir.resolve("gateway.log"));
            final GatewayApi api = new GatewayApi(gatewayBase);
            api.awaitHealthy(240, gateway::isAlive);
            api.login("admin", password);
            api.connectBroker();
            awaitConnected(api);
            final long[] tokens = pickTokens(simulator);
            awaitInstruments(api);
            openClients(rigClients, httpPort, api.token(), tokens);
            awaitFeed(api);
            baseline.open();
            if (rigNice != 0)
            {
                renice(rigNice);
            }

            final long windowStartSeq = rate * warmupS;
            final long endSeq = rate * (warmupS + (long)durationS);
            final TickSchedule plan = new TickSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200), rate,
                tokens, windowStartSeq, endSeq);
            active = plan;
            script.start(plan);
            final Histogram ticks = report(rigClients, plan, baseline, runDir, script, gateway.pid());
            o.printf("rig: drained for %d s%n", drainS);
            final Optional<JsonNode> server = api.latency();
            final String metrics = api.metrics();
            final OptionalDouble reserved = GatewayApi.metric(metrics, "qleap_core_reserved");
            coreReservedAtEnd = reserved.isPresent() && reserved.getAsDouble() == 1;
            coreScheduling = coreScheduling(reserved,
                GatewayApi.metric(metrics, "qleap_core_reservation_releases_total"),
                GatewayApi.metric(metrics, "qleap_core_reservation_refused"));
            final JsonNode brokerStatus = api.brokerStatus();
            final Histogram halfRoundTrip = baseline.stop();
            final long stopNs = System.nanoTime();
            rigClients.stop(stopNs);
            final Histogram all = collect(rigClients.recorders(), ticks);
            gateway.stop();
            final long journaled = journaled(gateway, plan);
            final Map<String, Histogram> serverStages = serverStages(gateway);
            printAndWrite(runDir, plan, rigClients.recorders(), all, halfRoundTrip, script, server, brokerStatus,
                journaled, serverStages);
        }
        return 0;
    }

    /** @return the system's core-thread reservation at the end of the run, as its metrics tell it. */
    static String coreScheduling(final OptionalDouble reserved, final OptionalDouble releases,
        final OptionalDouble refused)
    {
        if (reserved.isEmpty())
        {
            return "no CPU reservation (QLEAP_CORE_RESERVATION off or not for this layout)";
        }
        if (refused.orElse(0) == 1)
        {
            return "CPU reservation refused by the kernel or the machine (gateway.log says why)";
        }
        final double given = releases.orElse(0);
        return (reserved.getAsDouble() == 1 ? "CPU reservation (SCHED_DEADLINE) held at the end" :
            "CPU reservation not held at the end") + String.format(Locale.ROOT,
            ", given up for the normal class %.0f times since start", given);
    }

    /** @return measured ticks that reached the system's journal, -1 when it cannot be read. */
    private static long journaled(final GatewayProcess gateway, final TickSchedule plan)
    {
        try
        {
            return JournalStamps.journaled(gateway.journalDir(), plan);
        }
        catch (final RuntimeException ex)
        {
            System.out.println("rig: could not read the system's journal: " + ex);
            return -1;
        }
    }

    /** @return the system's per-stage histograms over the measured window, from its latency log. */
    private Map<String, Histogram> serverStages(final GatewayProcess gateway)
    {
        try
        {
            return ServerLatencyLog.read(gateway.latencyDir(), windowWallMs[0], windowWallMs[1]);
        }
        catch (final IOException | RuntimeException ex)
        {
            System.out.println("rig: could not read the system's latency log: " + ex);
            return Map.of();
        }
    }

    String validate()
    {
        if (rate < 1 || clients < 1 || instruments < 1 || durationS < 1 || warmupS < 0 || drainS < 0 ||
            clientThreads < 1 || pingRate < 1)
        {
            return "rate, clients, instruments, duration, client-threads and ping-rate must be >= 1; warm-up and "
                + "drain >= 0";
        }
        if (subscriptions < 1 || subscriptions > Math.min(instruments, 3000))
        {
            return "subscriptions: must be 1 to min(instruments, 3000), got " + subscriptions;
        }
        if (!mode.equals("quote") && !mode.equals("full"))
        {
            return "mode: must be quote or full (ltp ticks carry no volume to number them), got " + mode;
        }
        if (eventLoops != null && (eventLoops < 1 || eventLoops > 64))
        {
            return "event-loops: must be 1 to 64, got " + eventLoops;
        }
        if (haltPollNs != null && (haltPollNs < 0 || haltPollNs > 10_000_000))
        {
            return "halt-poll-ns: must be 0 to 10,000,000, got " + haltPollNs;
        }
        if (rigNice < 0 || rigNice > 19)
        {
            return "rig-nice: must be 0 to 19, got " + rigNice;
        }
        for (final String[] thread : new String[][] {
            {"journal-thread", journalThread}, {"feed-thread", feedThread}, {"http-thread", httpThread}})
        {
            if (thread[1] != null && !List.of("own", "core", "auto").contains(thread[1]))
            {
                return thread[0] + ": must be own, core or auto, got " + thread[1];
            }
        }
        if (followerSpinUs != null && (followerSpinUs < 0 || followerSpinUs > 1_000))
        {
            return "follower-spin-us: must be 0 to 1,000, got " + followerSpinUs;
        }
        if (realtimePriority != null && (realtimePriority < 1 || realtimePriority > 99))
        {
            return "realtime-priority: must be 1 to 99, got " + realtimePriority;
        }
        if (TickSchedule.VOLUME_BASE + rate * (warmupS + (long)durationS) > TickSchedule.VOLUME_MAX)
        {
            return "rate x (warm-up + duration) must stay below " + (TickSchedule.VOLUME_MAX -
                TickSchedule.VOLUME_BASE) + " ticks";
        }
        return null;
    }

    private static void awaitConnected(final GatewayApi api) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            if (api.brokerStatus().path("connected").asBoolean())
            {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the broker did not report connected within 30 s: " + api.brokerStatus());
    }

    private void awaitInstruments(final GatewayApi api) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        final int want = Math.min(instruments, 1000);
        while (System.nanoTime() < deadline)
        {
            if (api.instruments(1000) >= want)
            {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway did not load the instruments dump within 60 s");
    }

    private static void awaitFeed(final GatewayApi api) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            for (final JsonNode connection : api.brokerStatus().path("feed_connections"))
            {
                if ("connected".equals(connection.path("state").asText()))
                {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no feed connection reached the simulator within 30 s: " +
            api.brokerStatus());
    }

    /** The first {@code instruments} NSE equities of the simulator's instruments dump, as Kite lists them. */
    private long[] pickTokens(final KiteSimulator simulator) throws IOException, InterruptedException
    {
        final HttpResponse<String> dump = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(simulator.restBaseUrl() + "/instruments"))
                .header("X-Kite-Version", "3").GET().build(), HttpResponse.BodyHandlers.ofString());
        final List<Long> tokens = new ArrayList<>();
        for (final String line : dump.body().split("\n"))
        {
            final String[] tail = line.substring(line.lastIndexOf(',', line.lastIndexOf(',',
                line.lastIndexOf(',') - 1) - 1) + 1).split(",");
            if (tail.length == 3 && tail[0].equals("EQ") && tail[1].equals("NSE") && tokens.size() < instruments)
            {
                tokens.add(Long.parseLong(line.substring(0, line.indexOf(','))));
            }
        }
        if (tokens.size() < instruments)
        {
            throw new IllegalStateException("instruments: the simulator lists only " + tokens.size() +
                " NSE equities");
        }
        return tokens.stream().mapToLong(Long::longValue).toArray();
    }

    private void openClients(final RigClients rigClients, final int port, final String token, final long[] tokens)
        throws Exception
    {
        final URI uri = URI.create("ws://127.0.0.1:" + port + "/ws?token=" +
            URLEncoder.encode(token, StandardCharsets.UTF_8));
        final long started = System.nanoTime();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int c = 0; c < clients; c++)
        {
            final int[] indexes = new int[subscriptions];
            final StringBuilder message = new StringBuilder("{\"a\":\"mode\",\"v\":[\"").append(mode).append("\",[");
            for (int k = 0; k < subscriptions; k++)
            {
                indexes[k] = (int)(((long)c * subscriptions + k) % instruments);
                message.append(k == 0 ? "" : ",").append(tokens[indexes[k]]);
            }
            pending.add(rigClients.connect(uri, message.append("]]}").toString(), indexes));
            if (pending.size() >= 50)
            {
                CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        System.out.printf("rig: %d clients connected and subscribed in %d ms%n", clients,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Runs the clock: each second moves every client thread's interval histogram into the log and the total;
     * starts the baseline when the window opens; returns once the last tick was sent and the drain is over.
     */
    private Histogram report(
        final RigClients rigClients, final TickSchedule plan, final LoopbackBaseline baseline, final Path runDir,
        final FixedRateTickScript script, final long gatewayPid) throws IOException
    {
        long windowCpuStartNs = 0;
        long windowRigCpuStartNs = 0;
        long windowWallStartNs = 0;
        final ThreadTimes coreThread = new ThreadTimes(Path.of("/proc", Long.toString(gatewayPid), "task"),
            "qleap-core");
        ThreadTimes.Totals windowCoreStart = new ThreadTimes.Totals(0, 0);
        boolean windowEnded = false;
        final Histogram total = new Histogram(TickLatencyRecorder.HIGHEST_TRACKABLE_NS, 3);
        final List<TickLatencyRecorder> recorders = rigClients.recorders();
        final Histogram[] recycle = new Histogram[recorders.size()];
        final long windowStartNs = plan.intendedNs(plan.windowStartSeq());
        final long endNs = plan.intendedNs(plan.endSeq());
        boolean baselineStarted = false;
        long lastPrintNs = System.nanoTime();
        try (PrintStream logFile = new PrintStream(runDir.resolve("tick-latency.hlog").toFile(),
            StandardCharsets.UTF_8))
        {
            final HistogramLogWriter log = new HistogramLogWriter(logFile);
            final long startMs = System.currentTimeMillis();
            log.outputComment("QuantumLeap tick-to-WebSocket latency, ns, from each tick's intended send time");
            log.outputLogFormatVersion();
            log.outputStartTime(startMs);
            log.setBaseTime(startMs);
            log.outputLegend();
            long lastMs = startMs;
            while (true)
            {
                final long nowNs = System.nanoTime();
                if (!baselineStarted && nowNs - windowStartNs >= 0)
                {
                    baseline.start();
                    baselineStarted = true;
                    windowLoad[0] = loadAverage();
                    windowWallMs[0] = System.currentTimeMillis();
                    windowCpuStartNs = cpuNs(gatewayPid);
                    windowRigCpuStartNs = cpuNs(ProcessHandle.current().pid());
                    windowCoreStart = coreThread.totals();
                    windowWallStartNs = nowNs;
                }
                if (baselineStarted && !windowEnded && nowNs - endNs >= 0)
                {
                    windowEnded = true;
                    windowLoad[1] = loadAverage();
                    windowWallMs[1] = System.currentTimeMillis();
                    final double wallNs = Math.max(1, nowNs - windowWallStartNs);
                    windowCores[0] = (cpuNs(gatewayPid) - windowCpuStartNs) / wallNs;
                    windowCores[1] = (cpuNs(ProcessHandle.current().pid()) - windowRigCpuStartNs) / wallNs;
                    final ThreadTimes.Totals windowCoreEnd = coreThread.totals();
                    if (windowCoreEnd.cpuNs() > 0)
                    {
                        windowCoreThread[0] = (windowCoreEnd.cpuNs() - windowCoreStart.cpuNs()) / wallNs;
                        windowCoreThread[1] = (windowCoreEnd.waitNs() - windowCoreStart.waitNs()) / wallNs;
                    }
                }
                final boolean done = script.sentSeq() >= plan.endSeq() &&
                    nowNs - endNs >= TimeUnit.SECONDS.toNanos(drainS);
                if (!done)
                {
                    final long untilWindowNs = baselineStarted ? Long.MAX_VALUE : windowStartNs - nowNs;
                    LockSupport.parkNanos(Math.max(1, Math.min(TimeUnit.SECONDS.toNanos(1), untilWindowNs)));
                }
                final long nowMs = System.currentTimeMillis();
                final Histogram interval = new Histogram(TickLatencyRecorder.HIGHEST_TRACKABLE_NS, 3);
                for (int i = 0; i < recorders.size(); i++)
                {
                    recycle[i] = recorders.get(i).intervalHistogram(recycle[i]);
                    interval.add(recycle[i]);
                }
                interval.setStartTimeStamp(lastMs);
                interval.setEndTimeStamp(nowMs);
                lastMs = nowMs;
                if (interval.getTotalCount() > 0)
                {
                    log.outputIntervalHistogram(interval);
                    total.add(interval);
                }
                if (System.nanoTime() - lastPrintNs >= TimeUnit.SECONDS.toNanos(5) || done)
                {
                    lastPrintNs = System.nanoTime();
                    System.out.printf("rig: %5.1f s  sent %,d  measured %,d  last second: %s%n",
                        (System.nanoTime() - plan.startNs()) / 1e9, script.sentSeq(), total.getTotalCount(),
                        interval.getTotalCount() == 0 ? "-" : "p50 " + us(interval.getValueAtPercentile(50)) +
                            " p99 " + us(interval.getValueAtPercentile(99)) + " max " + us(interval.getMaxValue()) +
                            " us");
                }
                if (done)
                {
                    return total;
                }
            }
        }
    }

    /** Adds what the threads recorded after the last interval (the lost ticks among it). */
    private static Histogram collect(final List<TickLatencyRecorder> recorders, final Histogram total)
    {
        for (final TickLatencyRecorder recorder : recorders)
        {
            total.add(recorder.intervalHistogram(null));
        }
        return total;
    }

    private void printAndWrite(
        final Path runDir, final TickSchedule plan, final List<TickLatencyRecorder> recorders, final Histogram ticks,
        final Histogram halfRoundTrip, final FixedRateTickScript script, final Optional<JsonNode> server,
        final JsonNode brokerStatus, final long journaled, final Map<String, Histogram> serverStages)
        throws IOException
    {
        final HaltPoll haltPoll = HaltPoll.machine();
        final OptionalLong haltPollNow = haltPoll.read();
        long expected = 0;
        long received = 0;
        long superseded = 0;
        long lost = 0;
        long conflated = 0;
        long stale = 0;
        long warmUp = 0;
        long foreign = 0;
        long mismatched = 0;
        long other = 0;
        long closed = 0;
        for (final TickLatencyRecorder r : recorders)
        {
            expected += r.expected();
            received += r.received();
            superseded += r.superseded();
            lost += r.lost();
            conflated += r.conflatedMessages();
            stale += r.staleMessages();
            warmUp += r.warmUpMessages();
            foreign += r.foreignMessages();
            mismatched += r.mismatchedMessages();
            other += r.otherMessages();
            closed += r.closedConnections();
        }
        final Histogram senderLag = script.senderLag();
        final PrintStream o = System.out;
        o.println();
        o.printf("End-to-end: tick to WebSocket, %,d ticks/s over %d instruments, %d clients x %d (%s), %d s "
            + "measured; latencies in us%n", rate, instruments, clients, subscriptions, mode, durationS);
        o.printf("%-44s %10s %9s %9s %9s %9s %9s %9s%n", "", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max");
        row(o, "client: tick intended send -> WS received", ticks);
        row(o, "baseline: half loopback WS round trip", halfRoundTrip);
        row(o, "  of which: simulator sender lag", senderLag);
        o.printf("%-44s %10s %9s %9s %9s %9s %9s %9s%n", "ratio client / baseline", "",
            ratio(ticks, halfRoundTrip, 50), ratio(ticks, halfRoundTrip, 90), ratio(ticks, halfRoundTrip, 99),
            ratio(ticks, halfRoundTrip, 99.9), ratio(ticks, halfRoundTrip, 99.99),
            String.format(Locale.ROOT, "%.1fx",
                (double)ticks.getMaxValue() / Math.max(1, halfRoundTrip.getMaxValue())));
        o.printf("ticks: expected %,d = received %,d + superseded (conflated away) %,d + lost %,d; "
            + "%,d arrived marked conflated; warm-up %,d, unnumbered (snapshots before the start) %,d, stale %,d, "
            + "mismatched %,d, other messages %,d; connections closed by the server %d; simulator refused %d%n",
            expected, received, superseded, lost, conflated, warmUp, foreign, stale, mismatched, other, closed,
            script.refused());
        if (journaled >= 0)
        {
            final long sent = plan.endSeq() - plan.windowStartSeq();
            o.printf("journal: %,d of the %,d measured ticks sent reached the system's in journal (%,d did not: the "
                + "simulator skips a connection the feed reads too slowly, the feed drops a tick when the ring is "
                + "full)%n", journaled, sent, sent - journaled);
        }
        if (lost > 0)
        {
            o.printf("WARNING: %,d ticks never arrived within the %d s drain (the system fell behind or dropped "
                + "them); each is recorded at the stop time, a lower bound%n", lost, drainS);
        }
        if (received + superseded + lost != expected)
        {
            o.printf("WARNING: received + superseded + lost = %,d, not the %,d expected%n",
                received + superseded + lost, expected);
        }
        if (!serverStages.isEmpty())
        {
            o.println("server-side over the measured window (the system's own latency log, 1 s intervals), us:");
            serverStages.forEach((stage, h) -> row(o, "  " + stage, h));
            final Histogram tickToWs = serverStages.get("tick_to_ws");
            if (tickToWs != null)
            {
                o.printf("%-44s %10s %9s %9s %9s %9s %9s %9s%n", "ratio server tick_to_ws / baseline", "",
                    ratio(tickToWs, halfRoundTrip, 50), ratio(tickToWs, halfRoundTrip, 90),
                    ratio(tickToWs, halfRoundTrip, 99), ratio(tickToWs, halfRoundTrip, 99.9),
                    ratio(tickToWs, halfRoundTrip, 99.99), "");
                verdict(o, tickToWs, haltPoll);
                final String woke = wakeNote(writeCost, serverStages.get("ws_write"));
                if (woke != null)
                {
                    o.println(woke);
                }
            }
        }
        if (server.isEmpty())
        {
            o.println("server-side: GET /api/latency answered 404 (this build of the gateway has no latency endpoint)");
        }
        else
        {
            if (serverStages.isEmpty())
            {
                o.println("server-side (GET /api/latency, since start: start-up and warm-up included), us:");
                for (final JsonNode stage : server.get().path("stages"))
                {
                    final JsonNode t = stage.path("total");
                    o.printf("  %-42s %10d %9s %9s %9s %9s %9s %9s%n", stage.path("name").asText(),
                        t.path("count").asLong(), num(t, "p50_us"), num(t, "p90_us"), num(t, "p99_us"),
                        num(t, "p999_us"), num(t, "p9999_us"), num(t, "max_us"));
                }
            }
            final JsonNode tp = server.get().path("throughput");
            o.printf("server-side since start: ws messages %,d, ws conflated %,d, ring full %,d, decode errors %,d%n",
                tp.path("ws_messages_total").asLong(), tp.path("ws_conflated_total").asLong(),
                tp.path("ring_full_total").asLong(), tp.path("decode_errors_total").asLong());
        }
        o.printf("feed: %,d binary frames, %,d malformed%n", brokerStatus.path("feed_frames").asLong(),
            brokerStatus.path("feed_malformed").asLong());
        o.printf(Locale.ROOT, "machine during the measured window: %d cpus, load average %.1f -> %.1f; CPU used: "
            + "system under test %.2f cores (its JVM; PostgreSQL not counted), rig (simulator + clients) %.2f "
            + "cores; guest halt polling %s%n",
            Runtime.getRuntime().availableProcessors(), windowLoad[0], windowLoad[1], windowCores[0], windowCores[1],
            haltPoll.describe());
        o.printf("machine noise before the run: %s%n", noise.describe());
        o.printf("loopback write before the run: %s%n", describeWriteCost());
        o.printf("system's core thread: %s%s%n", coreScheduling, windowCoreThread[0] < 0 ? "" :
            String.format(Locale.ROOT, "; in the measured window it ran %.1f%% of the time and waited for a CPU "
                + "%.2f%% (%.0f us per second)", windowCoreThread[0] * 100, windowCoreThread[1] * 100,
                windowCoreThread[1] * 1e6));

        write(runDir.resolve("tick-latency.txt"), ticks);
        write(runDir.resolve("loopback-half-rtt.txt"), halfRoundTrip);
        write(runDir.resolve("sender-lag.txt"), senderLag);
        final ObjectNode summary = json.createObjectNode();
        final ObjectNode scenario = summary.putObject("scenario");
        scenario.put("rate_per_s", rate).put("instruments", instruments).put("clients", clients)
            .put("subscriptions_per_client", subscriptions).put("mode", mode).put("warmup_s", warmupS)
            .put("duration_s", durationS).put("client_threads", clientThreads).put("ping_rate_per_s", pingRate)
            .put("wait_strategy", waitStrategy).put("journal_thread", journalThread)
            .put("feed_thread", feedThread).put("http_thread", httpThread).put("follower_spin_us", followerSpinUs)
            .put("event_loops", eventLoops).put("rig_nice", rigNice)
            .put("realtime_priority", realtimePriority).put("core_reservation", coreReservation)
            .put("halt_poll_ns", haltPollNs)
            .put("gateway_java_opts", gatewayJavaOpts)
            .put("window_start_seq", plan.windowStartSeq()).put("end_seq", plan.endSeq());
        summary.put("machine", machine());
        summary.put("core_thread_scheduling", coreScheduling);
        summary.putObject("machine_noise_before_run").put("threads", noise.threads()).put("seconds", noise.seconds())
            .put("lost_share", noise.lostShare()).put("gaps_over_20us_per_s", noise.over20usPerS())
            .put("gaps_over_50us_per_s", noise.over50usPerS()).put("gaps_over_100us_per_s", noise.over100usPerS())
            .put("longest_gap_us", noise.longestNs() / 1_000.0);
        if (writeCost != null)
        {
            summary.putObject("loopback_write_before_run").put("bytes", LoopbackWriteCost.MESSAGE_BYTES)
                .put("writes", writeCost.writes()).put("reader_asleep_p50_us", writeCost.wokeP50Ns() / 1_000.0)
                .put("reader_asleep_p99_us", writeCost.wokeP99Ns() / 1_000.0)
                .put("reader_polling_p50_us", writeCost.awakeP50Ns() / 1_000.0)
                .put("reader_polling_p99_us", writeCost.awakeP99Ns() / 1_000.0)
                .put("wake_up_us", writeCost.wakeUpNs() / 1_000.0);
        }
        else
        {
            summary.putObject("loopback_write_before_run").put("not_measured", writeCostMissing);
        }
        if (haltPollNow.isPresent())
        {
            summary.put("guest_halt_poll_ns", haltPollNow.getAsLong()).put("guest_halt_poll_in_use", haltPoll.inUse())
                .put("cpuidle_driver", haltPoll.cpuidleDriver().orElse(null));
        }
        summary.putObject("measured_window").put("load_average_start", windowLoad[0])
            .put("load_average_end", windowLoad[1]).put("system_under_test_cores", windowCores[0])
            .put("rig_cores", windowCores[1]).put("core_thread_cpu_share", windowCoreThread[0])
            .put("core_thread_wait_share", windowCoreThread[1]);
        summary.set("client_tick_latency_us", percentiles(ticks));
        summary.set("loopback_half_rtt_us", percentiles(halfRoundTrip));
        summary.set("sender_lag_us", percentiles(senderLag));
        summary.put("measured_ticks_journaled", journaled);
        final ObjectNode stagesNode = summary.putObject("server_stages_measured_window_us");
        serverStages.forEach((stage, h) -> stagesNode.set(stage, percentiles(h)));
        if (serverStages.containsKey("tick_to_ws"))
        {
            summary.put("target_tick_to_ws_p99_us", TARGET_P99_US).put("target_met",
                serverStages.get("tick_to_ws").getValueAtPercentile(99) <= TARGET_P99_US * 1_000L);
        }
        summary.putObject("counts").put("expected", expected).put("received", received)
            .put("superseded", superseded).put("lost", lost).put("marked_conflated", conflated).put("stale", stale)
            .put("warmup", warmUp).put("unnumbered", foreign).put("mismatched", mismatched).put("other_messages", other)
            .put("closed_connections", closed).put("simulator_refused", script.refused());
        summary.set("server_latency_since_start", server.orElse(null));
        summary.set("broker_status", brokerStatus);
        json.writeValue(runDir.resolve("summary.json").toFile(), summary);
        o.printf("rig: wrote %s (summary.json, tick-latency.hlog, *.txt percentile distributions)%n", runDir);
    }

    /**
     * Says how the run compares with the end-to-end target, and which of the machine settings that decide the tail
     * (benchmarks/README.md, "Fewer and cheaper hand-offs") it ran without.
     */
    private void verdict(final PrintStream o, final Histogram tickToWs, final HaltPoll haltPoll)
    {
        final double p99 = tickToWs.getValueAtPercentile(99) / 1_000.0;
        o.printf(Locale.ROOT, "target: server-side tick_to_ws p99 <= %d us (set for 100 clients; this run %d): "
            + "%.1f us, %s%n", TARGET_P99_US, clients, p99, p99 <= TARGET_P99_US ? "met" :
            String.format(Locale.ROOT, "missed by %.1fx", p99 / TARGET_P99_US));
        final boolean unscheduled = realtimePriority == null && !coreReservedAtEnd;
        final boolean haltPollOff = haltPoll.inUse() && haltPoll.read().orElse(-1) == 0;
        if (unscheduled || haltPollOff)
        {
            o.printf("hint: the tail depends on machine settings this run went without: %s%s (README.md, \"Tuning a "
                + "machine for latency\")%n", unscheduled ? "neither the core thread's reservation nor "
                + "--realtime-priority" : "", haltPollOff ?
                    (unscheduled ? " and " : "") + "the VM's halt polling off (--halt-poll-ns)" : "");
        }
        final String noisy = noiseNote(noise);
        if (noisy != null)
        {
            o.println(noisy);
        }
    }

    /**
     * @return what the machine's noise alone does to the tail, or null when it is too little to move the p99: a tick
     *         whose path (tens of µs) overlaps a gap over 50 µs is held that long, and at more than 50 such gaps a
     *         second on each CPU that is over half a percent of ticks.
     */
    static String noiseNote(final MachineNoise.Result noise)
    {
        final double share = noise.over50usPerS() * 100e-6;
        if (share < 0.005)
        {
            return null;
        }
        return String.format(Locale.ROOT, "note: before the run the host or the kernel took more than 50 us from each "
            + "CPU %.0f times a second: about %.1f%% of ticks meet such a gap whatever the system does, so the p99 "
            + "here holds the machine's noise (see 'machine noise' below)", noise.over50usPerS(), share * 100);
    }

    /**
     * @return what waking a sleeping client adds to the {@code ws_write} stage on this machine, or null when it is
     *         too little to matter (under 10 µs) or was not measured.
     */
    static String wakeNote(final LoopbackWriteCost.Result cost, final Histogram wsWrite)
    {
        if (cost == null || cost.wakeUpNs() < WAKE_NOTE_NS)
        {
            return null;
        }
        return String.format(Locale.ROOT, "note: here a write that wakes a client asleep on loopback costs the writer "
            + "%.1f us more than one to a client that polls (see 'loopback write' below); the rig's clients sleep "
            + "between their ticks, so each tick written to one the kernel wakes on another CPU carries it in "
            + "ws_write%s, which a client on another machine does not cost the server; that one bare write had a p99 "
            + "of %.1f us (%.0f%% of the %d us target for the whole path)", cost.wakeUpNs() / 1_000.0,
            wsWrite == null ? "" :
            String.format(Locale.ROOT, " (p50 %.1f us)", wsWrite.getValueAtPercentile(50) / 1_000.0),
            cost.wokeP99Ns() / 1_000.0, cost.wokeP99Ns() / 10.0 / TARGET_P99_US, TARGET_P99_US);
    }

    private void measureWriteCost() throws InterruptedException
    {
        try
        {
            writeCost = LoopbackWriteCost.measure(WRITE_COST_WRITES, TimeUnit.MILLISECONDS.toNanos(1));
        }
        catch (final IOException ex)
        {
            writeCostMissing = ex.getMessage();
        }
    }

    private String describeWriteCost()
    {
        return writeCost != null ? writeCost.describe() : "not measured: " + writeCostMissing;
    }

    /** @return CPU time a process used so far, ns; 0 when the platform does not tell. */
    private static long cpuNs(final long pid)
    {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(java.time.Duration::toNanos)
            .orElse(0L);
    }

    private static double loadAverage()
    {
        try
        {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    private static String machine()
    {
        final double[] load = new double[1];
        try
        {
            final String loadavg = Files.readString(Path.of("/proc/loadavg")).trim();
            load[0] = Double.parseDouble(loadavg.split(" ")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            load[0] = -1;
        }
        return Runtime.getRuntime().availableProcessors() + " cpus, load average " + load[0] + ", Java " +
            Runtime.version();
    }

    private ObjectNode percentiles(final Histogram h)
    {
        final ObjectNode node = json.createObjectNode();
        node.put("count", h.getTotalCount());
        for (final double p : PERCENTILES)
        {
            node.put("p" + (p == Math.rint(p) ? Long.toString((long)p) : Double.toString(p).replace(".", "")),
                h.getValueAtPercentile(p) / 1000.0);
        }
        node.put("max", h.getMaxValue() / 1000.0);
        node.put("mean", h.getMean() / 1000.0);
        final ArrayNode distribution = node.putArray("distribution");
        for (final double p : new double[] {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100})
        {
            distribution.addObject().put("percentile", p).put("value_us", h.getValueAtPercentile(p) / 1000.0);
        }
        return node;
    }

    private static void write(final Path file, final Histogram h) throws IOException
    {
        try (PrintStream p = new PrintStream(file.toFile(), StandardCharsets.UTF_8))
        {
            h.outputPercentileDistribution(p, 5, 1000.0);
        }
    }

    private static void row(final PrintStream o, final String name, final Histogram h)
    {
        o.printf("%-44s %10d %9s %9s %9s %9s %9s %9s%n", name, h.getTotalCount(),
            us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
            us(h.getValueAtPercentile(99.9)), us(h.getValueAtPercentile(99.99)), us(h.getMaxValue()));
    }

    private static String ratio(final Histogram a, final Histogram b, final double p)
    {
        return String.format(Locale.ROOT, "%.1fx", (double)a.getValueAtPercentile(p) /
            Math.max(1, b.getValueAtPercentile(p)));
    }

    private static String us(final long ns)
    {
        return ns >= 10_000_000 ? String.format(Locale.ROOT, "%,d", ns / 1000) :
            String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }

    private static String num(final JsonNode node, final String field)
    {
        final JsonNode v = node.get(field);
        return v == null || v.isNull() ? "-" : String.format(Locale.ROOT, "%.1f", v.asDouble());
    }

    /** Sets the nice value of every thread of this JVM (threads started later inherit it from their creator). */
    private void renice(final int nice) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            tasks.forEach(task -> command.add(task.getFileName().toString()));
        }
        final Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (renice.waitFor() != 0)
        {
            throw new IOException("renice failed: " + output.trim());
        }
        spec.commandLine().getOut().printf("rig: own threads at nice %d%n", nice);
    }
}
