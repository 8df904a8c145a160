package io.quantumleap.benchmarks.persistence;

import io.quantumleap.persistence.copy.BinaryCopyBuffer;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.db.DatabaseContext;
import io.quantumleap.persistence.db.EmbeddedServer;
import io.quantumleap.persistence.persister.MarketDataPartitions;
import io.quantumleap.persistence.persister.Persister;
import io.quantumleap.persistence.persister.PersisterContext;
import io.quantumleap.persistence.persister.TickPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.PGConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * How fast does the persister store ticks, next to the plain ways of writing the same rows to the same
 * partitioned {@code market_data} table (the open day's partition, with its BRIN index): JDBC batch INSERT, JDBC
 * batch INSERT with reWriteBatchedInserts, and raw binary COPY of pre-encoded rows into the day's partition (the
 * ceiling); and, for the index choice, the same COPY into a table without partitions or index, and into one with
 * the {@code (instrument_token, received_at)} B-tree every partition kept before. Each operation is one row; a
 * batch is 10,000 rows in one transaction. The persister's figure includes SBE decoding, the checkpoint update and
 * the commit. Runs a real PostgreSQL 17 (embedded, in a temporary directory) on the same machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
public class PersisterThroughputBenchmark
{
    static final int BATCH = 10_000;
    private static final long T0_NS = 1_796_000_000_000_000_000L;
    private static final String INSERT_SQL = "INSERT INTO market_data (journal_index, received_at, " +
        "instrument_token, mode, last_price, last_traded_qty, average_price, volume, total_buy_qty, total_sell_qty, " +
        "open, high, low, close, oi, exchange_time, last_trade_time, bid_price, bid_qty, ask_price, ask_qty) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COPY_SQL = "COPY market_data (journal_index, received_at, instrument_token, mode, " +
        "last_price, last_traded_qty, average_price, volume, total_buy_qty, total_sell_qty, open, high, low, close, " +
        "oi, exchange_time, last_trade_time, bid_price, bid_qty, ask_price, ask_qty) FROM STDIN (FORMAT binary)";

    private static final String COPY_PARTITION_SQL = COPY_SQL.replace("COPY market_data ",
        "COPY " + MarketDataPartitions.partitionName(MarketDataPartitions.istDay(T0_NS)) + " ");
    private static final String COPY_NO_INDEX_SQL = COPY_SQL.replace("COPY market_data ", "COPY ticks_no_index ");
    private static final String COPY_BTREE_SQL = COPY_SQL.replace("COPY market_data ", "COPY ticks_btree ");

    private Path dir;
    private EmbeddedServer server;
    private Database db;
    private SyntheticTicks ticks;
    private Persister persister;
    private Connection plain;
    private Connection rewritten;
    private Connection copy;
    private PreparedStatement plainInsert;
    private PreparedStatement rewrittenInsert;
    private BinaryCopyBuffer copyRows;
    private long nextIndex;

    /** Starts PostgreSQL and prepares the four writers. */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("qleap-bench-pg-");
        server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
        db = Database.launch(new DatabaseContext().dataDir(dir).url(server.jdbcUrl("postgres")).user("postgres")
            .password("").schema("bench").poolSize(2));
        ticks = new SyntheticTicks(BATCH, T0_NS);
        persister = new Persister(new PersisterContext().dataSource(db.dataSource()).inSource(ticks)
            .batchSize(BATCH).tickPolicy(TickPolicy.ALL));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement())
        {
            s.execute(MarketDataPartitions.createSql(MarketDataPartitions.istDay(T0_NS)));
            s.execute("CREATE TABLE ticks_no_index (LIKE market_data)");
            s.execute("CREATE TABLE ticks_btree (LIKE market_data)");
            s.execute("CREATE INDEX ON ticks_btree (instrument_token, received_at)");
        }
        plain = connect(false);
        rewritten = connect(true);
        copy = connect(false);
        plainInsert = plain.prepareStatement(INSERT_SQL);
        rewrittenInsert = rewritten.prepareStatement(INSERT_SQL);
        copyRows = new BinaryCopyBuffer(BATCH * 256);
        for (int i = 0; i < BATCH; i++)
        {
            final long[] r = ticks.row(i);
            copyRows.startRow(21);
            copyRows.int8(i);
            copyRows.timestampNs(r[0]);
            copyRows.int8(r[1]);
            copyRows.int2((int)r[2]);
            for (int c = 3; c <= 13; c++)
            {
                copyRows.int8(r[c]);
            }
            copyRows.timestampS(r[14]);
            copyRows.timestampS(r[15]);
            for (int c = 16; c <= 19; c++)
            {
                copyRows.int8(r[c]);
            }
        }
    }

    private Connection connect(final boolean rewriteBatchedInserts) throws SQLException
    {
        final Connection c = DriverManager.getConnection(server.jdbcUrl("postgres") +
            "?currentSchema=bench&reWriteBatchedInserts=" + rewriteBatchedInserts, "postgres", "");
        c.setAutoCommit(false);
        return c;
    }

    /** Each iteration starts from an empty table, so every writer sees the same index growth. */
    @Setup(Level.Iteration)
    public void truncate() throws SQLException
    {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement())
        {
            s.execute("TRUNCATE market_data");
            s.execute("TRUNCATE ticks_no_index");
            s.execute("TRUNCATE ticks_btree");
        }
    }

    /** Stops PostgreSQL and removes its files. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        plain.close();
        rewritten.close();
        copy.close();
        db.close();
        server.close();
        try (var paths = Files.walk(dir))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        }
    }

    /** The persister: decode SBE ticks, binary COPY, checkpoint, commit. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int persister()
    {
        return persister.doWork();
    }

    /** Plain JDBC batch INSERT of the same rows. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int jdbcBatchInsert() throws SQLException
    {
        return insert(plain, plainInsert);
    }

    /** JDBC batch INSERT with reWriteBatchedInserts=true (multi-row VALUES). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int jdbcBatchInsertRewritten() throws SQLException
    {
        return insert(rewritten, rewrittenInsert);
    }

    /** Raw binary COPY of pre-encoded rows into the day's partition, as the persister does: the ceiling. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawBinaryCopy() throws SQLException
    {
        final long rows = copyRows.copyTo(copy.unwrap(PGConnection.class).getCopyAPI(), COPY_PARTITION_SQL);
        copy.commit();
        return rows;
    }

    /** Raw binary COPY into the same columns without partitioning or index: PostgreSQL's own ceiling here. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawBinaryCopyNoIndex() throws SQLException
    {
        final long rows = copyRows.copyTo(copy.unwrap(PGConnection.class).getCopyAPI(), COPY_NO_INDEX_SQL);
        copy.commit();
        return rows;
    }

    /** Raw binary COPY into a table with the instrument B-tree every partition kept before (the old design). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawBinaryCopyInstrumentBtree() throws SQLException
    {
        final long rows = copyRows.copyTo(copy.unwrap(PGConnection.class).getCopyAPI(), COPY_BTREE_SQL);
        copy.commit();
        return rows;
    }

    private int insert(final Connection connection, final PreparedStatement s) throws SQLException
    {
        for (int i = 0; i < BATCH; i++)
        {
            final long[] r = ticks.row(i);
            s.setLong(1, nextIndex++);
            s.setObject(2, OffsetDateTime.ofInstant(Instant.ofEpochSecond(0, r[0]), ZoneOffset.UTC));
            s.setLong(3, r[1]);
            s.setShort(4, (short)r[2]);
            for (int c = 3; c <= 13; c++)
            {
                s.setLong(c + 2, r[c]);
            }
            s.setObject(16, OffsetDateTime.ofInstant(Instant.ofEpochSecond(r[14]), ZoneOffset.UTC));
            s.setObject(17, OffsetDateTime.ofInstant(Instant.ofEpochSecond(r[15]), ZoneOffset.UTC));
            for (int c = 16; c <= 19; c++)
            {
                s.setLong(c + 2, r[c]);
            }
            s.addBatch();
        }
        final int[] counts = s.executeBatch();
        connection.commit();
        return counts.length;
    }
}
