package io.quantumleap.persistence.persister.internal;

import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageBlocks;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.persistence.copy.BinaryCopyBuffer;
import io.quantumleap.persistence.persister.MarketDataPartitions;
import io.quantumleap.persistence.persister.QueueMetrics;
import io.quantumleap.persistence.persister.TickPolicy;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;

/**
 * Writes the {@code MarketDataCommand}s of the {@code in} queue to {@code market_data} by binary COPY (or to
 * {@code market_bars} under {@link TickPolicy#BARS}), creating the day partitions it needs in the same
 * transaction. Other commands of the queue are skipped. Rows are streamed ({@link #stream}): the COPY of a batch
 * opens on its first rows and takes each part as it is decoded, so PostgreSQL stores rows while the persister
 * decodes the next ones (two cores at work instead of one after the other). Persister thread only; no allocation
 * per tick once the buffers have grown (bars reuse pooled objects).
 */
public final class MarketDataWriter extends BatchWriter
{
    private static final String COLUMNS = " (journal_index, received_at, instrument_token, mode, " +
        "last_price, last_traded_qty, average_price, volume, total_buy_qty, total_sell_qty, open, high, low, close, " +
        "oi, exchange_time, last_trade_time, bid_price, bid_qty, ask_price, ask_qty) FROM STDIN (FORMAT binary)";

    /** The COPY statement of the tick rows, in their column order, through the partitioned table. */
    public static final String COPY_SQL = "COPY market_data" + COLUMNS;
    private static final long NO_DAY = Long.MIN_VALUE;
    private static final int FIELD_COUNT = 21;

