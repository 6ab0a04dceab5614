package io.plumbery.cli.view;

import io.plumbery.engine.tunnel.Tunnel;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tunnel's local ends: {@code SERVICE URL} a line, ready to paste, or one JSON object of service to URL. */
public final class TunnelView implements View {
    private final List<Tunnel.Listener> listeners;

    public TunnelView(List<Tunnel.Listener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void human(PrintWriter out) {
        listeners.forEach(l -> out.println(l.service() + " " + l.url()));
    }

    @Override
    public void json(PrintWriter out) {
        Map<String, String> urls = new LinkedHashMap<>();
        listeners.forEach(l -> urls.put(l.service(), l.url()));
        out.println(Json.write(urls));
    }
}
