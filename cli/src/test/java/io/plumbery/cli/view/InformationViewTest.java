package io.plumbery.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbery.engine.information.Information;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformationViewTest {

    @Test
    void mesosDnsNamesAppsByTheirTaskNames() {
        assertEquals("shell-hello", InformationView.dnsName("/shell-hello"));
        assertEquals("web-prod", InformationView.dnsName("/prod/web"), "Marathon names tasks web.prod");
    }

    @Test
    void eachNodeIsOneLineWithItsSshCommandAndInformationBelow() {
        Information information = new Information("trio", "trio/fittings.yaml", "trio/.plumbery/trio.state.json",
                List.of(new Information.BlueprintInfo("trio", "local", "local", "trio 10.77.3.0/24", List.of(
                        new Information.NodeInfo("node1", "RUNNING", "10.77.3.2", "127.77.3.2",
                                "ssh plumbery-admin@127.77.3.2", List.of("ping node2")),
                        new Information.NodeInfo("node2", "NOT_BUILT", null, null, null, List.of())))),
                null, List.of("cluster endpoints not checked (--offline)"));
        StringWriter text = new StringWriter();
        new InformationView(information).render(new PrintWriter(text, true), false);
        assertEquals("""
                Plan trio (trio/fittings.yaml)
                State trio/.plumbery/trio.state.json

                blueprint trio in local (provider local), network trio 10.77.3.0/24
                  node1                RUNNING   private 10.77.3.2       public 127.77.3.2
                    $ ssh plumbery-admin@127.77.3.2
                    ping node2
                  node2                NOT_BUILT private -               public -

                note: cluster endpoints not checked (--offline)
                """, text.toString());
    }
}
