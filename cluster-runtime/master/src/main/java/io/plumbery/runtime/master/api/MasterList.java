package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /master/masters}: every master contending in the election, the leader first, each as the MasterInfo JSON
 * of {@code leader_info} with {@code leading}. Mesos has no such endpoint (its {@code /master/state} names the leader
 * only, and its web UI lists no standbys); the Mesos page lists the standbys from it. Every master answers it from the
 * election's znodes, which it reads anyway to find the leader.
 */
public final class MasterList {
    public static final String PATH = "/master/masters";
    private final Supplier<List<MasterInfo>> masters;

    public MasterList(Supplier<List<MasterInfo>> masters) {
        this.masters = masters;
    }

    public void register(Router router) {
        router.route(this::masters, PATH);
    }

    private void masters(Exchange ex) {
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("masters");
        List<MasterInfo> all = masters.get();
        for (int i = 0; i < all.size(); i++) {
            ObjectNode m = Json.tree(all.get(i));
            list.add(m.put("leading", i == 0));
        }
        ex.json(200, o);
    }
}
