package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublicAddressTest {

    @Test
    void publicAddressIsTheLoopbackTwinOfThePrivateOne() {
        assertEquals("127.77.1.12", PublicAddress.of("10.77.1.12"));
        assertEquals("127.168.3.4", PublicAddress.of("192.168.3.4"));
    }
}
