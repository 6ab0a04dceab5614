package io.plumbery.runtime.dns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Mesos-DNS's HTTP API and JSON shapes: {@code GET /v1/version}, {@code /v1/config}, {@code /v1/hosts/{host}}
 * (A and AAAA), {@code /v1/services/{service}} (SRV, with each target's address). Not served: {@code /v1/enumerate}
 * and {@code /v1/axfr}. Mesos-DNS has no {@code /ping}; {@code /v1/version} is what health checks ask.
 */
final class DnsApi {
    private static final String[] WITH_PARAMETER = {"/v1/hosts/", "/v1/services/"};
    private final DnsConfig config;
    private final Supplier<Zone> zone;

    DnsApi(DnsConfig config, Supplier<Zone> zone) {
        this.config = config;
        this.zone = zone;
    }

    Handler handler() {
        Router router = new Router()
                .route(ex -> ex.json(200, Json.object().put("Service", "Mesos-DNS")
                        .put("URL", "https://github.com/mesosphere/mesos-dns").put("Version", DnsConfig.VERSION)),
                        "/v1/version")
                .route(ex -> ex.json(200, config.toJson(zone.get() == null ? 0 : zone.get().serial())), "/v1/config")
                .route(this::hosts, "/v1/hosts")
                .route(this::services, "/v1/services");
        return new PathParameter(router);
    }

    private void hosts(Exchange ex) {
        RecordSet records = loaded(ex);
        if (records == null) {
            return;
        }
        String name = fqdn(ex.query("name"));
        ArrayNode out = Json.MAPPER.createArrayNode();
        records.a(name).forEach(ip -> out.addObject().put("host", name).put("ip", ip));
        records.aaaa(name).forEach(ip -> out.addObject().put("host", name).put("ip", ip));
        if (out.isEmpty()) {
            out.addObject().put("host", "").put("ip", "");
        }
        ex.json(200, out);
    }

    private void services(Exchange ex) {
        RecordSet records = loaded(ex);
        if (records == null) {
            return;
        }
        String service = ex.query("name");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (RecordSet.Srv srv : records.srv(fqdn(service))) {
            String port = String.valueOf(srv.port());
            records.a(srv.target()).stream().findFirst().ifPresent(ip -> out.addObject()
                    .put("service", service).put("host", srv.target()).put("ip", ip).put("port", port));
            records.aaaa(srv.target()).stream().findFirst().ifPresent(ip -> out.addObject()
                    .put("service", service).put("host", srv.target()).put("ip", ip).put("port", port));
        }
        if (out.isEmpty()) {
            out.addObject().put("service", "").put("host", "").put("ip", "").put("port", "");
        }
        ex.json(200, out);
    }

    /** The current records, or null after answering 503: Mesos-DNS serves nothing before its first refresh. */
    private RecordSet loaded(Exchange ex) {
        Zone current = zone.get();
        if (current == null) {
            ex.text(503, "No records yet: the master's state has not been read");
            return null;
        }
        return current.records();
    }

    /** As Mesos-DNS: lower case, {@code .*} wildcards dropped, the final dot added. */
    private static String fqdn(String name) {
        String out = name == null ? "" : name.toLowerCase(Locale.ROOT).replace(".*", "");
        return out.endsWith(".") ? out : out + ".";
    }

    /**
     * The router matches exact paths, so {@code /v1/hosts/{host}} is served as {@code /v1/hosts?name={host}} (and
     * likewise for services).
     */
    private static final class PathParameter extends Handler.Wrapper {
        PathParameter(Handler router) {
            super(router);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            HttpURI uri = request.getHttpURI();
            String path = uri.getDecodedPath();
            for (String prefix : WITH_PARAMETER) {
                if (path != null && path.startsWith(prefix) && path.length() > prefix.length()) {
                    String value = URLEncoder.encode(path.substring(prefix.length()), StandardCharsets.UTF_8);
                    HttpURI rewritten = HttpURI.build(uri).path(prefix.substring(0, prefix.length() - 1))
                            .query("name=" + value);
                    return super.handle(Request.serveAs(request, rewritten), response, callback);
                }
            }
            return super.handle(request, response, callback);
        }
    }
}
