package io.plumbery.providers.jclouds;

import io.plumbery.providers.ProviderException;

import java.util.Comparator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.jclouds.compute.RunNodesException;
import org.jclouds.compute.domain.NodeMetadata;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;
import org.jclouds.rest.InsufficientResourcesException;
import org.jclouds.rest.ResourceNotFoundException;

import com.google.common.util.concurrent.UncheckedExecutionException;
import com.google.common.util.concurrent.UncheckedTimeoutException;
import com.google.inject.CreationException;
import com.google.inject.ProvisionException;

/**
 * The one place where jclouds' exceptions become {@link ProviderException}s: a message that says what was being
 * done and why it failed, and whether the same call may succeed if tried again.
 */
public final class JcloudsErrors {

    private JcloudsErrors() {
    }

    /**
     * @param doing what was being done, e.g. {@code "creating node web-01"}
     * @param provider the jclouds provider id, for the message
     */
    static ProviderException map(String doing, String provider, Throwable error) {
        if (error instanceof ProviderException already) {
            return already;
        }
        Throwable cause = unwrap(error);
        String prefix = doing + " on " + provider + ": ";
        if (cause instanceof RunNodesException run) {
            return runNodes(prefix, provider, run);
        }
        return new ProviderException(prefix + describe(cause), retryable(cause), cause);
    }

    /** Whether trying again may help: timeouts, throttling, server errors and transient states do; the rest not. */
    static boolean retryable(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AuthorizationException || cause instanceof InsufficientResourcesException
                || cause instanceof ResourceNotFoundException || cause instanceof NoSuchElementException
                || cause instanceof IllegalArgumentException || cause instanceof UnsupportedOperationException) {
            return false;
        }
        if (cause instanceof TimeoutException || cause instanceof UncheckedTimeoutException
                || cause instanceof IllegalStateException || cause instanceof java.io.IOException
                || cause instanceof InterruptedException) {
            return true;
        }
        if (cause instanceof HttpResponseException http && http.getResponse() != null) {
            int code = http.getResponse().getStatusCode();
            return code == 408 || code == 409 || code == 429 || code >= 500;
        }
        if (cause instanceof RunNodesException run) {
            return run.getExecutionErrors().values().stream().allMatch(JcloudsErrors::retryable)
                    && run.getNodeErrors().values().stream().allMatch(JcloudsErrors::retryable);
        }
        return false;
    }

    private static ProviderException runNodes(String prefix, String provider, RunNodesException run) {
        StringBuilder message = new StringBuilder(prefix);
        message.append(run.getNodeErrors().size() + run.getExecutionErrors().size()).append(" of ")
                .append(run.getCount()).append(" node(s) failed");
        if (!run.getSuccessfulNodes().isEmpty()) {
            message.append("; created: ").append(run.getSuccessfulNodes().stream()
                    .sorted(Comparator.comparing(NodeMetadata::getId))
                    .map(node -> node.getName() + " (" + node.getId() + ")").collect(Collectors.joining(", ")));
        }
        for (Map.Entry<? extends NodeMetadata, ? extends Throwable> failed : run.getNodeErrors().entrySet()) {
            message.append("; ").append(failed.getKey().getName()).append(" (").append(failed.getKey().getId())
                    .append("): ").append(describe(unwrap(failed.getValue())));
        }
        for (Map.Entry<?, ? extends Throwable> failed : run.getExecutionErrors().entrySet()) {
            message.append("; ").append(failed.getKey()).append(": ").append(describe(unwrap(failed.getValue())));
        }
        Throwable first = run.getNodeErrors().isEmpty()
                ? run.getExecutionErrors().values().stream().findFirst().orElse(null)
                : run.getNodeErrors().values().iterator().next();
        return new ProviderException(message.toString(), retryable(run), first != null ? first : run);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof AuthorizationException) {
            return "credentials refused (" + text(cause) + "); check jclouds.identity / jclouds.credential";
        }
        if (cause instanceof InsufficientResourcesException) {
            return "not enough quota or capacity (" + text(cause) + ")";
        }
        if (cause instanceof TimeoutException || cause instanceof UncheckedTimeoutException) {
            return "timed out (" + text(cause) + ")";
        }
        if (cause instanceof HttpResponseException http && http.getResponse() != null) {
            return "HTTP " + http.getResponse().getStatusCode() + " (" + text(cause) + ")";
        }
        return text(cause);
    }

    private static String text(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** jclouds and Guice wrap the interesting exception in layers; peel them. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            Throwable next = null;
            if (current instanceof ExecutionException || current instanceof UncheckedExecutionException
                    || current instanceof java.lang.reflect.InvocationTargetException
                    || current instanceof java.lang.reflect.UndeclaredThrowableException) {
                next = current.getCause();
            } else if (current instanceof ProvisionException provision && !provision.getErrorMessages().isEmpty()) {
                next = provision.getErrorMessages().iterator().next().getCause();
            } else if (current instanceof CreationException creation && !creation.getErrorMessages().isEmpty()) {
                next = creation.getErrorMessages().iterator().next().getCause();
            } else if (current.getClass() == RuntimeException.class && current.getCause() != null) {
                next = current.getCause(); // Throwables.propagate's plain wrapper
            }
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