    private static final String BAR_UPSERT_SQL = "INSERT INTO market_bars (instrument_token, bucket_start, open, " +
        "high, low, close, volume_first, volume_last, tick_count, first_index, last_index) " +
        "VALUES (?, to_timestamp(?), ?, ?, ?, ?, ?, ?, ?, ?, ?) " +
        "ON CONFLICT (instrument_token, bucket_start) DO UPDATE SET " +
        "open = CASE WHEN EXCLUDED.first_index < market_bars.first_index " +
        "THEN EXCLUDED.open ELSE market_bars.open END, " +
        "volume_first = CASE WHEN EXCLUDED.first_index < market_bars.first_index " +
        "THEN EXCLUDED.volume_first ELSE market_bars.volume_first END, " +
        "high = GREATEST(market_bars.high, EXCLUDED.high), low = LEAST(market_bars.low, EXCLUDED.low), " +
        "close = CASE WHEN EXCLUDED.last_index > market_bars.last_index " +
        "THEN EXCLUDED.close ELSE market_bars.close END, " +
        "volume_last = CASE WHEN EXCLUDED.last_index > market_bars.last_index " +
        "THEN EXCLUDED.volume_last ELSE market_bars.volume_last END, " +
        "tick_count = market_bars.tick_count + EXCLUDED.tick_count, " +
        "first_index = LEAST(market_bars.first_index, EXCLUDED.first_index), " +
        "last_index = GREATEST(market_bars.last_index, EXCLUDED.last_index)";

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataWriter.class);
    private static final long NO_SAMPLE = Long.MIN_VALUE;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarketDataCommandDecoder tick = new MarketDataCommandDecoder();
    private final BinaryCopyBuffer copy;
    private final TickPolicy policy;
    private final long sampleIntervalNs;
    private final QueueMetrics metrics;
    private final Long2LongHashMap lastSampleNsByToken = new Long2LongHashMap(NO_SAMPLE);
    private final Long2ObjectHashMap<Bar> bars = new Long2ObjectHashMap<>();
    private final ArrayList<Bar> barPool = new ArrayList<>();
    private final LongHashSet knownDays = new LongHashSet();
    private final LongHashSet newDays = new LongHashSet();
    private final LongHashSet createdDays = new LongHashSet();
    private CopyIn copyIn;
    private String copyInSql;
    private long lastDay = NO_DAY;
    private long batchDay = NO_DAY;
    private boolean batchSpansDays;
    private long copySqlDay = NO_DAY;
    private String copySql = COPY_SQL;


    /**
     * @param policy           what to keep of the tick stream.
     * @param sampleIntervalMs interval of {@link TickPolicy#SAMPLED}.
     * @param metrics          where malformed messages are counted.
     */
    public MarketDataWriter(final TickPolicy policy, final long sampleIntervalMs, final QueueMetrics metrics)
    {
        this.policy = policy;
        this.sampleIntervalNs = sampleIntervalMs * 1_000_000L;
        this.metrics = metrics;
        this.copy = new BinaryCopyBuffer(1 << 20);
    }

    @Override
    public void onMessage(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        read(index);

        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            malformed(index, "shorter than the message header", length);
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            malformed(index, "schemaId is not " + MessageHeaderDecoder.SCHEMA_ID, header.schemaId());
            return;
        }
        if (header.templateId() != MarketDataCommandDecoder.TEMPLATE_ID)
        {
            return;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() ||
            header.blockLength() < MessageBlocks.minimum(MarketDataCommandDecoder.TEMPLATE_ID, header.version()))
        {
            malformed(index, "MarketDataCommand blockLength does not fit", header.blockLength());
            return;
        }
        tick.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        try
        {
            onTick(index, offset + length);
        }
        catch (final RuntimeException ex)
        {
            malformed(index, "MarketDataCommand depth groups do not fit: " + ex.getMessage(), length);
        }
    }

    private void onTick(final long index, final int messageEnd)
    {
        final long timestampNs = tick.timestampNs();
        final long token = tick.instrumentToken();
        long bidPrice = Long.MIN_VALUE;
        long bidQty = 0;
        long askPrice = Long.MIN_VALUE;
        long askQty = 0;
        final MarketDataCommandDecoder.BidsDecoder bids = tick.bids();
        if (bids.hasNext())
        {
            bids.next();
            bidPrice = bids.pricePaise();
            bidQty = bids.qty();
        }
        while (bids.hasNext())
        {
            bids.next();
        }
        final MarketDataCommandDecoder.AsksDecoder asks = tick.asks();
        if (asks.hasNext())
        {
            asks.next();
            askPrice = asks.pricePaise();
            askQty = asks.qty();
        }
        while (asks.hasNext())
        {
            asks.next();
        }
        if (tick.limit() > messageEnd)
        {
            throw new IllegalStateException("limit " + tick.limit() + " beyond end " + messageEnd);
        }
        lastTimestampNs(timestampNs);

        switch (policy)
        {
            case ALL:
                appendRow(index, timestampNs, token, bidPrice, bidQty, askPrice, askQty);
                break;

            case SAMPLED:
            {
                final long lastNs = lastSampleNsByToken.get(token);
                if (NO_SAMPLE == lastNs || timestampNs - lastNs >= sampleIntervalNs)
                {
                    lastSampleNsByToken.put(token, timestampNs);
                    appendRow(index, timestampNs, token, bidPrice, bidQty, askPrice, askQty);
                }
                break;
            }

            case BARS:
                aggregate(index, timestampNs, token);
                break;

            default:
                throw new IllegalStateException("unknown tick policy " + policy);
        }
    }

    private void appendRow(
        final long index,
        final long timestampNs,
        final long token,
        final long bidPrice,
        final long bidQty,
        final long askPrice,
        final long askQty)
    {
        noteDay(timestampNs);
        final BinaryCopyBuffer copy = this.copy;
        copy.startRow(FIELD_COUNT);
        copy.int8(index);
        copy.timestampNs(timestampNs);
        copy.int8(token);
        copy.int2(tick.modeRaw());
        copy.int8(tick.lastPricePaise());
        copy.int8(tick.lastTradedQty());
        copy.int8(tick.averageTradedPricePaise());
        copy.int8(tick.volumeTraded());
        copy.int8(tick.totalBuyQty());
        copy.int8(tick.totalSellQty());
        copy.int8(tick.openPricePaise());
        copy.int8(tick.highPricePaise());
        copy.int8(tick.lowPricePaise());
        copy.int8(tick.closePricePaise());
        copy.int8(tick.oi());
        secondsOrNull(tick.exchangeTimeS());
        secondsOrNull(tick.lastTradeTimeS());
        if (Long.MIN_VALUE == bidPrice)
        {
            copy.nullField();
            copy.nullField();
        }
        else
        {
            copy.int8(bidPrice);
            copy.int8(bidQty);
        }
        if (Long.MIN_VALUE == askPrice)
        {
            copy.nullField();
            copy.nullField();
        }
        else
        {
            copy.int8(askPrice);
            copy.int8(askQty);
        }
    }

    private void secondsOrNull(final long epochS)
    {
        if (epochS <= 0 || epochS == MarketDataCommandDecoder.exchangeTimeSNullValue())
        {
            copy.nullField();
        }
        else
        {
            copy.timestampS(epochS);
        }
    }

    private void noteDay(final long timestampNs)
    {
        final long day = MarketDataPartitions.istDay(timestampNs);
        if (day != lastDay)
        {
            if (NO_DAY == batchDay)
            {
                batchDay = day;
            }
            else if (day != batchDay)
            {
                batchSpansDays = true;
            }
            lastDay = day;
            if (!knownDays.contains(day) && !createdDays.contains(day))
            {
                newDays.add(day);
            }
        }
    }

    private void aggregate(final long index, final long timestampNs, final long token)
    {
        final long bucketStartS = Math.floorDiv(Math.floorDiv(timestampNs, 1_000_000_000L), 60L) * 60L;
        final long key = ((bucketStartS / 60L) << 32) | (token & 0xFFFF_FFFFL);
        final long price = tick.lastPricePaise();
        final long volume = tick.volumeTraded();
        Bar bar = bars.get(key);
        if (null == bar)
        {
            bar = barPool.isEmpty() ? new Bar() : barPool.remove(barPool.size() - 1);
            bar.token = token;
            bar.bucketStartS = bucketStartS;
            bar.open = price;
            bar.high = price;
            bar.low = price;
            bar.volumeFirst = volume;
            bar.firstIndex = index;
            bar.count = 0;
            bars.put(key, bar);
        }
        bar.high = Math.max(bar.high, price);
        bar.low = Math.min(bar.low, price);
        bar.close = price;
        bar.volumeLast = volume;
        bar.lastIndex = index;
        bar.count++;
    }

    @Override
    public void stream(final Connection connection) throws SQLException
    {
        if (!newDays.isEmpty())
        {
            endCopy();
            try (Statement statement = connection.createStatement())
            {
                final LongHashSet.LongIterator it = newDays.iterator();
                while (it.hasNext())
                {
                    final long day = it.nextValue();
                    statement.execute(MarketDataPartitions.createSql(day));
                    createdDays.add(day);
                }
            }
            newDays.clear();
        }
        if (copy.length() <= BinaryCopyBuffer.HEADER_LENGTH)
        {
            return;
        }
        final String sql = copySql();
        if (null != copyIn && !sql.equals(copyInSql))
        {
            endCopy();
        }
        final boolean start = null == copyIn;
        if (start)
        {
            copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            copyInSql = sql;
        }
        copy.streamTo(copyIn, start);
    }

    @Override
    public void write(final Connection connection) throws SQLException
    {
        stream(connection);
        endCopy();
        if (!bars.isEmpty())
        {
            try (PreparedStatement statement = connection.prepareStatement(BAR_UPSERT_SQL))
            {
                for (final Bar bar : bars.values())
                {
                    statement.setLong(1, bar.token);
                    statement.setLong(2, bar.bucketStartS);
                    statement.setLong(3, bar.open);
                    statement.setLong(4, bar.high);
                    statement.setLong(5, bar.low);
                    statement.setLong(6, bar.close);
                    statement.setLong(7, bar.volumeFirst);
                    statement.setLong(8, bar.volumeLast);
                    statement.setLong(9, bar.count);
                    statement.setLong(10, bar.firstIndex);
                    statement.setLong(11, bar.lastIndex);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    private void endCopy() throws SQLException
    {
        if (null != copyIn)
        {
            final CopyIn ending = copyIn;
            copyIn = null;
            copyInSql = null;
            BinaryCopyBuffer.endStream(ending);
        }
    }

    @Override
    public void abort()
    {
        if (null != copyIn)
        {
            if (copyIn.isActive())
            {
                BinaryCopyBuffer.cancelQuietly(copyIn);
            }
            copyIn = null;
            copyInSql = null;
        }
    }

    /**
     * A batch of one day (nearly all) is copied straight into its partition: no per-row partition routing.
     * A batch across midnight goes through {@code market_data}.
     */
    private String copySql()
    {
        if (batchSpansDays)
        {
            return COPY_SQL;
        }
        if (batchDay != copySqlDay)
        {
            copySqlDay = batchDay;
            copySql = "COPY " + MarketDataPartitions.partitionName(batchDay) + COLUMNS;
        }
        return copySql;
    }

    @Override
    public int rows()
    {
        return copy.rows() + bars.size();
    }

    @Override
    public void committed()
    {
        final LongHashSet.LongIterator it = createdDays.iterator();
        while (it.hasNext())
        {
            knownDays.add(it.nextValue());
        }
        clear();
    }

    @Override
    public void discard()
    {
        // A partition created in the failed transaction is gone too, and samples may be re-read: forget both.
        abort();
        lastSampleNsByToken.clear();
        clear();
    }

    private void clear()
    {
        copy.reset();
        newDays.clear();
        createdDays.clear();
        lastDay = NO_DAY;
        batchDay = NO_DAY;
        batchSpansDays = false;
        for (final Bar bar : bars.values())
        {
            barPool.add(bar);
        }
        bars.clear();
        clearBatch();
    }

    private void malformed(final long index, final String what, final long value)
    {
        metrics.onMalformed();
        if (metrics.malformed() <= 10 || Long.bitCount(metrics.malformed()) == 1)
        {
            LOG.warn("skipping in-journal message at index {}: {} ({}); {} skipped so far",
                index, what, value, metrics.malformed());
        }
    }

    private static final class Bar
    {
        long token;
        long bucketStartS;
        long open;
        long high;
        long low;
        long close;
        long volumeFirst;
        long volumeLast;
        long count;
        long firstIndex;
        long lastIndex;
    }
}
