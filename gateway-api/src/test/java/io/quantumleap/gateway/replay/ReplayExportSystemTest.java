package io.quantumleap.gateway.replay;

import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayExportSystemTest
{
    private static final long INFY = 408065;
    private static final long FED_NEVER_DEFINED = 777_001;

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of("quantumleap.replay.max-concurrent", 1));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.quotedEquity(INFY, "INFY", 150_000, 1000, 149_000);
        final Commands commands = new Commands();
        app.bean(EngineCommands.class).publish(commands.buffer(), 0, commands.tick(
            System.currentTimeMillis() * 1_000_000L, FED_NEVER_DEFINED, TickMode.QUOTE, 10_000, 5, 9_900));
        GatewayFixture.await("the undefined token's tick in the journal", Duration.ofSeconds(10),
            () -> export("[\"" + FED_NEVER_DEFINED + "\"]").body().lines().count() > 1);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldRefuseATokenTheJournalNeitherDefinesNorHoldsAnythingAboutNamingWhatItDefines()
    {
        final HttpResponse<String> never = export("[\"NSE:INFY\",\"12345\"]");

        assertEquals(400, never.statusCode(), never.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 12345: the journal defines no such " +
            "instrument and holds nothing about it (it defines 1: 408065 NSE:INFY)\",\"instruments\":[\"12345\"]}",
            never.body());
    }

    @Test
    void shouldRefuseEveryInstrumentTheJournalKnowsNothingOfNamingThemAllInTheMessageAndInInstruments()
    {
        final HttpResponse<String> never = export("[\"12345\",\"NSE:INFY\",\"NSE:NOPE\",\"" + FED_NEVER_DEFINED +
            "\",\"23456\",\"12345\"]");

        assertEquals(400, never.statusCode(), never.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 12345, NSE:NOPE, 23456: the journal " +
            "defines none of these 3 instruments and holds nothing about the tokens among them (it defines 1: 408065 " +
            "NSE:INFY)\",\"instruments\":[\"12345\",\"NSE:NOPE\",\"23456\"]}", never.body());
    }

    @Test
    void shouldRefuseEveryInstrumentOfNeitherFormNamingThemAllInTheMessageAndInInstruments()
    {
        final HttpResponse<String> malformed = export("[\"INFY\",\"NSE:INFY\",\"4294967296\",\"NSE:\",\"INFY\"]");

        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 'INFY', 'NSE:': none of these 2 is " +
            "EXCHANGE:SYMBOL (NSE:INFY) or an instrument token (408065); '4294967296': not an instrument token: a " +
            "token is 1 to 4294967295 (Kite's are 32-bit)\",\"instruments\":[\"INFY\",\"4294967296\",\"NSE:\"]}",
            malformed.body());
    }

    @Test
    void shouldRefuseInstrumentsOfNeitherFormAndThoseTheJournalKnowsNothingOfInOneAnswer()
    {
        final HttpResponse<String> mixed = export("[\"12345\",\"INFY\",\"NSE:INFY\",\"NSE:NOPE\",\"0\"]");

        assertEquals(400, mixed.statusCode(), mixed.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 'INFY': neither EXCHANGE:SYMBOL " +
            "(NSE:INFY) nor an instrument token (408065); '0': not an instrument token: a token is 1 to 4294967295 " +
            "(Kite's are 32-bit); 12345, NSE:NOPE: the journal defines none of these 2 instruments and holds nothing " +
            "about the tokens among them (it defines 1: 408065 NSE:INFY)\",\"instruments\":[\"12345\",\"INFY\"," +
            "\"NSE:NOPE\",\"0\"]}", mixed.body());
    }

    @Test
    void shouldRefuseInstrumentsOfNeitherFormWhenEveryReplayIsRunningNotWithTheBusyAnswer()
    {
        final ReplayController replays = app.bean(ReplayController.class);
        final HttpResponse<String> refused;
        final HttpResponse<String> skipped;
        final HttpResponse<String> wellFormed;
        replays.startReplay();
        try
        {
            refused = export("[\"12345\",\"INFY\",\"NSE:INFY\",\"0\"]");
            skipped = export("?unknown_instruments=skip", "[\"12345\",\"NSE:\"]");
            wellFormed = export("[\"NSE:INFY\",\"12345\"]");
        }
        finally
        {
            replays.endReplay();
        }

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 'INFY': neither EXCHANGE:SYMBOL " +
            "(NSE:INFY) nor an instrument token (408065); '0': not an instrument token: a token is 1 to 4294967295 " +
            "(Kite's are 32-bit); the others are not looked up in the journal while 1 journal replay is running " +
            "(state rebuilds and exports), the most at once\",\"instruments\":[\"INFY\",\"0\"]}", refused.body());
        assertEquals(400, skipped.statusCode(), skipped.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 'NSE:': neither EXCHANGE:SYMBOL " +
            "(NSE:INFY) nor an instrument token (408065)\",\"instruments\":[\"NSE:\"]}", skipped.body());
        assertEquals(429, wellFormed.statusCode(), wellFormed.body());
    }

    @Test
    void shouldRefuseAJournalIndexOrATokenWrittenInDevanagariDigitsNamingTheField() throws Exception
    {
        final String notATime = "' is not a time: give an instant like 2026-11-30T09:15:00Z, or an IST date-time " +
            "like 2026-11-30T14:45 (or 2026-11-30 14:45:00, as Kite writes it) or a date like 2026-11-30, or a " +
            "journal index like 89279485182754 (in the digits 0-9, as /api/replay/state's last_index and qleap " +
            "replay give it)\"}";
        final HttpResponse<String> from = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"ticks\",\"from\":\"१२३\"}");
        final HttpResponse<String> to = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"ticks\",\"to\":\"१२३\"}");
        final HttpResponse<String> at = app.send("GET", "/api/replay/state?at=" +
            URLEncoder.encode("१२३", StandardCharsets.UTF_8), admin, null);
        final HttpResponse<String> token = export("[\"४०८०६५\"]");

        assertEquals(400, from.statusCode(), from.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"from: '१२३" + notATime, from.body());
        assertEquals(400, to.statusCode(), to.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"to: '१२३" + notATime, to.body());
        assertEquals(400, at.statusCode(), at.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"at: '१२३" + notATime, at.body());
        assertEquals(400, token.statusCode(), token.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: '४०८०६५': neither EXCHANGE:SYMBOL " +
            "(NSE:INFY) nor an instrument token (408065)\",\"instruments\":[\"४०८०६५\"]}", token.body());
    }

    @Test
    void shouldRefuseASymbolTheJournalDoesNotDefineNamingWhatItDefines()
    {
        final HttpResponse<String> unknown = export("[\"NSE:NOPE\"]");

        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: NSE:NOPE: the journal defines no such " +
            "instrument (it defines 1: 408065 NSE:INFY)\",\"instruments\":[\"NSE:NOPE\"]}", unknown.body());
    }

    @Test
    void shouldExportATokenFedButNeverDefinedWithNoSymbol()
    {
        final HttpResponse<String> fed = export("[\"" + FED_NEVER_DEFINED + "\"]");

        assertEquals(200, fed.statusCode(), fed.body());
        assertTrue(fed.body().lines().count() > 1, fed.body());
        assertTrue(fed.body().lines().skip(1).allMatch(l -> l.contains("," + FED_NEVER_DEFINED + ",,")), fed.body());
    }

    @Test
    void shouldExportASymbolTheJournalDefinesInAnyCaseAndFreeTheReplayAfterARefusal()
    {
        final HttpResponse<String> refused = export("[\"99\"]");
        final HttpResponse<String> infy = export("[\"nse:infy\"]");

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(200, infy.statusCode(), infy.body());
        assertTrue(infy.body().lines().count() > 1, infy.body());
        assertTrue(infy.body().lines().skip(1).allMatch(l -> l.contains("," + INFY + ",NSE:INFY,")), infy.body());
    }

    @Test
    void shouldExportTheInstrumentsTheJournalKnowsAndNameThoseLeftOutInAHeaderWhenAskedToSkipThem()
    {
        final HttpResponse<String> skipped = export("?unknown_instruments=skip", "[\"12345\",\"nse:infy\"," +
            "\"NSE:NO PE,X\",\"NSE:टाटा\",\"12345\"]");

        assertEquals(200, skipped.statusCode(), skipped.body());
        assertEquals(List.of("12345,NSE:NO%20PE%2CX,NSE:%E0%A4%9F%E0%A4%BE%E0%A4%9F%E0%A4%BE"),
            skipped.headers().allValues("X-Unknown-Instruments"));
        assertEquals(List.of("3"), skipped.headers().allValues("X-Unknown-Instruments-Count"));
        assertTrue(skipped.body().startsWith("index,timestampNs,instrumentToken,symbol,"), skipped.body());
        assertTrue(skipped.body().lines().count() > 1, skipped.body());
        assertTrue(skipped.body().lines().skip(1).allMatch(l -> l.contains("," + INFY + ",NSE:INFY,")),
            skipped.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNameTheFirstWholeInstrumentsLeftOutThatFitIn8KiBAndCountThemAll() throws Exception
    {
        final List<String> leftOut = IntStream.range(0, 150).mapToObj(i -> "NSE:टाटामोटर्स" + i).toList();
        final List<String> asked = new ArrayList<>(leftOut);
        asked.add(1, "NSE:INFY");
        final String instruments = asked.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]"));

        final HttpResponse<String> skipped = export("?unknown_instruments=skip", instruments);

        assertEquals(200, skipped.statusCode(), skipped.body());
        final List<String> header = skipped.headers().allValues("X-Unknown-Instruments");
        assertEquals(1, header.size(), header.toString());
        final String value = header.get(0);
        assertTrue(value.length() <= 8192, value.length() + " characters");
        assertEquals(List.of("150"), skipped.headers().allValues("X-Unknown-Instruments-Count"));
        final List<String> named = Arrays.stream(value.split(",")).map(n -> URLDecoder.decode(n,
            StandardCharsets.UTF_8)).toList();
        assertTrue(named.size() > 50 && named.size() < 150, named.size() + " named");
        assertEquals(leftOut.subList(0, named.size()), named);
        final String next = URLEncoder.encode(leftOut.get(named.size()), StandardCharsets.UTF_8).replace("%3A", ":");
        assertTrue(value.length() + 1 + next.length() > 8192, value.length() + " characters, the next " + next);
        assertTrue(skipped.body().lines().skip(1).allMatch(l -> l.contains("," + INFY + ",NSE:INFY,")),
            skipped.body());
        final List<Map<String, Object>> audit = new Yaml().load(app.send("GET", "/api/audit?type=EXPORT&limit=1",
            admin, null).body());
        final Map<String, Object> detail = (Map<String, Object>)audit.get(0).get("detail");
        assertEquals(150, detail.get("left_out_count"));
        assertEquals(leftOut, detail.get("left_out"));
    }

    @Test
    void shouldExportTheTableWithNoRowsWhenSkippingEveryInstrumentAskedFor()
    {
        final HttpResponse<String> none = export("?unknown_instruments=SKIP", "[\"12345\",\"NSE:NOPE\"]");

        assertEquals(200, none.statusCode(), none.body());
        assertEquals(List.of("12345,NSE:NOPE"), none.headers().allValues("X-Unknown-Instruments"));
        assertEquals(List.of("2"), none.headers().allValues("X-Unknown-Instruments-Count"));
        assertEquals(1, none.body().lines().count(), none.body());
        assertTrue(none.body().startsWith("index,timestampNs,instrumentToken,symbol,"), none.body());
    }

    @Test
    void shouldSendNoUnknownInstrumentsHeaderWhenNoneIsLeftOut()
    {
        final HttpResponse<String> known = export("?unknown_instruments=skip", "[\"NSE:INFY\"]");
        final HttpResponse<String> all = export("?unknown_instruments=skip", "[]");

        assertEquals(200, known.statusCode(), known.body());
        assertEquals(List.of(), known.headers().allValues("X-Unknown-Instruments"));
        assertEquals(List.of("0"), known.headers().allValues("X-Unknown-Instruments-Count"));
        assertEquals(200, all.statusCode(), all.body());
        assertEquals(List.of(), all.headers().allValues("X-Unknown-Instruments"));
        assertEquals(List.of("0"), all.headers().allValues("X-Unknown-Instruments-Count"));
        assertTrue(all.body().lines().anyMatch(l -> l.contains("," + FED_NEVER_DEFINED + ",,")), all.body());
    }

    @Test
    void shouldRefuseUnknownInstrumentsUnlessAskedToSkipThemAndInstrumentsOfNeitherFormEitherWay()
    {
        final HttpResponse<String> refused = export("?unknown_instruments=refuse", "[\"NSE:INFY\",\"12345\"]");
        final HttpResponse<String> malformed = export("?unknown_instruments=skip", "[\"12345\",\"INFY\"]");
        final HttpResponse<String> other = export("?unknown_instruments=drop", "[\"12345\"]");

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 12345: the journal defines no such " +
            "instrument and holds nothing about it (it defines 1: 408065 NSE:INFY)\",\"instruments\":[\"12345\"]}",
            refused.body());
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"instruments: 'INFY': neither EXCHANGE:SYMBOL " +
            "(NSE:INFY) nor an instrument token (408065)\",\"instruments\":[\"INFY\"]}", malformed.body());
        assertEquals(List.of(), malformed.headers().allValues("X-Unknown-Instruments"));
        assertEquals(400, other.statusCode(), other.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"unknown_instruments: 'drop' is not one of " +
            "refuse, skip\"}", other.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeTheOptionToSkipUnknownInstrumentsAndItsHeaderInTheOpenApiDocument() throws Exception
    {
        final HttpResponse<String> yaml = app.send("GET", "/api/openapi.yml", null, null);
        final Map<String, Object> export = (Map<String, Object>)((Map<String, Object>)((Map<String, Object>)
            new Yaml().<Map<String, Object>>load(yaml.body()).get("paths")).get("/api/replay/export")).get("post");

        final List<Map<String, Object>> parameters = (List<Map<String, Object>>)export.get("parameters");
        assertEquals(List.of("unknown_instruments"), parameters.stream().map(p -> p.get("name")).toList());
        assertEquals("query", parameters.get(0).get("in"));
        assertEquals(List.of("refuse", "skip"), ((Map<String, Object>)parameters.get(0).get("schema")).get("enum"));
        final Map<String, Object> ok = (Map<String, Object>)((Map<String, Object>)export.get("responses")).get("200");
        assertTrue(((Map<String, Object>)ok.get("headers")).containsKey("X-Unknown-Instruments"), ok.toString());
    }

    private static HttpResponse<String> export(final String instruments)
    {
        return export("", instruments);
    }

    private static HttpResponse<String> export(final String query, final String instruments)
    {
        try
        {
            return app.send("POST", "/api/replay/export" + query, admin, "{\"table\":\"ticks\",\"instruments\":" +
                instruments + "}");
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }
}
