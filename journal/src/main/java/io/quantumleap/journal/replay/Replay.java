package io.quantumleap.journal.replay;

import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalException;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import io.quantumleap.journal.schema.JournalSchema;
import io.quantumleap.journal.schema.MessageFields;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongHashSet;

import java.util.function.Function;

/**
 * Replays a journal: from an index or a time to an index or a time, filtered by instrument and message
 * type, at full speed or at the recorded pace, into a handler the caller supplies or through a fresh core.
 *
 * <pre>{@code
 * // a quant's handler over the recorded events of one instrument, ten times real time
 * Replay.of(journal).stream(JournalStream.OUT).instrument(256265).pace(Pacer.realTime(10_000))
 *     .into((index, buffer, offset, length) -> strategy.onEvent(buffer, offset, length)).run();
 *
 * // rebuild the engine as it was at 11:15 IST and watch the fills until then
 * Replay.of(journal).toTimeNs(t).templates(FillEventDecoder.TEMPLATE_ID)
 *     .intoFreshCore(TradingCore::new, fillsSink).run();
 * }</pre>
 *
 * <p>Into a handler, the messages of the chosen stream that pass the range and the filters are handed over.
 * Through a fresh core, every command of {@code in} from the start of the journal up to the end of the
 * range goes into the core (state needs all of them); the events it emits for commands inside the range
 * that pass the filters go to the caller's sink. A replay runs on the calling thread.
 */
public final class Replay
{
    private static final int POLL_LIMIT = 4096;
    private static final int PROGRESS_EVERY = 1 << 16;

    private final Journal journal;
    private JournalStream stream = JournalStream.IN;
    private long fromIndex = Long.MIN_VALUE;
    private long toIndex = Long.MAX_VALUE;
    private long fromTimeNs = Long.MIN_VALUE;
    private long toTimeNs = Long.MAX_VALUE;
    private final LongHashSet instruments = new LongHashSet();
    private final IntHashSet templates = new IntHashSet();
    private final IntHashSet trackedTemplates = new IntHashSet();
    private ExcerptHandler tracker;
    private Pacer pacer;
    private ExcerptHandler handler;
    private Function<EventSink, ? extends CommandHandler> coreFactory;
    private EventSink coreEvents;
    private ReplayProgress progress = ReplayProgress.NONE;

    private Replay(final Journal journal)
    {
        this.journal = journal;
    }

    /**
     * @param journal to replay, open (read-only is enough).
     * @return a replay of its {@code in} queue, whole, at full speed; choose a target before {@link #run()}.
     */
    public static Replay of(final Journal journal)
    {
        return new Replay(journal);
    }

    /**
     * @param stream queue whose messages go to the handler of {@link #into}; a fresh core always reads {@code in}.
     * @return this.
     */
    public Replay stream(final JournalStream stream)
    {
        this.stream = stream;
        return this;
    }

    /**
     * @param index first journal index of the range, inclusive.
     * @return this.
     */
    public Replay fromIndex(final long index)
    {
        this.fromIndex = index;
        return this;
    }

    /**
     * @param index last journal index of the range, inclusive.
     * @return this.
     */
    public Replay toIndex(final long index)
    {
        this.toIndex = index;
        return this;
    }

    /**
     * @param timeNs the range starts at the first message recorded at or after this time (epoch ns).
     * @return this.
     */
    public Replay fromTimeNs(final long timeNs)
    {
        this.fromTimeNs = timeNs;
        return this;
    }

    /**
     * @param timeNs the range ends before the first message recorded after this time (epoch ns).
     * @return this.
     */
    public Replay toTimeNs(final long timeNs)
    {
        this.toTimeNs = timeNs;
        return this;
    }

    /**
     * Keeps only messages about this instrument (repeat for several); messages about no instrument are
     * dropped once any instrument is chosen.
     *
     * @param instrumentToken Kite instrument token.
     * @return this.
     */
    public Replay instrument(final long instrumentToken)
    {
        instruments.add(instrumentToken);
        return this;
    }

