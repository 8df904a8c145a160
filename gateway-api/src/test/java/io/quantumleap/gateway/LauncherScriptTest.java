package io.quantumleap.gateway;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherScriptTest
{
    private static final String NO_JAVA = "qleap: Java 17+ is required";

    @TempDir
    static Path tools;

    private static Path script;

    @BeforeAll
    static void onlyTheShellOnThePath() throws IOException
    {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("qleap")) || !Files.isRegularFile(dir.resolve("pom.xml")))
        {
            dir = dir.getParent();
        }
        script = dir.resolve("qleap");
        for (final String tool : List.of("bash", "dirname", "cat"))
        {
            final Path wrapper = Files.writeString(tools.resolve(tool),
                "#!/bin/sh\nexec '" + onPath(tool) + "' \"$@\"\n");
            assertTrue(wrapper.toFile().setExecutable(true));
        }
    }

    private static Path onPath(final String tool)
    {
        for (final String dir : System.getenv("PATH").split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not on the PATH");
    }

    private record Outcome(int code, String out, String err)
    {
    }

    private static Outcome qleap(final String... args) throws Exception
    {
        return launch(script, Path.of("").toAbsolutePath(), tools.toString(), java.util.Map.of(), args);
    }

    private static Outcome launch(
        final Path launcher,
        final Path folder,
        final String path,
        final java.util.Map<String, String> environment,
        final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().keySet().removeIf((name) -> name.startsWith("QLEAP_"));
        builder.environment().putAll(environment);
        builder.environment().put("PATH", path);
        final Path out = Files.createTempFile(tools, "out", ".txt");
        final Path err = Files.createTempFile(tools, "err", ".txt");
        final Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "./qleap " + String.join(" ", args) + " still runs");
        }
        finally
        {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "test", "e2e", "kite-js", "build", "bench"})
    void shouldAnswerHelpWithTheCommandsUsageAndDoNothingElse(final String cmd) throws Exception
    {
        for (final String help : List.of("--help", "-h"))
        {
            final Outcome outcome = qleap(cmd, help);
            assertEquals(0, outcome.code(), cmd + " " + help + ": " + outcome);
            assertTrue(outcome.out().startsWith("Usage: ./qleap " + cmd), outcome.out());
            assertEquals("", outcome.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "test", "e2e", "kite-js", "build", "bench"})
    void shouldRefuseAnUnknownOptionInOneLineBeforeBuildingAnything(final String cmd) throws Exception
    {
        final Outcome outcome = qleap(cmd, "--bogus");
        assertEquals(2, outcome.code(), outcome.toString());
        assertEquals("qleap " + cmd + ": unknown option '--bogus'; see ./qleap " + cmd + " --help\n", outcome.err());
        assertEquals("", outcome.out());
    }

    @Test
    void shouldRefuseABenchOptionOfTwoDashesOtherThanAFirstQuick() throws Exception
    {
        for (final List<String> args : List.of(List.of("bench", "--quick", "--bogus"),
            List.of("bench", "Codec", "--quick")))
        {
            final Outcome outcome = qleap(args.toArray(String[]::new));
            assertEquals(2, outcome.code(), args + ": " + outcome);
            assertEquals("qleap bench: unknown option '" + args.get(2) + "'; see ./qleap bench --help\n",
                outcome.err());
        }
    }

    @Test
    void shouldRefuseAMissingOrUnknownRole() throws Exception
    {
        for (final List<String> args : List.of(List.of("run", "--role"), List.of("run", "--role="),
            List.of("run", "--role", "--bogus")))
        {
            final Outcome outcome = qleap(args.toArray(String[]::new));
            assertEquals(2, outcome.code(), outcome.toString());
            assertEquals("qleap run: --role needs a value: all, engine or gateway; see ./qleap run --help\n",
                outcome.err());
        }
        final Outcome outcome = qleap("run", "--role", "bogus");
        assertEquals(2, outcome.code(), outcome.toString());
        assertEquals("qleap run: --role 'bogus': expected all, engine or gateway; see ./qleap run --help\n",
            outcome.err());
    }

    @Test
    void shouldRefuseAnArgumentACommandDoesNotTake() throws Exception
    {
        final Outcome outcome = qleap("test", "everything");
        assertEquals(2, outcome.code(), outcome.toString());
        assertEquals("qleap test: unexpected argument 'everything'; see ./qleap test --help\n", outcome.err());
        final Outcome unknown = qleap("tset");
        assertEquals(2, unknown.code(), unknown.toString());
        assertEquals("qleap: unknown command 'tset'; see ./qleap help\n", unknown.err());
    }

    @Test
    void shouldTakeTheDocumentedArgumentsOnToTheBuild() throws Exception
    {
        for (final List<String> args : List.of(List.of("run"), List.of("run", "--role", "engine"),
            List.of("run", "--role=gateway"), List.of("run", "--role", "ALL"), List.of("test"), List.of("build"),
            List.of("bench", "--quick", "Codec"), List.of("bench", "rig", "--help"), List.of("sim", "--help"),
            List.of("replay", "--verify")))
        {
            final Outcome outcome = qleap(args.toArray(String[]::new));
            assertEquals(1, outcome.code(), args + ": " + outcome);
            assertTrue(outcome.err().startsWith(NO_JAVA), args + ": " + outcome.err());
        }
    }

    @Test
    void shouldAnswerHelpForACommandWithOptionsOfItsOwnAsThatCommandsHelp() throws Exception
    {
        for (final List<String> args : List.of(List.of("replay"), List.of("sim"), List.of("bench", "rig")))
        {
            final List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(args);
            final List<String> own = new ArrayList<>(args);
            own.add("--help");
            final Outcome viaHelp = qleap(help.toArray(String[]::new));
            assertEquals(qleap(own.toArray(String[]::new)), viaHelp, help.toString());
            assertEquals(1, viaHelp.code(), help + ": " + viaHelp);
            assertTrue(viaHelp.err().startsWith(NO_JAVA), help + ": " + viaHelp.err());
        }
    }

    private static String fakeCheckout(final Path checkout) throws IOException
    {
        final Path launcher = Files.copy(script, checkout.resolve("qleap"));
        assertTrue(launcher.toFile().setExecutable(true));
        Files.createDirectories(checkout.resolve("gateway-api/target"));
        Files.createDirectories(checkout.resolve("benchmarks/target"));
        Files.writeString(checkout.resolve("gateway-api/target/.qleap-built"), "");
        Files.writeString(checkout.resolve("gateway-api/target/jvm.options"), "-Dqleap.test=1\n");
        Files.writeString(checkout.resolve("benchmarks/target/jvm.options"), "-Dqleap.test=1\n");
        Files.writeString(checkout.resolve("benchmarks/target/benchmarks.jar"), "");
        final Path fakes = Files.createDirectories(checkout.resolve("fakes"));
        Files.writeString(fakes.resolve("java"), """
            #!/bin/sh
            case "$*" in *-XshowSettings*) echo "    java.specification.version = 17" >&2; exit 0 ;; esac
            echo "cwd=$(pwd)"
            echo "data=${QLEAP_DATA_DIR:-}"
            echo "aeron=${QLEAP_AERON_DIR:-}"
            echo "dashboard=${QLEAP_DASHBOARD_DIR:-}"
            for arg in "$@"; do echo "arg=$arg"; done
            """);
        Files.writeString(fakes.resolve("mvn"), "#!/bin/sh\nexit 1\n");
        for (final String tool : List.of("awk", "mkdir", "date"))
        {
            Files.writeString(fakes.resolve(tool), "#!/bin/sh\nexec '" + onPath(tool) + "' \"$@\"\n");
        }
        for (final String fake : List.of("java", "mvn", "awk", "mkdir", "date"))
        {
            assertTrue(fakes.resolve(fake).toFile().setExecutable(true));
        }
        return tools + File.pathSeparator + fakes;
    }

    @Test
    void shouldResolveThePathsGivenAgainstTheFolderItIsRunFromAndItsOwnFilesAgainstTheCheckout(
        @TempDir final Path checkout, @TempDir final Path caller) throws Exception
    {
        final String path = fakeCheckout(checkout);
        final Path launcher = checkout.resolve("qleap");
        final java.util.Map<String, String> relative = java.util.Map.of("QLEAP_DATA_DIR", "rel-data",
            "QLEAP_AERON_DIR", "rel-aeron");

        final Outcome replay = launch(launcher, caller, path, relative, "replay", "--export", "fills", "--out",
            "rel-fills.csv", "--journal", "../j");
        assertEquals(0, replay.code(), replay.toString());
        final List<String> seen = replay.out().lines().toList();
        assertTrue(seen.contains("cwd=" + caller), replay.out());
        assertTrue(seen.contains("data=" + caller.resolve("rel-data")), replay.out());
        assertTrue(seen.contains("aeron=" + caller.resolve("rel-aeron")), replay.out());
        assertTrue(seen.contains("arg=rel-fills.csv") && seen.contains("arg=../j"), replay.out());
        assertTrue(seen.contains("arg=" + checkout + "/gateway-api/target/classes:" + checkout +
            "/gateway-api/target/lib/*"), replay.out());

        final Outcome replayOnDefaults = launch(launcher, caller, path, java.util.Map.of(), "replay", "--verify");
        assertTrue(replayOnDefaults.out().lines().anyMatch(("data=" + checkout.resolve("data"))::equals),
            replayOnDefaults.out());

        final Outcome sim = launch(launcher, caller, path, java.util.Map.of(), "sim", "--book", "book.json");
        assertTrue(sim.out().lines().anyMatch(("cwd=" + caller)::equals), sim.out());

        final Outcome run = launch(launcher, caller, path, relative, "run");
        assertTrue(run.out().lines().anyMatch(("data=" + caller.resolve("rel-data"))::equals), run.out());
        assertTrue(run.out().lines().anyMatch(("aeron=" + caller.resolve("rel-aeron"))::equals), run.out());

        final Outcome runOnDefaults = launch(launcher, checkout, path, java.util.Map.of(), "run");
        assertEquals(List.of("cwd=" + checkout, "data=" + checkout.resolve("data"), "aeron="),
            runOnDefaults.out().lines().limit(3).toList(), runOnDefaults.out());

        final Outcome rig = launch(launcher, caller, path, java.util.Map.of(), "bench", "rig", "--out", "rig-runs",
            "--gateway-dir=gw");
        assertTrue(rig.out().lines().anyMatch("arg=rig-runs"::equals), rig.out());
        assertTrue(rig.out().lines().anyMatch("arg=--gateway-dir=gw"::equals), rig.out());
        assertTrue(rig.out().lines().anyMatch(("cwd=" + caller)::equals), rig.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "run --role engine", "sim", "replay --verify", "bench rig", "bench Journal",
        "bench --quick"})
    void shouldRunEveryJavaCommandInTheFolderItIsRunFromSoRelativePathsInTheJavaOptionsAreTakenFromThere(
        final String command, @TempDir final Path checkout, @TempDir final Path caller) throws Exception
    {
        final String path = fakeCheckout(checkout);

        final Outcome outcome = launch(checkout.resolve("qleap"), caller, path,
            java.util.Map.of("QLEAP_JAVA_OPTS", "-Dqleap.test.file=./x"), command.split(" "));

        final List<String> seen = outcome.out().lines().toList();
        assertTrue(seen.contains("cwd=" + caller), outcome.toString());
        assertTrue(seen.stream().filter((line) -> line.contains("target")).allMatch((line) ->
            line.startsWith("arg=" + checkout + "/")), outcome.toString());
        if (List.of("run", "sim", "replay").contains(command.split(" ")[0]))
        {
            assertTrue(seen.contains("arg=-Dqleap.test.file=./x"), outcome.toString());
        }
        if (command.startsWith("run"))
        {
            assertTrue(seen.contains("data=" + checkout.resolve("data")), outcome.toString());
            assertTrue(seen.contains("dashboard=" + checkout.resolve("frontend/dist")), outcome.toString());
        }
        if (command.equals("bench rig"))
        {
            assertTrue(seen.contains("arg=-Dqleap.checkout=" + checkout), outcome.toString());
        }
    }

    @Test
    void shouldShowACommandsUsageThroughHelp() throws Exception
    {
        assertTrue(qleap("help").out().startsWith("Usage: ./qleap <command> [args]"));
        assertTrue(qleap("help", "run").out().startsWith("Usage: ./qleap run [--role all|engine|gateway]"));
        final Outcome unknown = qleap("help", "nope");
        assertEquals(2, unknown.code(), unknown.toString());
        assertEquals("qleap help: unknown command 'nope'; see ./qleap help --help\n", unknown.err());
    }
}
