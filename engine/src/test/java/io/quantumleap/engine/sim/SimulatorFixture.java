package io.quantumleap.engine.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up most simulator tests share: before each test a simulator on a {@link ManualClock} at Monday 10:00 IST
 * and a {@link SimHttp} logged in to it as the default paper user; after it, the simulator closed. A test class
 * extends this and overrides {@link #context()} to start the simulator with other settings, or calls
 * {@link #restart} for one test.
 */
abstract class SimulatorFixture
{
    final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    KiteSimulator sim;
    SimHttp http;

    /** @return the settings the simulator starts with; {@link SimHttp#context} unless a test class needs others. */
    KiteSimulator.Context context()
    {
        return SimHttp.context(clock);
    }

    @BeforeEach
    void start() throws Exception
    {
        open(context());
    }

    /** Closes the simulator and starts another with {@code context}, {@link #http} logged in to it. */
    void restart(final KiteSimulator.Context context) throws Exception
    {
        sim.close();
        open(context);
    }

    private void open(final KiteSimulator.Context context) throws Exception
    {
        sim = new KiteSimulator(context).start();
        http = new SimHttp(sim);
        http.login();
    }

    @AfterEach
    void stop()
    {
        sim.close();
    }
}
