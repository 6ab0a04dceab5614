package io.plumbery.cli;

import io.plumbery.cli.view.TunnelView;
import io.plumbery.engine.cluster.ServiceLeaders.Service;
import io.plumbery.engine.tunnel.Tunnel;
import io.plumbery.fittings.model.Plan;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tunnel", mixinStandardHelpOptions = true,
        description = {"Opens plain HTTP ports on 127.0.0.1 to the cluster's master, Marathon and Chronos, for clients "
                + "that speak no TLS: each connection goes over TLS, checked against the plan's authority, to the "
                + "service's leader of that moment. Prints one URL a line (master, marathon, chronos) and runs until "
                + "interrupted (Ctrl-C, SIGTERM).",
                "The tunnel adds no credentials: clients still authenticate themselves (HTTP Basic, e.g. as admin), "
                        + "so it gives other users of this machine nothing they could not reach already.",
                "Example:",
                "  plumbery fittings.yaml tunnel --master-port 5050 &",
                "  ADMIN_SECRET=$(plumbery fittings.yaml information --secret admin)",
                "  curl -u admin:\"$ADMIN_SECRET\" http://127.0.0.1:5050/master/state"})
final class TunnelCommand extends PlanCommandBase {

    @Option(names = "--json", description = "print the URLs as one JSON object (service: URL)")
    boolean json;

    @Option(names = "--master-port", paramLabel = "PORT", description = "local port of the master (default: a free one)")
    int masterPort;

    @Option(names = "--marathon-port", paramLabel = "PORT", description = "local port of Marathon (default: a free one)")
    int marathonPort;

    @Option(names = "--chronos-port", paramLabel = "PORT", description = "local port of Chronos (default: a free one)")
    int chronosPort;

    @Override
    public Integer call() throws Exception {
        Plan plan = loadPlan();
        if (plan == null) {
            return ExitCodes.USAGE;
        }
        Map<Service, Integer> ports = new EnumMap<>(Map.of(Service.MASTER, masterPort, Service.MARATHON, marathonPort,
                Service.CHRONOS, chronosPort));
        Tunnel tunnel;
        try {
            tunnel = Tunnel.open(plan, root.stateDir, ports, this::problem);
        } catch (Tunnel.Refused e) {
            err().println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        // Ctrl-C and SIGTERM end the process; its ports are closed on the way out
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tunnel.close();
            } catch (Exception ignored) {
                // the process ends: its ports close with it
            }
        }, "tunnel-close"));
        new TunnelView(tunnel.listeners()).render(out(), json);
        out().flush();
        new CountDownLatch(1).await(); // forwards until the process is stopped
        return ExitCodes.OK;
    }

    private void problem(String line) {
        synchronized (this) {
            err().println(line);
            err().flush();
        }
    }
}
