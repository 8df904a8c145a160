package io.quantumleap.engine.transport;

import io.quantumleap.engine.transport.control.CatchUpRequestDecoder;
import io.quantumleap.engine.transport.control.CatchUpRequestEncoder;
import io.quantumleap.engine.transport.control.GroupSizeEncodingDecoder;
import io.quantumleap.engine.transport.control.MessageHeaderDecoder;
import io.quantumleap.engine.transport.control.MessageHeaderEncoder;
import io.quantumleap.engine.transport.control.ReleaseRequestDecoder;
import io.quantumleap.engine.transport.control.ReleaseRequestEncoder;
import io.quantumleap.engine.transport.control.StopRequestDecoder;
import io.quantumleap.engine.transport.control.StopRequestEncoder;
import io.quantumleap.engine.transport.control.WatchRequestDecoder;
import io.quantumleap.engine.transport.control.WatchRequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Requests a follower sends to the engine on the control stream, in the SBE schema
 * {@code sbe/stream-control-schema.xml}: {@code CatchUpRequest} (send every {@code out} event after an index to a
 * channel and stream, then keep tailing), {@code StopRequest} (the follower joined the live stream),
 * {@code WatchRequest} (subscribe the feed to instruments) and {@code ReleaseRequest} (the follower no longer needs
 * them: each takes back one watch, and the feed drops an instrument nobody watches). Requests come from other
 * processes, so {@link #decode} checks every length against the bytes received before it reads a field.
 *
 * <p>Holds codec flyweights: one instance per thread.
 */
final class StreamControl
{
    /** Longest channel a request may name. */
    static final int MAX_CHANNEL_LENGTH = 1024;
    /** Most instruments in one watch or release request. */
    static final int MAX_WATCH_TOKENS = 3000;
    /** Bytes of the longest catch-up request. */
    static final int MAX_CATCH_UP_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + CatchUpRequestEncoder.BLOCK_LENGTH +
        CatchUpRequestEncoder.channelHeaderLength() + MAX_CHANNEL_LENGTH;

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    /** What a well-formed request asks for. */
    interface Requests
    {
        void onCatchUp(int streamId, long afterIndex, String channel);

        void onStop(int streamId);

        void onWatch(long[] tokens, int mode);

        void onRelease(long[] tokens);
    }

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CatchUpRequestEncoder catchUpEncoder = new CatchUpRequestEncoder();
    private final StopRequestEncoder stopEncoder = new StopRequestEncoder();
    private final WatchRequestEncoder watchEncoder = new WatchRequestEncoder();
    private final ReleaseRequestEncoder releaseEncoder = new ReleaseRequestEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CatchUpRequestDecoder catchUpDecoder = new CatchUpRequestDecoder();
    private final StopRequestDecoder stopDecoder = new StopRequestDecoder();
    private final WatchRequestDecoder watchDecoder = new WatchRequestDecoder();
    private final ReleaseRequestDecoder releaseDecoder = new ReleaseRequestDecoder();
    private final GroupSizeEncodingDecoder dimensions = new GroupSizeEncodingDecoder();

    /** @return the request's length. */
    int encodeCatchUp(final MutableDirectBuffer buffer, final int streamId, final long afterIndex, final String channel)
    {
        catchUpEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).streamId(streamId).afterIndex(afterIndex)
            .channel(channel);
        return HEADER_LENGTH + catchUpEncoder.encodedLength();
    }

    /** @return the request's length. */
    int encodeStop(final MutableDirectBuffer buffer, final int streamId)
    {
        stopEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).streamId(streamId);
        return HEADER_LENGTH + stopEncoder.encodedLength();
    }

    /** @return the request's length. */
    int encodeWatch(final MutableDirectBuffer buffer, final int mode, final long[] tokens)
    {
        final WatchRequestEncoder.InstrumentsEncoder instruments =
            watchEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).mode(mode).instrumentsCount(tokens.length);
        for (final long token : tokens)
        {
            instruments.next().token(token);
        }
        return HEADER_LENGTH + watchEncoder.encodedLength();
    }

    /** @return bytes of a watch request for this many instruments. */
    static int watchLength(final int tokens)
    {
        return HEADER_LENGTH + WatchRequestEncoder.BLOCK_LENGTH + GroupSizeEncodingDecoder.ENCODED_LENGTH +
            tokens * WatchRequestEncoder.InstrumentsEncoder.sbeBlockLength();
    }

    /** @return the request's length. */
    int encodeRelease(final MutableDirectBuffer buffer, final long[] tokens)
    {
        final ReleaseRequestEncoder.InstrumentsEncoder instruments =
            releaseEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).instrumentsCount(tokens.length);
        for (final long token : tokens)
        {
            instruments.next().token(token);
        }
        return HEADER_LENGTH + releaseEncoder.encodedLength();
    }

    /** @return bytes of a release request for this many instruments. */
    static int releaseLength(final int tokens)
    {
        return HEADER_LENGTH + ReleaseRequestEncoder.BLOCK_LENGTH + GroupSizeEncodingDecoder.ENCODED_LENGTH +
            tokens * ReleaseRequestEncoder.InstrumentsEncoder.sbeBlockLength();
    }

    /**
     * Checks a request and hands what it asks for to {@code requests}.
     *
     * @return what is wrong with the request (then nothing was handed on), or null.
     */
    String decode(final DirectBuffer buffer, final int offset, final int length, final Requests requests)
    {
        if (length < HEADER_LENGTH)
        {
            return "control request of " + length + " bytes is shorter than its " + HEADER_LENGTH + "-byte header";
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            headerDecoder.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return "control request of schema " + headerDecoder.schemaId() + " version " + headerDecoder.version() +
                ", expected schema " + MessageHeaderDecoder.SCHEMA_ID + " up to version " +
                MessageHeaderDecoder.SCHEMA_VERSION;
        }
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int body = offset + HEADER_LENGTH;
        switch (headerDecoder.templateId())
        {
            case CatchUpRequestDecoder.TEMPLATE_ID:
            {
                final int fixed = HEADER_LENGTH + blockLength + CatchUpRequestDecoder.channelHeaderLength();
                if (blockLength < CatchUpRequestDecoder.BLOCK_LENGTH || length < fixed)
                {
                    return "catch-up request of " + length + " bytes with a " + blockLength +
                        "-byte block is shorter than its fixed part";
                }
                catchUpDecoder.wrap(buffer, body, blockLength, version);
                final int channelLength = catchUpDecoder.channelLength();
                if (channelLength <= 0 || channelLength > MAX_CHANNEL_LENGTH || fixed + channelLength != length)
                {
                    return "catch-up request: channel length " + channelLength + " does not fit its " + length +
                        " bytes";
                }
                requests.onCatchUp(catchUpDecoder.streamId(), catchUpDecoder.afterIndex(), catchUpDecoder.channel());
                return null;
            }
            case StopRequestDecoder.TEMPLATE_ID:
            {
                if (blockLength < StopRequestDecoder.BLOCK_LENGTH || length != HEADER_LENGTH + blockLength)
                {
                    return "stop request of " + length + " bytes does not hold its " + blockLength + "-byte block";
                }
                requests.onStop(stopDecoder.wrap(buffer, body, blockLength, version).streamId());
                return null;
            }
            case WatchRequestDecoder.TEMPLATE_ID:
            {
                final String wrong = checkInstruments("watch", buffer, offset, length, blockLength,
                    WatchRequestDecoder.BLOCK_LENGTH, WatchRequestDecoder.InstrumentsDecoder.sbeBlockLength());
                if (wrong != null)
                {
                    return wrong;
                }
                final WatchRequestDecoder.InstrumentsDecoder instruments =
                    watchDecoder.wrap(buffer, body, blockLength, version).instruments();
                final long[] tokens = new long[instruments.count()];
                for (int i = 0; i < tokens.length; i++)
                {
                    tokens[i] = instruments.next().token();
                }
                requests.onWatch(tokens, watchDecoder.mode());
                return null;
            }
            case ReleaseRequestDecoder.TEMPLATE_ID:
            {
                final String wrong = checkInstruments("release", buffer, offset, length, blockLength,
                    ReleaseRequestDecoder.BLOCK_LENGTH, ReleaseRequestDecoder.InstrumentsDecoder.sbeBlockLength());
                if (wrong != null)
                {
                    return wrong;
                }
                final ReleaseRequestDecoder.InstrumentsDecoder instruments =
                    releaseDecoder.wrap(buffer, body, blockLength, version).instruments();
                final long[] tokens = new long[instruments.count()];
                for (int i = 0; i < tokens.length; i++)
                {
                    tokens[i] = instruments.next().token();
                }
                requests.onRelease(tokens);
                return null;
            }
            default:
                return "control request of unknown template " + headerDecoder.templateId();
        }
    }

    /** @return what is wrong with the lengths of a request made of a block and one group of instruments, or null. */
    private String checkInstruments(
        final String kind, final DirectBuffer buffer, final int offset, final int length, final int blockLength,
        final int minBlockLength, final int minEntryLength)
    {
        final int fixed = HEADER_LENGTH + blockLength + GroupSizeEncodingDecoder.ENCODED_LENGTH;
        if (blockLength < minBlockLength || length < fixed)
        {
            return kind + " request of " + length + " bytes is shorter than its fixed part";
        }
        dimensions.wrap(buffer, offset + HEADER_LENGTH + blockLength);
        final int count = dimensions.numInGroup();
        final int entryLength = dimensions.blockLength();
        if (count > MAX_WATCH_TOKENS || entryLength < minEntryLength || fixed + count * entryLength != length)
        {
            return kind + " request: " + count + " instruments do not fit its " + length + " bytes";
        }
        return null;
    }
}
