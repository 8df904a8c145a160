package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.SequenceBarrier;

final class Alerts implements SequenceBarrier
{
    static final Alerts NONE = new Alerts();

    private volatile boolean alerted;

    @Override
    public long waitFor(final long sequence)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public long getCursor()
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isAlerted()
    {
        return alerted;
    }

    @Override
    public void alert()
    {
        alerted = true;
    }

    @Override
    public void clearAlert()
    {
        alerted = false;
    }

    @Override
    public void checkAlert() throws AlertException
    {
        if (alerted)
        {
            throw AlertException.INSTANCE;
        }
    }
}