    /**
     * Keeps only messages of these SBE template ids (repeatable); all when none is chosen.
     *
     * @param templateIds e.g. {@code FillEventDecoder.TEMPLATE_ID}.
     * @return this.
     */
    public Replay templates(final int... templateIds)
    {
        for (final int templateId : templateIds)
        {
            templates.add(templateId);
        }
        return this;
    }

    /**
     * Also hands the messages of these templates to {@code state}, from the start of the journal (not only from the
     * range's start) to the end of the range, in journal order with the messages of {@link #into}: for state that
     * the range's messages need but that may have been recorded long before the range, such as instrument
     * definitions. The instrument filter applies to them too, the type filter does not. A handler's range then
     * starts with reading the journal from its start, as a time range always does. Through a fresh core, which sees
     * every command anyway, {@code state} gets the core's events of these templates from its first command on (with
     * the command's index), so it holds the state at the range's end whatever the range's start and the types.
     *
     * @param state       receives each of them before the handler or sink sees any message that follows it.
     * @param templateIds e.g. {@code InstrumentDefinitionCommandDecoder.TEMPLATE_ID}.
     * @return this.
     */
    public Replay tracking(final ExcerptHandler state, final int... templateIds)
    {
        this.tracker = state;
        trackedTemplates.clear();
        for (final int templateId : templateIds)
        {
            trackedTemplates.add(templateId);
        }
        return this;
    }

    /**
     * @param pacer releases messages at their recorded pace; null (the default) replays at full speed.
     * @return this.
     */
    public Replay pace(final Pacer pacer)
    {
        this.pacer = pacer;
        return this;
    }

    /**
     * @param progress told how far the replay has got.
     * @return this.
     */
    public Replay progress(final ReplayProgress progress)
    {
        this.progress = progress;
        return this;
    }

    /**
     * @param handler receives the messages of the chosen stream that pass the range and filters.
     * @return this.
     */
    public Replay into(final ExcerptHandler handler)
    {
        this.handler = handler;
        this.coreFactory = null;
        return this;
    }

    /**
     * @param coreFactory makes a fresh core writing to the given sink, e.g. {@code TradingCore::new}.
     * @param events      receives the core's events for commands in the range that pass the filters; may be null.
     * @return this.
     */
    public Replay intoFreshCore(final Function<EventSink, ? extends CommandHandler> coreFactory, final EventSink events)
    {
        this.coreFactory = coreFactory;
        this.coreEvents = events;
        this.handler = null;
        return this;
    }

    /**
     * Runs the replay to the end of the range or of the journal, whichever comes first.
     *
     * @return what it did.
     * @throws JournalException when the journal is corrupt or of an unreadable schema.
     */
    public ReplayResult run()
    {
        if (null == handler && null == coreFactory)
        {
            throw new IllegalStateException("choose where the replay goes: into(handler) or intoFreshCore(...)");
        }
        final long startNs = System.nanoTime();
        final Runner runner = null != coreFactory ? new CoreRunner() : new HandlerRunner(handler);
        final JournalStream source = null != coreFactory ? JournalStream.IN : stream;
        try (JournalReader reader = journal.reader(source))
        {
            if (null == coreFactory && null == tracker && fromIndex != Long.MIN_VALUE &&
                !reader.moveToIndex(fromIndex))
            {
                positionAtOrAfter(reader, fromIndex);
            }
            while (!runner.done && reader.poll(runner, POLL_LIMIT) > 0)
            {
                if ((runner.read & -PROGRESS_EVERY) != (runner.lastProgressAt & -PROGRESS_EVERY))
                {
                    runner.lastProgressAt = runner.read;
                    progress.onProgress(runner.read, runner.lastIndex);
                }
            }
        }
        progress.onProgress(runner.read, runner.lastIndex);
        return new ReplayResult(runner.read, runner.delivered, runner.commandsIntoCore, runner.eventsEmitted,
            runner.firstIndex, runner.lastIndex, System.nanoTime() - startNs);
    }

    private void positionAtOrAfter(final JournalReader reader, final long index)
    {
        if (index > journal.lastIndex(stream))
        {
            reader.toEnd();
        }
        else
        {
            reader.toStart();
        }
    }

