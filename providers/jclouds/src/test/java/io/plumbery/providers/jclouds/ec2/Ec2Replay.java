package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.jclouds.cloud.CloudReplay;
import io.plumbery.providers.jclouds.cloud.ReplayServer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * EC2's Query API replayed on 127.0.0.1 ({@link ReplayServer}): each request's {@code Action} is answered with the
 * next reply scripted for it (the last one stays), read from {@code src/test/resources/ec2/}. Every request is kept,
 * its form decoded, so tests check what the provider asked. An action nobody scripted is answered 400 and noted.
 */
final class Ec2Replay extends CloudReplay {

    /** One request as EC2 would see it: its form parameters, Action first, and its headers (names lower-cased). */
    record Request(Map<String, String> params, Map<String, String> headers) {
        String action() {
            return params.get("Action");
        }

        String get(String key) {
            return params.get(key);
        }
    }

    /**
     * Started, answering DescribeRegions with itself as the endpoint of eu-west-3, as jclouds asks first, and
     * GetConsoleOutput with a console that shows the node's SSH host keys.
     */
    Ec2Replay() throws IOException {
        super(new ReplayServer("ec2", "text/xml;charset=UTF-8", exchange -> exchange.params().get("Action"),
                Ec2Replay::error));
        on("DescribeRegions", "describe-regions.xml");
        on("GetConsoleOutput", "get-console-output-keys.xml");
    }

    /** One for a test's own, as {@code @RegisterExtension Ec2Replay ec2 = Ec2Replay.forEachTest()}: closed after it. */
    static Ec2Replay forEachTest() {
        return CloudReplay.forEachTest(Ec2Replay::new);
    }

    String endpoint() {
        return server.endpoint();
    }

    /** Answers {@code action} with these files in turn (status 200), the last one from then on. */
    Ec2Replay on(String action, String... files) {
        server.on(action, files);
        return this;
    }

    /** Answers {@code action} once with an error (an EC2 error document), then as scripted before. */
    Ec2Replay failOnce(String action, int status, String file) {
        server.failOnce(action, status, file);
        return this;
    }

    List<Request> requests() {
        return server.exchanges().stream().map(e -> new Request(e.params(), e.headers())).toList();
    }

    List<Request> requests(String action) {
        return requests().stream().filter(r -> action.equals(r.action())).toList();
    }

    List<String> actions() {
        return server.keys();
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error></Errors><RequestID>replay</RequestID></Response>";
    }
}
