package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Told of every order state change, on the simulator thread.
 */
@FunctionalInterface
interface OrderListener
{
    void onOrderUpdate(Order order, ObjectNode snapshot);
}
