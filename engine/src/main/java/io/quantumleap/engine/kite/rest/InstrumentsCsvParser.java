package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.kite.feed.CommandPublisher;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandEncoder;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.InstrumentsLoadedCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.Segment;
import org.agrona.concurrent.UnsafeBuffer;

import org.agrona.collections.LongArrayList;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns Kite's instruments dump (CSV, one row per instrument) into {@code InstrumentDefinitionCommand}s, followed by
 * one {@code InstrumentsLoadedCommand} that marks the dump's end (so the core's readers know when they hold it all).
 * Columns are found by header name, so a reordered dump still parses. Prices (strike, tick size) are
 * converted exactly to the segment's price unit; strike may be in scientific notation, expiry may be empty. The
 * dump has no freeze quantity: {@link FreezeLimits} gives it.
 * A bad row is skipped, counted and reported with its line number and field; the rest goes on.
 *
 * <p>Not thread safe: one parser per loading thread.
 */
public final class InstrumentsCsvParser
{
    private static final System.Logger LOGGER = System.getLogger(InstrumentsCsvParser.class.getName());
    private static final int MAX_LOGGED_ERRORS = 10;
    private static final int MAX_NAME_LENGTH = 256;
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final String[] COLUMNS = {
        "instrument_token", "exchange_token", "tradingsymbol", "name", "expiry", "strike", "tick_size",
        "lot_size", "instrument_type", "segment", "exchange" };

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final InstrumentDefinitionCommandEncoder encoder = new InstrumentDefinitionCommandEncoder();
    private final InstrumentsLoadedCommandEncoder endEncoder = new InstrumentsLoadedCommandEncoder();
    private final List<String> errors = new ArrayList<>();
    private final Set<String> unknownCommodities = new HashSet<>();
    private final FreezeLimits freezeLimits;
    private long lastToken;

    /** A parser that gives each instrument the default freeze quantity ({@link FreezeLimits#defaults()}). */
    public InstrumentsCsvParser()
    {
        this(FreezeLimits.defaults());
    }

    /**
     * @param freezeLimits gives each instrument its freeze quantity, which the dump does not carry.
     */
    public InstrumentsCsvParser(final FreezeLimits freezeLimits)
    {
        this.freezeLimits = freezeLimits;
    }

    /**
     * Result of one parse.
     *
     * @param rows      data rows read.
     * @param published commands published.
     * @param rejected  rows skipped as malformed.
     * @param dropped   commands the publisher refused.
     * @param tokens    instrument tokens of the published commands, in dump order.
     * @param ended     whether the end-of-dump marker was published (the publisher may refuse it too).
     */
    public record Result(long rows, long published, long rejected, long dropped, long[] tokens, boolean ended)
    {
    }