    private boolean inRange(final long index, final long timestampNs)
    {
        // A message without a time never starts a range that begins at a time: the first timed one at or after it does.
        return index >= fromIndex && (fromTimeNs == Long.MIN_VALUE || timestampNs != Long.MIN_VALUE &&
            timestampNs >= fromTimeNs);
    }

    private boolean pastRange(final long index, final long timestampNs)
    {
        return index > toIndex || (timestampNs != Long.MIN_VALUE && timestampNs > toTimeNs);
    }

    private boolean passesFilters(final DirectBuffer buffer, final int offset)
    {
        if (!templates.isEmpty() && !templates.contains(JournalSchema.templateId(buffer, offset)))
        {
            return false;
        }
        return aboutChosenInstrument(buffer, offset);
    }

    private boolean aboutChosenInstrument(final DirectBuffer buffer, final int offset)
    {
        return instruments.isEmpty() || instruments.contains(MessageFields.instrumentToken(buffer, offset));
    }

    private boolean tracked(final DirectBuffer buffer, final int offset)
    {
        return null != tracker && trackedTemplates.contains(JournalSchema.templateId(buffer, offset)) &&
            aboutChosenInstrument(buffer, offset);
    }

    private abstract class Runner implements ExcerptHandler
    {
        long read;
        long lastProgressAt;
        long delivered;
        long commandsIntoCore;
        long eventsEmitted;
        long firstIndex = -1;
        long lastIndex = -1;
        boolean done;
        private boolean started;
        private final boolean readsTime = fromTimeNs != Long.MIN_VALUE || toTimeNs != Long.MAX_VALUE || null != pacer;

        @Override
        public void onExcerpt(final long index, final DirectBuffer buffer, final int offset, final int length)
        {
            if (done)
            {
                return;
            }
            final long timestampNs = readsTime ? MessageFields.timestampNs(buffer, offset) : Long.MIN_VALUE;
            if (pastRange(index, timestampNs))
            {
                done = true;
                return;
            }
            read++;
            if (firstIndex < 0)
            {
                firstIndex = index;
            }
            lastIndex = index;
            if (!started && inRange(index, timestampNs))
            {
                started = true;
            }
            onMessage(index, timestampNs, started, buffer, offset, length);
        }

        abstract void onMessage(
            long index, long timestampNs, boolean inRange, DirectBuffer buffer, int offset, int length);
    }

    private final class HandlerRunner extends Runner
    {
        private final ExcerptHandler target;

        HandlerRunner(final ExcerptHandler target)
        {
            this.target = target;
        }

        @Override
        void onMessage(
            final long index,
            final long timestampNs,
            final boolean inRange,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            if (tracked(buffer, offset))
            {
                tracker.onExcerpt(index, buffer, offset, length);
            }
            if (inRange && passesFilters(buffer, offset))
            {
                if (null != pacer)
                {
                    pacer.awaitDue(timestampNs);
                }
                delivered++;
                target.onExcerpt(index, buffer, offset, length);
            }
        }
    }

    private final class CoreRunner extends Runner implements EventSink
    {
        private final CommandHandler core;
        private boolean deliverEvents;

        CoreRunner()
        {
            core = coreFactory.apply(this);
        }

        @Override
        void onMessage(
            final long index,
            final long timestampNs,
            final boolean inRange,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            deliverEvents = inRange && null != coreEvents;
            if (inRange && null != pacer)
            {
                pacer.awaitDue(timestampNs);
            }
            commandsIntoCore++;
            core.onCommand(index, buffer, offset, length);
        }

        @Override
        public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            eventsEmitted++;
            if (tracked(buffer, offset))
            {
                tracker.onExcerpt(inputSequence, buffer, offset, length);
            }
            if (deliverEvents && passesFilters(buffer, offset))
            {
                delivered++;
                coreEvents.onEvent(inputSequence, buffer, offset, length);
            }
        }

        @Override
        public void endOfBatch()
        {
            if (null != coreEvents)
            {
                coreEvents.endOfBatch();
            }
        }
    }
}
