package io.plumbery.runtime.master.api;

import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.MasterInfo;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Serves a route on the leader; elsewhere answers 307 to the leader (as Mesos does) or 503 if none is known. */
public final class LeaderGate {
    private final BooleanSupplier isLeader;
    private final Supplier<Optional<MasterInfo>> leader;
    private final Supplier<MasterInfo> self;

    public LeaderGate(BooleanSupplier isLeader, Supplier<Optional<MasterInfo>> leader, Supplier<MasterInfo> self) {
        this.isLeader = isLeader;
        this.leader = leader;
        this.self = self;
    }

    public Router.Route leaderOnly(Router.Route route) {
        return exchange -> {
            if (isLeader.getAsBoolean()) {
                route.handle(exchange);
            } else {
                redirect(exchange);
            }
        };
    }

    /** {@code /master/redirect}: always to the leader's base URL, even from the leader itself. */
    public void redirect(Exchange exchange) {
        Optional<MasterInfo> info = leader.get();
        boolean toSelfWhileNotLeading = info.isPresent() && self.get() != null
                && info.get().id().equals(self.get().id()) && !isLeader.getAsBoolean();
        if (info.isEmpty() || toSelfWhileNotLeading) {
            exchange.text(503, "No leader elected");
            return;
        }
        String base = baseUrl(info.get());
        String path = exchange.path();
        if (path.equals("/redirect") || path.equals("/master/redirect")) {
            exchange.redirect(base);
        } else {
            exchange.redirect(base + exchange.pathAndQuery());
        }
    }

    /** A master's scheme-relative base URL, {@code //host:port}, by its hostname or else its address. */
    public static String baseUrl(MasterInfo master) {
        String host = master.hostname() != null ? master.hostname() : MasterInfo.uint32ToIp(master.ip());
        return "//" + host + ":" + master.port();
    }
}
