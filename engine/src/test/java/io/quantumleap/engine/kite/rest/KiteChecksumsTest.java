package io.quantumleap.engine.kite.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KiteChecksumsTest
{
    @Test
    void shouldMatchTheOfficialSessionChecksumVector()
    {
        assertEquals("ac90aa6cafb2bab90a172d38f70c66cbc1d96601852123530459fcabbc487d4f",
            KiteChecksums.session("Uz7Mdn29ZGya31a", "qKLeSUycwFEvWGw", "kqykYBBhGEwPziq"));
    }
}
