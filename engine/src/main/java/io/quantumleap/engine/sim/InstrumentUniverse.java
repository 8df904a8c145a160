package io.quantumleap.engine.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated instrument dump, built once from a seed and the trading date: real NSE rows (a few well-known
 * stocks and the NSE equity rows of the Kite mocks), seeded plausible equities, the NIFTY 50, NIFTY BANK and
 * SENSEX indices, NFO futures and options on the NSE indices and on a few stocks, BSE listings of the well-known
 * stocks and of the BSE rows of the mocks, BFO SENSEX futures and weekly options, CDS currency futures (USDINR,
 * EURINR, GBPINR, JPYINR) and MCX commodity futures (CRUDEOIL, NATURALGAS, GOLD, GOLDM, SILVER). Tokens follow
 * exchange_token x 256 + segment. Immutable after construction, so any thread may read it.
 */
final class InstrumentUniverse
{
    static final String CSV_HEADER =
        "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size," +
        "instrument_type,segment,exchange";

    private static final long EQUITY_FREEZE_QTY = 100_000;
    private static final String[] MONTHS =
        { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };

    /**
     * Well-known stocks with their real NSE exchange tokens, a base price in paise, an F&amp;O lot size and their
     * BSE scrip code (0 when not listed there).
     */
    private static final Object[][] KNOWN_STOCKS = {
        { "INFY", "INFOSYS", 1594L, 1_512_40L, 400, 500209L },
        { "SBIN", "STATE BANK OF INDIA", 3045L, 812_55L, 750, 500112L },
        { "RELIANCE", "RELIANCE INDUSTRIES", 2885L, 1_398_20L, 500, 500325L },
        { "TCS", "TATA CONSULTANCY SERV LT", 11536L, 3_412_75L, 175, 532540L },
        { "HDFCBANK", "HDFC BANK", 1333L, 1_702_30L, 550, 500180L },
        { "ICICIBANK", "ICICI BANK", 4963L, 1_251_60L, 700, 532174L },
        { "AARON", "AARON INDUSTRIES", 1030L, 352_35L, 0, 0L },
    };

    /** CDS futures: pair, close in 1/10^7 rupee, tick 0.0025; quantity in lots of 1000 units of the base. */
    private static final Object[][] CURRENCY_PAIRS = {
        { "USDINR", 884_500_000L },
        { "EURINR", 1_022_500_000L },
        { "GBPINR", 1_165_000_000L },
        { "JPYINR", 575_000_000L },
    };
    private static final long CURRENCY_TICK = 25_000;
    private static final long CURRENCY_MULTIPLIER = 1_000;
    private static final long CURRENCY_FREEZE_LOTS = 10_000;

    /**
     * MCX futures (MARKET.md section 3): symbol, name, close in paise, tick in paise, multiplier (Kite's quantity is
     * in lots, lot_size 1) and the day of month the contract expires on.
     */
    private static final Object[][] COMMODITIES = {
        { "CRUDEOIL", "CRUDE OIL", 5_850_00L, 100L, 100L, 19 },
        { "NATURALGAS", "NATURAL GAS", 365_50L, 10L, 1_250L, 26 },
        { "GOLD", "GOLD", 128_500_00L, 100L, 100L, 5 },
        { "GOLDM", "GOLD MINI", 128_450_00L, 100L, 10L, 5 },
        { "SILVER", "SILVER", 155_000_00L, 100L, 30L, 5 },
    };

    private static final String[] PREFIXES = {
        "ADI", "AMB", "ANU", "ARA", "ARJ", "ASH", "BAL", "BHA", "CHA", "DEV", "DHA", "GAN", "GIR", "GOV", "HAR", "HIM",
        "IND", "JAI", "KAL", "KAM", "KAV", "KRI", "LAK", "MAH", "MAN", "NAV", "NIL", "PAR", "PRA", "RAJ", "RAM", "SAR",
        "SHI", "SHR", "SUN", "SUR", "TAR", "UMA", "VAS", "VIJ", "VIK", "YAM" };
    private static final String[] SUFFIXES = {
        "TECH", "FIN", "POWER", "STEEL", "CHEM", "PHARM", "TEX", "AUTO", "INFRA", "CEM", "FOODS", "AGRO", "LOG",
        "SOFT", "BANK", "ENERGY", "METAL", "PAPER", "GLASS", "MOTOR", "CAP", "TEL", "PORTS", "HOTEL", "LIFE" };
    private static final String[] NAME_SUFFIXES = {
        "TECHNOLOGIES", "FINANCE", "POWER", "STEELS", "CHEMICALS", "PHARMA", "TEXTILES", "AUTO COMP",
        "INFRASTRUCTURE", "CEMENTS", "FOODS", "AGRO PRODUCTS", "LOGISTICS", "SOFTWARE", "BANK", "ENERGY", "METALS",
        "PAPER MILLS", "GLASS WORKS", "MOTORS", "CAPITAL", "TELECOM", "PORTS", "HOTELS", "LIFESCIENCES" };
    private static final int[] BANDS = { 2, 5, 10, 20 };

