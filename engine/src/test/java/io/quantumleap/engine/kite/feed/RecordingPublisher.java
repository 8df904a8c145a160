package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

public final class RecordingPublisher implements CommandPublisher
{
    private final List<UnsafeBuffer> commands = new ArrayList<>();

    @Override
    public synchronized boolean publish(final DirectBuffer buffer, final int offset, final int length)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, buffer, offset, length);
        commands.add(copy);
        return true;
    }

    public synchronized List<UnsafeBuffer> commands()
    {
        return List.copyOf(commands);
    }

    public synchronized List<UnsafeBuffer> commands(final int templateId)
    {
        final List<UnsafeBuffer> result = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (final UnsafeBuffer command : commands)
        {
            if (header.wrap(command, 0).templateId() == templateId)
            {
                result.add(command);
            }
        }
        return result;
    }

    public synchronized void clear()
    {
        commands.clear();
    }
}
