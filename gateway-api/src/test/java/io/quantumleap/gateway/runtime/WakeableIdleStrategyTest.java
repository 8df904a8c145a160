package io.quantumleap.gateway.runtime;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class WakeableIdleStrategyTest
{
    @Test
    void shouldWakeAParkedAgentForEveryPieceOfWorkWithoutWaitingForTheBackstop()
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(TimeUnit.MINUTES.toNanos(10));
        final AtomicLong offered = new AtomicLong();
        final AtomicLong taken = new AtomicLong();
        final Agent agent = new Agent()
        {
            @Override
            public int doWork()
            {
                if (taken.get() < offered.get())
                {
                    taken.incrementAndGet();
                    return 1;
                }
                return 0;
            }

            @Override
            public String roleName()
            {
                return "wakeable-test";
            }
        };
        final int rounds = 2_000;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
        {
            final AgentRunner runner = new AgentRunner(idle, Throwable::printStackTrace, null, agent);
            AgentRunner.startOnThread(runner);
            {
                for (int i = 1; i <= rounds; i++)
                {
                    if (i % 100 == 0)
                    {
                        LockSupport.parkNanos(500_000);
                    }
                    offered.set(i);
                    idle.signal();
                    while (taken.get() < i)
                    {
                        Thread.onSpinWait();
                    }
                }
                offered.set(rounds + 1);
                idle.signal();
                while (taken.get() < rounds + 1)
                {
                    Thread.onSpinWait();
                }
            }
            final Thread closer = new Thread(runner::close);
            closer.start();
            while (closer.isAlive())
            {
                idle.signal();
                closer.join(1);
            }
        });
        assertEquals(rounds + 1, taken.get());
    }
}