    private final List<Instrument> instruments;
    private final Map<Long, Instrument> byToken;
    private final Map<String, Instrument> byKey;

    private InstrumentUniverse(final List<Instrument> instruments)
    {
        this.instruments = Collections.unmodifiableList(instruments);
        final Map<Long, Instrument> tokens = new HashMap<>();
        final Map<String, Instrument> keys = new HashMap<>();
        for (final Instrument instrument : instruments)
        {
            tokens.put(instrument.token, instrument);
            keys.put(instrument.key(), instrument);
        }
        this.byToken = tokens;
        this.byKey = keys;
    }

    /**
     * Build the universe.
     *
     * @param seed        seed for symbols, prices and bands.
     * @param equityCount number of NSE equities (real ones first, then generated ones).
     * @param tradingDate the trading date in IST; expiries are derived from it.
     * @return the universe.
     */
    static InstrumentUniverse generate(final long seed, final int equityCount, final LocalDate tradingDate)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Builder builder = new Builder(MarketHours.previousTradingDay(tradingDate.minusDays(1)).toEpochDay(),
            tradingDate.toEpochDay());

        builder.add(1001, Instrument.SEGMENT_INDICES, "NIFTY 50", "NIFTY 50", "NSE", "INDICES", "EQ",
            null, 0, 0, 5, 0, 0, 24_850_00L, 0, null);
        builder.add(1016, Instrument.SEGMENT_INDICES, "NIFTY BANK", "NIFTY BANK", "NSE", "INDICES", "EQ",
            null, 0, 0, 5, 0, 0, 55_420_00L, 0, null);
        final Instrument nifty = builder.list.get(0);
        final Instrument bankNifty = builder.list.get(1);
        final Instrument sensex = builder.add(1, Instrument.SEGMENT_INDICES, "SENSEX", "SENSEX", "BSE", "INDICES", "EQ",
            null, 0, 0, 5, 0, 0, 81_520_00L, 0, null);

        final List<Object[]> fnoStocks = new ArrayList<>();
        int equities = 0;
        for (final Object[] row : KNOWN_STOCKS)
        {
            if (equities >= equityCount)
            {
                break;
            }
            final long closePaise = (Long)row[3];
            final Instrument stock = builder.add((Long)row[2], Instrument.SEGMENT_NSE, (String)row[0], (String)row[1],
                "NSE", "NSE", "EQ", null, 0, 0, equityTick(closePaise), 1, EQUITY_FREEZE_QTY, closePaise,
                (Integer)row[4] > 0 ? 0 : BANDS[random.nextInt(BANDS.length)], null);
            equities++;
            if ((Integer)row[4] > 0)
            {
                fnoStocks.add(new Object[] { stock, row[4] });
            }
        }
        for (final String[] row : mockEquityRows())
        {
            if (equities >= equityCount)
            {
                break;
            }
            final long exchangeToken = Long.parseLong(row[1]);
            if (builder.exchangeTokens.contains(exchangeToken) || builder.has("NSE:" + row[2]))
            {
                continue;
            }
            final long closePaise = randomEquityPrice(random);
            builder.add(exchangeToken, Instrument.SEGMENT_NSE, row[2], row[3], "NSE", "NSE", "EQ", null, 0, 0,
                equityTick(closePaise), 1, EQUITY_FREEZE_QTY, closePaise, BANDS[random.nextInt(BANDS.length)], null);
            equities++;
        }
        long nextExchangeToken = 30_001;
        while (equities < equityCount)
        {
            final int prefix = random.nextInt(PREFIXES.length);
            final int suffix = random.nextInt(SUFFIXES.length);
            final String symbol = PREFIXES[prefix] + SUFFIXES[suffix];
            if (builder.has("NSE:" + symbol))
            {
                final String numbered = symbol + (char)('A' + random.nextInt(26));
                if (builder.has("NSE:" + numbered))
                {
                    continue;
                }
                nextExchangeToken = addGenerated(builder, random, numbered, prefix, suffix, nextExchangeToken);
            }
            else
            {
                nextExchangeToken = addGenerated(builder, random, symbol, prefix, suffix, nextExchangeToken);
            }
            equities++;
        }

