package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import io.quantumleap.engine.protocol.TradeCommandDecoder;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Broker order updates and trades for a broker order id the core does not know yet, kept in arrival order until
 * the id is bound (the broker's ack, or the order's adoption) or a timer gives them up. Fixed capacity, allocated
 * up front; when full, the caller gives up the oldest to make room. Owned by the core thread.
 *
 * <p>Each slot keeps the command's fixed block and, for an order update, its status message (as the core keeps it, cut
 * to {@link TradingCore#MAX_BROKER_MESSAGE_LENGTH} bytes) in a var-data field after it, so the generated decoder can
 * wrap the slot as it would the command.
 */
final class ParkedBrokerUpdates
{
    static final int BLOCK_CAPACITY = BitUtil.align(
        Math.max(OrderUpdateCommandDecoder.BLOCK_LENGTH + Integer.BYTES + TradingCore.MAX_BROKER_MESSAGE_LENGTH,
            TradeCommandDecoder.BLOCK_LENGTH), 8);

    private final int capacity;
    private final UnsafeBuffer blocks;
    private final byte[] brokerIds;
    private final long[] brokerKeys;
    private final long[] accountIds;
    private final long[] parkedNs;
    private final int[] templateIds;
    private final int[] versions;
    private final boolean[] occupied;
    private int head;
    private int used;
    private int live;

    ParkedBrokerUpdates(final int capacity)
    {
        this.capacity = capacity;
        blocks = new UnsafeBuffer(new byte[capacity * BLOCK_CAPACITY]);
        brokerIds = new byte[capacity * Order.BROKER_ID_LENGTH];
        brokerKeys = new long[capacity];
        accountIds = new long[capacity];
        parkedNs = new long[capacity];
        templateIds = new int[capacity];
        versions = new int[capacity];
        occupied = new boolean[capacity];
    }

    /** @return true when no slot is free: the oldest entry must be given up before the next {@link #park}. */
    boolean isFull()
    {
        return used == capacity;
    }

    int capacity()
    {
        return capacity;
    }

    /** @return entries waiting. */
    int size()
    {
        return live;
    }

    /** @return slots from the oldest entry on, given up ones included: iterate with {@link #slotAt}. */
    int span()
    {
        return used;
    }

    /** @return the physical slot of the n-th entry from the oldest; it may be empty (see {@link #isOccupied}). */
    int slotAt(final int n)
    {
        return (head + n) % capacity;
    }

    /**
     * Copies a command's fixed block into the next slot.
     *
     * @param brokerId  the broker order id, zero padded to {@link Order#BROKER_ID_LENGTH}.
     * @param blockLength bytes of the block to keep (the decoder's own block length).
     * @param available bytes the command holds from {@code blockOffset}: fewer than {@code blockLength} for one
     *                  an older version wrote with a shorter block and no var data, the rest then zero.
     * @param message   holds the status message kept after the block.
     * @param messageLength bytes of {@code message} to keep, or -1 for a command with no var data.
     */
    void park(
        final long brokerKey,
        final byte[] brokerId,
        final long accountId,
        final long nowNs,
        final int templateId,
        final int version,
        final DirectBuffer buffer,
        final int blockOffset,
        final int blockLength,
        final int available,
        final DirectBuffer message,
        final int messageLength)
    {
        final int slot = (head + used) % capacity;
        used++;
        live++;
        occupied[slot] = true;
        brokerKeys[slot] = brokerKey;
        accountIds[slot] = accountId;
        parkedNs[slot] = nowNs;
        templateIds[slot] = templateId;
        versions[slot] = version;
        System.arraycopy(brokerId, 0, brokerIds, slot * Order.BROKER_ID_LENGTH, Order.BROKER_ID_LENGTH);
        final int at = slot * BLOCK_CAPACITY;
        blocks.setMemory(at, BLOCK_CAPACITY, (byte)0);
        blocks.putBytes(at, buffer, blockOffset, Math.min(blockLength, available));
        if (messageLength >= 0)
        {
            blocks.putInt(at + blockLength, messageLength, ByteOrder.LITTLE_ENDIAN);
            blocks.putBytes(at + blockLength + Integer.BYTES, message, 0, messageLength);
        }
    }

    /** Frees a slot; the oldest free slots are reclaimed at once. */
    void remove(final int slot)
    {
        if (!occupied[slot])
        {
            return;
        }
        occupied[slot] = false;
        live--;
        while (used > 0 && !occupied[head])
        {
            head = (head + 1) % capacity;
            used--;
        }
    }

    boolean isOccupied(final int slot)
    {
        return occupied[slot];
    }

    boolean matches(final int slot, final long brokerKey, final byte[] brokerId)
    {
        return occupied[slot] && brokerKeys[slot] == brokerKey && Arrays.equals(
            brokerIds, slot * Order.BROKER_ID_LENGTH, (slot + 1) * Order.BROKER_ID_LENGTH,
            brokerId, 0, Order.BROKER_ID_LENGTH);
    }

    long accountId(final int slot)
    {
        return accountIds[slot];
    }

    long parkedNs(final int slot)
    {
        return parkedNs[slot];
    }

    int templateId(final int slot)
    {
        return templateIds[slot];
    }

    int version(final int slot)
    {
        return versions[slot];
    }

    UnsafeBuffer buffer()
    {
        return blocks;
    }

    int blockOffset(final int slot)
    {
        return slot * BLOCK_CAPACITY;
    }

    long hash(final long h)
    {
        long r = StateHash.mix(h, live);
        r = StateHash.mix(r, used);
        for (int n = 0; n < used; n++)
        {
            final int slot = slotAt(n);
            if (occupied[slot])
            {
                r = StateHash.mix(r, brokerKeys[slot]);
                r = StateHash.mix(r, accountIds[slot]);
                r = StateHash.mix(r, parkedNs[slot]);
                r = StateHash.mix(r, templateIds[slot]);
            }
        }
        return r;
    }
}
