package io.quantumleap.gateway.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.quantumleap.gateway.live.LiveState;
import io.micronaut.context.annotation.Requires;
import io.quantumleap.gateway.runtime.CoreReservation;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.runtime.ThreadTimes;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.persistence.persister.QueueMetrics;
import jakarta.inject.Singleton;

/** Engine, journal and persister numbers as Micrometer gauges (read on scrape; nothing is pushed). */
@Requires(beans = EngineRuntime.class)
@Singleton
final class EngineMetrics
{
    private final MeterRegistry registry;
    private final EngineRuntime engine;
    private final LiveState live;

    EngineMetrics(final MeterRegistry registry, final EngineRuntime engine, final LiveState live)
    {
        this.registry = registry;
        this.engine = engine;
        this.live = live;
    }

    @EventListener
    void register(final StartupEvent event)
    {
        Gauge.builder("qleap.journal.in.last.index", engine, e -> e.journal().lastIndex(JournalStream.IN))
            .description("Index of the last command journaled").register(registry);
        Gauge.builder("qleap.journal.out.last.index", engine, e -> e.journal().lastIndex(JournalStream.OUT))
            .description("Index of the last event journaled").register(registry);
        FunctionCounter.builder("qleap.gateway.events.applied", live, LiveState::eventsApplied)
            .description("Engine events applied to the gateway's read model since it started, the day replayed at " +
                "start included (qleap_engine_events_out_total leaves it out)").register(registry);
        for (final QueueMetrics q : engine.persister().metrics())
        {
            final String queue = q.queueName();
            Gauge.builder("qleap.persister.lag.events", engine, e -> e.persister().metrics(queue).lagEvents())
                .tag("queue", queue).description("Journal entries not yet in PostgreSQL").register(registry);
            Gauge.builder("qleap.persister.lag.seconds", engine, e -> e.persister().metrics(queue).lagNs() / 1e9)
                .tag("queue", queue).description("Age of the oldest journal entry not yet in PostgreSQL")
                .register(registry);
        }
        FunctionCounter.builder("qleap.persister.failures", engine, e -> e.persister().failures())
            .description("Failed persister batches (retried)").register(registry);
        for (final ThreadTimes times : engine.threadTimes())
        {
            FunctionCounter.builder("qleap.thread.cpu", times, t -> t.cpuNs() / 1e9).baseUnit("seconds")
                .tag("thread", times.name()).description("Time the engine thread ran on a CPU").register(registry);
            FunctionCounter.builder("qleap.thread.wait", times, t -> t.waitNs() / 1e9).baseUnit("seconds")
                .tag("thread", times.name()).description("Time the engine thread was ready to run but waited for a "
                    + "CPU (scheduler delay; with a CPU reservation also the time held after its share was used up)")
                .register(registry);
        }
        final CoreReservation reservation = engine.coreReservation();
        if (reservation != null)
        {
            Gauge.builder("qleap.core.reservation.refused", reservation,
                r -> r.state() == CoreReservation.State.REFUSED ? 1 : 0)
                .description("1 when the kernel or the machine refused the core thread's CPU reservation (the log "
                    + "says why)").register(registry);
            Gauge.builder("qleap.core.reserved", reservation, r -> r.state() == CoreReservation.State.RESERVED ? 1 : 0)
                .description("1 while the core thread runs on its CPU reservation (SCHED_DEADLINE)").register(registry);
            FunctionCounter.builder("qleap.core.reservation.releases", reservation, CoreReservation::releases)
                .description("Times the core thread needed more than its reservation and went back to the normal "
                    + "scheduling class").register(registry);
        }
    }
}