        final LocalDate monthly = MarketHours.previousTradingDay(monthlyExpiry(tradingDate));
        final LocalDate nextMonthly = MarketHours.previousTradingDay(monthlyExpiry(monthlyExpiry(tradingDate)
            .plusDays(1)));
        long nfoToken = 35_001;
        for (final LocalDate expiry : new LocalDate[] { monthly, nextMonthly })
        {
            nfoToken = addFuture(builder, nifty, "NIFTY", expiry, 65, 1_800, 10, nfoToken);
            nfoToken = addFuture(builder, bankNifty, "BANKNIFTY", expiry, 30, 600, 20, nfoToken);
        }
        for (final Object[] stock : fnoStocks)
        {
            final Instrument underlying = (Instrument)stock[0];
            nfoToken = addFuture(builder, underlying, underlying.tradingsymbol, monthly, (Integer)stock[1], 0,
                underlying.tickPaise, nfoToken);
        }
        nfoToken = addOptions(builder, nifty, "NIFTY", monthly, null, 50_00, 65, 1_800, nfoToken);
        nfoToken = addOptions(builder, bankNifty, "BANKNIFTY", monthly, null, 100_00, 30, 600, nfoToken);
        final LocalDate weekly = MarketHours.previousTradingDay(
            tradingDate.with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY)));
        if (!weekly.equals(monthly))
        {
            addOptions(builder, nifty, "NIFTY", weekly, weeklyCode(weekly), 50_00, 65, 1_800, nfoToken);
        }
        addBse(builder, Math.max(1, equityCount / 4));
        addBfo(builder, sensex, tradingDate);
        addCurrencies(builder, tradingDate);
        addCommodities(builder, tradingDate);
        return new InstrumentUniverse(builder.list);
    }

    /** BSE listings: the well-known stocks under their real scrip codes, then other NSE stocks, dual-listed. */
    private static void addBse(final Builder builder, final int maxCount)
    {
        int count = 0;
        for (final Object[] row : KNOWN_STOCKS)
        {
            final long bseCode = (Long)row[5];
            final Instrument nse = builder.instrument("NSE:" + row[0]);
            if (bseCode == 0 || nse == null || count >= maxCount)
            {
                continue;
            }
            final long closePaise = Instrument.roundToTick(nse.closePaise + nse.closePaise / 2_000, nse.tickPaise);
            builder.add(bseCode, Instrument.SEGMENT_BSE, nse.tradingsymbol, nse.name, "BSE", "BSE", "EQ", null, 0, 0,
                equityTick(closePaise), 1, EQUITY_FREEZE_QTY, closePaise, nse.bandPercent, null);
            count++;
        }
        long bseCode = 540_001;
        final List<Instrument> nseEquities = new ArrayList<>(builder.list);
        for (final Instrument nse : nseEquities)
        {
            if (count >= maxCount)
            {
                break;
            }
            if (nse.segmentCode() != Instrument.SEGMENT_NSE || builder.has("BSE:" + nse.tradingsymbol))
            {
                continue;
            }
            final long closePaise = Instrument.roundToTick(nse.closePaise - nse.closePaise / 2_000, nse.tickPaise);
            builder.add(bseCode, Instrument.SEGMENT_BSE, nse.tradingsymbol, nse.name, "BSE", "BSE", "EQ", null, 0, 0,
                equityTick(closePaise), 1, EQUITY_FREEZE_QTY, closePaise, nse.bandPercent, null);
            bseCode += 1 + (nse.exchangeToken % 7);
            count++;
        }
    }

    private static void addBfo(final Builder builder, final Instrument sensex, final LocalDate tradingDate)
    {
        final LocalDate monthly = MarketHours.previousTradingDay(lastWeekdayExpiry(tradingDate, DayOfWeek.THURSDAY));
        final long futureTick = 20;
        final String symbol = "SENSEX" + yy(monthly) + MONTHS[monthly.getMonthValue() - 1] + "FUT";
        final long futureClose = Instrument.roundToTick(sensex.closePaise + sensex.closePaise / 400, futureTick);
        builder.add(1_120_001, Instrument.SEGMENT_BFO, symbol, "SENSEX", "BFO", "BFO-FUT", "FUT", monthly.toString(),
            monthly.toEpochDay(), 0, futureTick, 20, 1_000, futureClose, 0, sensex);
        final LocalDate weekly = MarketHours.previousTradingDay(
            tradingDate.with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY)));
        final long atm = Math.round((double)sensex.closePaise / 100_00) * 100_00;
        long token = 1_120_101;
        for (int i = -3; i <= 3; i++)
        {
            final long strikePaise = atm + i * 100_00L;
            for (final String type : new String[] { "CE", "PE" })
            {
                final String option = "SENSEX" + yy(weekly) + weeklyCode(weekly) + (strikePaise / 100) + type;
                final long closePaise = OptionPricing.pricePaise(sensex.closePaise, strikePaise, "CE".equals(type),
                    weekly.toEpochDay() - builder.closeEpochDay, 5);
                builder.add(token++, Instrument.SEGMENT_BFO, option, "SENSEX", "BFO", "BFO-OPT", type,
                    weekly.toString(), weekly.toEpochDay(), strikePaise, 5, 20, 1_000, closePaise, 0, sensex);
            }
        }
    }

    private static void addCurrencies(final Builder builder, final LocalDate tradingDate)
    {
        final LocalDate near = currencyExpiry(tradingDate);
        final LocalDate next = currencyExpiry(near.plusDays(1));
        long token = 1_612;
        for (final LocalDate expiry : new LocalDate[] { near, next })
        {
            for (final Object[] pair : CURRENCY_PAIRS)
            {
                final String symbol = pair[0] + yy(expiry) + MONTHS[expiry.getMonthValue() - 1] + "FUT";
                final long closeUnits = Instrument.roundToTick((Long)pair[1] + (expiry.equals(near) ? 0 :
                    (Long)pair[1] / 1_000), CURRENCY_TICK);
                builder.add(token++, Instrument.SEGMENT_CDS, symbol, (String)pair[0], "CDS", "CDS-FUT", "FUT",
                    expiry.toString(), expiry.toEpochDay(), 0, CURRENCY_TICK, 1, CURRENCY_FREEZE_LOTS, closeUnits, 3,
                    null, CURRENCY_MULTIPLIER);
            }
        }
    }

    private static void addCommodities(final Builder builder, final LocalDate tradingDate)
    {
        long token = 228_001;
        for (final Object[] row : COMMODITIES)
        {
            LocalDate expiry = MarketHours.previousTradingDay(tradingDate.withDayOfMonth((Integer)row[5]));
            if (expiry.isBefore(tradingDate))
            {
                expiry = MarketHours.previousTradingDay(tradingDate.plusMonths(1).withDayOfMonth((Integer)row[5]));
            }
            final String symbol = row[0] + yy(expiry) + MONTHS[expiry.getMonthValue() - 1] + "FUT";
            builder.add(token++, Instrument.SEGMENT_MCX, symbol, (String)row[1], "MCX", "MCX-FUT", "FUT",
                expiry.toString(), expiry.toEpochDay(), 0, (Long)row[3], 1, 0, (Long)row[2], 6, null, (Long)row[4]);
        }
    }

    /**
     * NSE currency futures expire two trading days before the month's last trading day; the next such day on or
     * after {@code date}.
     */
    static LocalDate currencyExpiry(final LocalDate date)
    {
        LocalDate month = date.withDayOfMonth(1);
        while (true)
        {
            LocalDate expiry = MarketHours.previousTradingDay(month.with(TemporalAdjusters.lastDayOfMonth()));
            for (int i = 0; i < 2; i++)
            {
                expiry = MarketHours.previousTradingDay(expiry.minusDays(1));
            }
            if (!expiry.isBefore(date))
            {
                return expiry;
            }
            month = month.plusMonths(1);
        }
    }

    private static LocalDate lastWeekdayExpiry(final LocalDate date, final DayOfWeek day)
    {
        final LocalDate last = date.with(TemporalAdjusters.lastInMonth(day));
        if (last.isBefore(date))
        {
            return date.plusMonths(1).with(TemporalAdjusters.lastInMonth(day));
        }
        return last;
    }

    private static long addGenerated(
        final Builder builder,
        final SplittableRandom random,
        final String symbol,
        final int prefix,
        final int suffix,
        final long exchangeToken)
    {
        long token = exchangeToken;
        while (builder.exchangeTokens.contains(token))
        {
            token++;
        }
        final long closePaise = randomEquityPrice(random);
        final String name = PREFIXES[prefix] + " " + NAME_SUFFIXES[suffix];
        builder.add(token, Instrument.SEGMENT_NSE, symbol, name, "NSE", "NSE", "EQ", null, 0, 0,
            equityTick(closePaise), 1, EQUITY_FREEZE_QTY, closePaise, BANDS[random.nextInt(BANDS.length)], null);
        return token + 1 + random.nextInt(40);
    }

    private static long addFuture(
        final Builder builder,
        final Instrument underlying,
        final String root,
        final LocalDate expiry,
        final int lot,
        final long freeze,
        final long tickPaise,
        final long exchangeToken)
    {
        final String symbol = root + yy(expiry) + MONTHS[expiry.getMonthValue() - 1] + "FUT";
        final long closePaise = Instrument.roundToTick(underlying.closePaise + underlying.closePaise / 400, tickPaise);
        builder.add(exchangeToken, Instrument.SEGMENT_NFO, symbol, root, "NFO", "NFO-FUT", "FUT", expiry.toString(),
            expiry.toEpochDay(), 0, tickPaise, lot, freeze, closePaise, 0, underlying);
        return exchangeToken + 1;
    }

    private static long addOptions(
        final Builder builder,
        final Instrument underlying,
        final String root,
        final LocalDate expiry,
        final String weeklyCode,
        final long strikeStepPaise,
        final int lot,
        final long freeze,
        final long exchangeToken)
    {
        long token = exchangeToken;
        final long atm = Math.round((double)underlying.closePaise / strikeStepPaise) * strikeStepPaise;
        final String expiryCode = weeklyCode != null ? yy(expiry) + weeklyCode :
            yy(expiry) + MONTHS[expiry.getMonthValue() - 1];
        for (int i = -5; i <= 5; i++)
        {
            final long strikePaise = atm + i * strikeStepPaise;
            for (final String type : new String[] { "CE", "PE" })
            {
                final String symbol = root + expiryCode + (strikePaise / 100) + type;
                final long closePaise = OptionPricing.pricePaise(underlying.closePaise, strikePaise, "CE".equals(type),
                    expiry.toEpochDay() - builder.closeEpochDay, 5);
                builder.add(token++, Instrument.SEGMENT_NFO, symbol, root, "NFO", "NFO-OPT", type, expiry.toString(),
                    expiry.toEpochDay(), strikePaise, 5, lot, freeze, closePaise, 0, underlying);
            }
        }
        return token;
    }

    /** The last Tuesday of the month of {@code date}, or of the next month when that day has passed. */
    static LocalDate monthlyExpiry(final LocalDate date)
    {
        final LocalDate lastTuesday = date.with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
        if (lastTuesday.isBefore(date))
        {
            return date.plusMonths(1).with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
        }
        return lastTuesday;
    }

    private static String weeklyCode(final LocalDate expiry)
    {
        final int month = expiry.getMonthValue();
        final char monthCode = month <= 9 ? (char)('0' + month) : "OND".charAt(month - 10);
        return String.format(Locale.ROOT, "%c%02d", monthCode, expiry.getDayOfMonth());
    }

    private static String yy(final LocalDate date)
    {
        return String.format(Locale.ROOT, "%02d", date.getYear() % 100);
    }

    /** NSE cash tick since June 2024: 0.01 below 250 rupees, 0.05 from 250 up (MARKET.md section 3). */
    static long equityTick(final long pricePaise)
    {
        return pricePaise < 250_00 ? 1 : 5;
    }

    private static long randomEquityPrice(final SplittableRandom random)
    {
        final double rupees = Math.exp(Math.log(20) + random.nextDouble() * (Math.log(6000) - Math.log(20)));
        final long paise = Math.round(rupees * 100);
        return Instrument.roundToTick(paise, equityTick(paise));
    }

    private static List<String[]> mockEquityRows()
    {
        final List<String[]> rows = new ArrayList<>();
        try (InputStream in = InstrumentUniverse.class.getResourceAsStream("instruments_mock.csv"))
        {
            if (in == null)
            {
                return rows;
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            while ((line = reader.readLine()) != null)
            {
                final String[] fields = line.split(",", -1);
                if (fields.length == 12 && "NSE".equals(fields[11]) && "NSE".equals(fields[10]) &&
                    "EQ".equals(fields[9]))
                {
                    rows.add(fields);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return rows;
    }

    List<Instrument> instruments()
    {
        return instruments;
    }

    int size()
    {
        return instruments.size();
    }

    Instrument get(final int index)
    {
        return instruments.get(index);
    }

    Instrument byToken(final long token)
    {
        return byToken.get(token);
    }

    Instrument byKey(final String exchange, final String tradingsymbol)
    {
        return byKey.get(exchange + ":" + tradingsymbol);
    }

    /**
     * The instrument dump as Kite's CSV (12 columns in Kite's order); {@code exchange} null for all exchanges.
     */
    String csv(final String exchange)
    {
        final StringBuilder sb = new StringBuilder(64 * instruments.size()).append(CSV_HEADER).append('\n');
        for (final Instrument i : instruments)
        {
            if (exchange != null && !exchange.equals(i.exchange))
            {
                continue;
            }
            sb.append(i.token).append(',')
                .append(i.exchangeToken).append(',')
                .append(csvField(i.tradingsymbol)).append(',')
                .append(csvField(i.name)).append(',')
                .append(i.rupees(i.closePaise)).append(',')
                .append(i.expiry == null ? "" : i.expiry).append(',')
                .append(i.rupees(i.strikePaise)).append(',')
                .append(i.isIndex() ? "0.0" : Double.toString(i.rupees(i.tickPaise))).append(',')
                .append(i.isIndex() ? 0 : i.lotSize).append(',')
                .append(i.instrumentType).append(',')
                .append(i.segment).append(',')
                .append(i.exchange).append('\n');
        }
        return sb.toString();
    }

    Set<String> exchanges()
    {
        final Set<String> exchanges = new LinkedHashSet<>();
        for (final Instrument i : instruments)
        {
            exchanges.add(i.exchange);
        }
        return exchanges;
    }

    private static String csvField(final String value)
    {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0)
        {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static final class Builder
    {
        final List<Instrument> list = new ArrayList<>();
        final Set<Long> exchangeTokens = new HashSet<>();
        final Map<String, Instrument> instruments = new HashMap<>();
        /** The day of the session the instruments' close prices are of: the last trading day before the date's. */
        final long closeEpochDay;
        final long tradingEpochDay;

        Builder(final long closeEpochDay, final long tradingEpochDay)
        {
            this.closeEpochDay = closeEpochDay;
            this.tradingEpochDay = tradingEpochDay;
        }

        boolean has(final String key)
        {
            return instruments.containsKey(key);
        }

        Instrument instrument(final String key)
        {
            return instruments.get(key);
        }

        Instrument add(
            final long exchangeToken,
            final int segmentCode,
            final String tradingsymbol,
            final String name,
            final String exchange,
            final String segment,
            final String instrumentType,
            final String expiry,
            final long expiryEpochDay,
            final long strikePaise,
            final long tickPaise,
            final int lotSize,
            final long freezeQty,
            final long closePaise,
            final int bandPercent,
            final Instrument underlying)
        {
            return add(exchangeToken, segmentCode, tradingsymbol, name, exchange, segment, instrumentType, expiry,
                expiryEpochDay, strikePaise, tickPaise, lotSize, freezeQty, closePaise, bandPercent, underlying, 1);
        }

        Instrument add(
            final long exchangeToken,
            final int segmentCode,
            final String tradingsymbol,
            final String name,
            final String exchange,
            final String segment,
            final String instrumentType,
            final String expiry,
            final long expiryEpochDay,
            final long strikePaise,
            final long tickPaise,
            final int lotSize,
            final long freezeQty,
            final long closePaise,
            final int bandPercent,
            final Instrument underlying,
            final long multiplier)
        {
            final Instrument instrument = new Instrument(list.size(), exchangeToken, segmentCode, tradingsymbol, name,
                exchange, segment, instrumentType, expiry, expiryEpochDay, strikePaise, tickPaise, lotSize, freezeQty,
                closePaise, bandPercent, underlying, multiplier, closeEpochDay, tradingEpochDay);
            list.add(instrument);
            instruments.put(instrument.key(), instrument);
            if (segmentCode == Instrument.SEGMENT_NSE)
            {
                exchangeTokens.add(exchangeToken);
            }
            return instrument;
        }
    }
}
