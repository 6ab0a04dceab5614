package io.plumbery.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InformationViewTest {

    @Test
    void mesosDnsNamesAppsByTheirTaskNames() {
        assertEquals("shell-hello", InformationView.dnsName("/shell-hello"));
        assertEquals("web-prod", InformationView.dnsName("/prod/web"), "Marathon names tasks web.prod");
    }
}
