package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.ProviderException;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.jclouds.compute.RunNodesException;
import org.jclouds.compute.domain.NodeMetadata;
import org.jclouds.compute.domain.NodeMetadataBuilder;
import org.jclouds.compute.domain.Template;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;
import org.jclouds.rest.InsufficientResourcesException;
import org.junit.jupiter.api.Test;

import com.google.common.util.concurrent.UncheckedExecutionException;
import com.google.common.util.concurrent.UncheckedTimeoutException;

class JcloudsErrorsTest {

    @Test
    void badCredentialsAreNotRetryable() {
        ProviderException error = JcloudsErrors.map("creating node web-01", "aws-ec2",
                new AuthorizationException("401 Unauthorized"));
        assertFalse(error.retryable());
        assertEquals("creating node web-01 on aws-ec2: credentials refused (401 Unauthorized); check "
                + "jclouds.identity / jclouds.credential", error.getMessage());
    }

    @Test
    void timeoutsThrottlingAndServerErrorsAreRetryable() {
        assertTrue(JcloudsErrors.map("x", "p", new UncheckedTimeoutException("node not running")).retryable());
        assertTrue(JcloudsErrors.map("x", "p", http(503)).retryable());
        assertTrue(JcloudsErrors.map("x", "p", http(429)).retryable());
        assertFalse(JcloudsErrors.map("x", "p", http(400)).retryable());
        assertTrue(JcloudsErrors.map("x", "p", http(503)).getMessage().contains("HTTP 503"));
    }

    @Test
    void missingThingsAndQuotasAreNotRetryable() {
        assertFalse(JcloudsErrors.map("x", "p", new NoSuchElementException("no image")).retryable());
        assertFalse(JcloudsErrors.map("x", "p", new InsufficientResourcesException("quota")).retryable());
    }

    @Test
    void wrappersArePeeled() {
        ProviderException error = JcloudsErrors.map("x", "p", new UncheckedExecutionException(
                new RuntimeException(new ExecutionException(new AuthorizationException("denied")))));
        assertTrue(error.getCause() instanceof AuthorizationException);
        assertFalse(error.retryable());
    }

    @Test
    void providerExceptionsPassThrough() {
        ProviderException original = new ProviderException("mine", true, null);
        assertSame(original, JcloudsErrors.map("x", "p", original));
    }

    @Test
    void aPartialRunSaysWhatSucceededAndWhatFailed() throws ProviderException {
        Template template;
        try (JcloudsProvider stub = Stubs.open("errors", Stubs.freshIdentity())) {
            template = stub.computeService().templateBuilder().build();
        }
        NodeMetadata ok = node("1", "web-01");
        NodeMetadata bad = node("2", "web-02");
        RunNodesException run = new RunNodesException("plan", 2, template, Set.of(ok), Map.of(),
                Map.of(bad, new UncheckedTimeoutException("web-02 never ran")));
        ProviderException error = JcloudsErrors.map("creating nodes", "stub", run);
        assertEquals("creating nodes on stub: 1 of 2 node(s) failed; created: web-01 (1); web-02 (2): "
                + "timed out (web-02 never ran)", error.getMessage());
        assertTrue(error.retryable());

        RunNodesException denied = new RunNodesException("plan", 1, template, Set.of(), Map.of(),
                Map.of(bad, new AuthorizationException("no")));
        assertFalse(JcloudsErrors.map("creating nodes", "stub", denied).retryable());
    }

    private static NodeMetadata node(String id, String name) {
        return new NodeMetadataBuilder().ids(id).name(name).status(NodeMetadata.Status.RUNNING).build();
    }

    private static HttpResponseException http(int code) {
        return new HttpResponseException("status " + code, null, HttpResponse.builder().statusCode(code).build());
    }
}