    /**
     * @param csv         the whole dump, header first.
     * @param timestampNs stamped on every command (load time).
     * @param publisher   receives one command per valid row, then the end-of-dump marker.
     * @return counts.
     * @throws IllegalArgumentException if the header lacks a required column (nothing is published then).
     */
    public Result parse(final String csv, final long timestampNs, final CommandPublisher publisher)
    {
        errors.clear();
        int lineStart = 0;
        int lineNumber = 0;
        int[] columnIndex = null;
        long rows = 0;
        long published = 0;
        long rejected = 0;
        long dropped = 0;
        final LongArrayList tokens = new LongArrayList();
        final List<String> fields = new ArrayList<>(16);
        while (lineStart < csv.length())
        {
            int lineEnd = csv.indexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = csv.length();
            }
            final int contentEnd = lineEnd > lineStart && csv.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            lineNumber++;
            if (contentEnd > lineStart)
            {
                split(csv, lineStart, contentEnd, fields);
                if (null == columnIndex)
                {
                    columnIndex = header(fields);
                }
                else
                {
                    rows++;
                    try
                    {
                        final int length = encode(fields, columnIndex, timestampNs);
                        if (publisher.publish(buffer, 0, length))
                        {
                            published++;
                            tokens.addLong(lastToken);
                        }
                        else
                        {
                            dropped++;
                        }
                    }
                    catch (final IllegalArgumentException | ArithmeticException | DateTimeParseException ex)
                    {
                        rejected++;
                        if (errors.size() < MAX_LOGGED_ERRORS)
                        {
                            final String error = "instruments line " + lineNumber + ": " + ex.getMessage();
                            errors.add(error);
                            LOGGER.log(System.Logger.Level.WARNING, error);
                        }
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        if (null == columnIndex)
        {
            throw new IllegalArgumentException("instruments dump is empty: no header row");
        }
        endEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(timestampNs)
            .rows(rows)
            .published(published)
            .rejected(rejected)
            .dropped(dropped);
        final boolean ended =
            publisher.publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + endEncoder.encodedLength());
        return new Result(rows, published, rejected, dropped, tokens.toLongArray(), ended);
    }

    /**
     * @return the first few row errors of the last parse, each naming the line and field.
     */
    public List<String> errors()
    {
        return List.copyOf(errors);
    }

    private static int[] header(final List<String> fields)
    {
        final int[] index = new int[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++)
        {
            index[i] = fields.indexOf(COLUMNS[i]);
            if (index[i] < 0)
            {
                throw new IllegalArgumentException("instruments dump header lacks column " + COLUMNS[i] +
                    "; expected " + String.join(",", COLUMNS) + ", was " + String.join(",", fields));
            }
        }
        return index;
    }

    private int encode(final List<String> fields, final int[] column, final long timestampNs)
    {
        final long token = uint32(field(fields, column, 0), "instrument_token");
        lastToken = token;
        final long exchangeToken = uint32(field(fields, column, 1), "exchange_token");
        final String tradingsymbol = field(fields, column, 2);
        final String name = field(fields, column, 3);
        final String expiry = field(fields, column, 4);
        final String instrumentType = field(fields, column, 8);
        final String segmentText = field(fields, column, 9);
        final String exchangeText = field(fields, column, 10);

        final int segmentCode = KitePrices.segmentOf(token);
        final Segment segment = Segment.get((short)segmentCode);
        if (Segment.NULL_VAL == segment || Segment.SBE_UNKNOWN == segment)
        {
            throw new IllegalArgumentException("field instrument_token: segment code " + segmentCode +
                " (token & 0xFF) is not one of 1..9");
        }
        final Exchange exchange = exchange(exchangeText);
        final InstrumentType type =
            "INDICES".equals(segmentText) ? InstrumentType.INDEX : instrumentType(instrumentType);
        if (tradingsymbol.isEmpty() || tradingsymbol.length() > 32 || !isAscii(tradingsymbol))
        {
            throw new IllegalArgumentException("field tradingsymbol: expected 1..32 ASCII characters, was \"" +
                tradingsymbol + "\"");
        }
        final int expiryEpochDay = expiry.isEmpty() ? 0 : Math.toIntExact(LocalDate.parse(expiry).toEpochDay());
        final long strikeUnits = decimalUnits(field(fields, column, 5), segmentCode, "strike");
        final long tickUnits = decimalUnits(field(fields, column, 6), segmentCode, "tick_size");
        final int lotSize;
        try
        {
            lotSize = lotSizeText(field(fields, column, 7));
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("field lot_size: expected an integer, was \"" +
                field(fields, column, 7) + "\"");
        }

        int multiplier = ContractMultipliers.of(segment, tradingsymbol);
        if (0 == multiplier)
        {
            final String root = ContractMultipliers.root(tradingsymbol);
            if (unknownCommodities.add(root))
            {
                LOGGER.log(System.Logger.Level.WARNING, "MCX commodity " + root + " (" + tradingsymbol + "): its " +
                    "contract multiplier is not known, so its positions' value and P&L count one quotation unit " +
                    "per lot");
            }
            multiplier = 1;
        }

        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(timestampNs)
            .instrumentToken(token)
            .exchangeToken(exchangeToken)
            .exchange(exchange)
            .segment(segment)
            .instrumentType(type)
            .tickSizePaise(tickUnits)
            .lotSize(lotSize)
            .freezeQty(freezeLimits.freezeQty(segment, tradingsymbol))
            .multiplier(multiplier)
            .expiryEpochDay(expiryEpochDay)
            .strikePricePaise(strikeUnits)
            .lowerCircuitPaise(0)
            .upperCircuitPaise(0)
            .tradingsymbol(tradingsymbol);
        final byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        encoder.putName(nameBytes, 0, Math.min(nameBytes.length, MAX_NAME_LENGTH));
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private static String field(final List<String> fields, final int[] column, final int which)
    {
        final int index = column[which];
        if (index >= fields.size())
        {
            throw new IllegalArgumentException("field " + COLUMNS[which] + ": missing, the row has only " +
                fields.size() + " columns");
        }
        return fields.get(index).trim();
    }

    private static long uint32(final String text, final String field)
    {
        try
        {
            final long value = Long.parseLong(text);
            if (value < 0 || value > MAX_UINT32)
            {
                throw new IllegalArgumentException("field " + field + ": expected 0..4294967295, was " + text);
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "field " + field + ": expected an unsigned integer, was \"" + text + "\"");
        }
    }

    private static long decimalUnits(final String text, final int segment, final String field)
    {
        try
        {
            return KitePrices.toUnits(text, segment);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("field " + field + ": expected a decimal number, was \"" + text + "\"");
        }
    }

    private static int lotSizeText(final String text)
    {
        return text.isEmpty() ? 0 : new BigDecimal(text).intValueExact();
    }

    private static Exchange exchange(final String text)
    {
        switch (text)
        {
            case "NSE":
                return Exchange.NSE;
            case "NFO":
                return Exchange.NFO;
            case "CDS":
                return Exchange.CDS;
            case "BSE":
                return Exchange.BSE;
            case "BFO":
                return Exchange.BFO;
            case "BCD":
                return Exchange.BCD;
            case "MCX":
                return Exchange.MCX;
            case "MCXSX":
            case "MCX-SX":
                return Exchange.MCXSX;
            default:
                throw new IllegalArgumentException("field exchange: expected NSE, NFO, CDS, BSE, BFO, BCD, MCX or " +
                    "MCXSX, was \"" + text + "\"");
        }
    }

    private static InstrumentType instrumentType(final String text)
    {
        switch (text)
        {
            case "EQ":
                return InstrumentType.EQ;
            case "FUT":
                return InstrumentType.FUT;
            case "CE":
                return InstrumentType.CE;
            case "PE":
                return InstrumentType.PE;
            default:
                throw new IllegalArgumentException("field instrument_type: expected EQ, FUT, CE or PE, was \"" +
                    text + "\"");
        }
    }

    private static boolean isAscii(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) > 0x7E || text.charAt(i) < 0x20)
            {
                return false;
            }
        }
        return true;
    }

    private static void split(final String csv, final int start, final int end, final List<String> fields)
    {
        fields.clear();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = start; i < end; i++)
        {
            final char c = csv.charAt(i);
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < end && csv.charAt(i + 1) == '"')
                    {
                        field.append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.add(field.toString());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        fields.add(field.toString());
    }
}
