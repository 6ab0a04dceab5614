package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.Backoff;
import io.plumbery.providers.jclouds.cloud.Retrier;

import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;

import org.jclouds.aws.AWSResponseException;
import org.jclouds.aws.domain.AWSError;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;

/**
 * Every call to EC2 goes through here: tried again with bounded backoff while EC2 throttles or is unavailable,
 * and turned into a {@link ProviderException} that names what was being done, to which resource, and EC2's own
 * error code and message. The loop is the {@link Retrier} every cloud here shares; which failures are tried again
 * is EC2's own rule, below.
 */
final class Ec2Calls {

    /** EC2's codes for "slow down" and "try again", whatever the HTTP status. */
    private static final Set<String> THROTTLED = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "Unavailable", "ServiceUnavailable", "InternalError", "InsufficientInstanceCapacity");

    private final Retrier retrier;

    Ec2Calls(Backoff backoff, Consumer<String> progress) {
        this.retrier = new Retrier(Ec2Provider.NAME, backoff, progress, Ec2Calls::reason, Ec2Calls::failure);
    }

    /** What kind of call, hence what may be tried again besides throttling. */
    private enum Kind {
        /** Would create a second resource if sent again after a lost answer: throttling only. */
        CREATING,
        /** Changes nothing twice when sent twice (a describe, RunInstances with its client token): lost connections too. */
        IDEMPOTENT,
        /**
         * About a resource made a moment ago (tagging it, associating an address with a new instance): EC2 is
         * eventually consistent and may not know it yet ({@code InvalidVpcID.NotFound}, {@code IncorrectInstanceState}).
         */
        JUST_MADE,
        /** A delete: what depended on the resource may still be going away ({@code DependencyViolation}). */
        REMOVING
    }

    <T> T creating(String doing, Retrier.Call<T> call) throws ProviderException {
        return run(doing, call, Kind.CREATING);
    }

    <T> T idempotent(String doing, Retrier.Call<T> call) throws ProviderException {
        return run(doing, call, Kind.IDEMPOTENT);
    }

    <T> T justMade(String doing, Retrier.Call<T> call) throws ProviderException {
        return run(doing, call, Kind.JUST_MADE);
    }

    <T> T removing(String doing, Retrier.Call<T> call) throws ProviderException {
        return run(doing, call, Kind.REMOVING);
    }

    private <T> T run(String doing, Retrier.Call<T> call, Kind kind) throws ProviderException {
        return retrier.run(doing, call, cause -> again(kind, cause));
    }

    private static boolean again(Kind kind, Throwable cause) {
        if (throttled(cause)) {
            return true;
        }
        return switch (kind) {
            case CREATING -> false;
            case IDEMPOTENT -> cause instanceof IOException;
            case JUST_MADE -> cause instanceof IOException || notFound(cause)
                    || code(cause).equals("IncorrectInstanceState");
            case REMOVING -> cause instanceof IOException || code(cause).equals("DependencyViolation");
        };
    }

    static boolean throttled(Throwable cause) {
        if (THROTTLED.contains(code(cause))) {
            return true;
        }
        return cause instanceof HttpResponseException http && http.getResponse() != null
                && (http.getResponse().getStatusCode() == 503 || http.getResponse().getStatusCode() == 429);
    }

    /** Whether EC2 says it does not know the resource ({@code InvalidSubnetID.NotFound}...). */
    private static boolean notFound(Throwable cause) {
        return code(cause).endsWith(".NotFound");
    }

    private static String code(Throwable cause) {
        AWSError error = awsError(cause);
        return error != null && error.getCode() != null ? error.getCode() : "";
    }

    /** EC2's error document, wherever jclouds put it (it wraps some in ResourceNotFoundException, AuthorizationException). */
    private static AWSError awsError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AWSResponseException aws && aws.getError() != null) {
                return aws.getError();
            }
        }
        return null;
    }

    private static ProviderException failure(String doing, Throwable cause, boolean retryable, String tries) {
        if (cause instanceof AuthorizationException) {
            return new ProviderException("aws-ec2: " + doing + ": credentials refused (" + reason(cause)
                    + "); check AWS_ACCESS_KEY_ID / AWS_PROFILE" + tries, false, cause);
        }
        return new ProviderException("aws-ec2: " + doing + ": " + reason(cause) + tries, retryable, cause);
    }

    /** EC2's own words: {@code InvalidSubnet.Conflict: The CIDR '10.0.0.0/24' conflicts with another subnet}. */
    static String reason(Throwable cause) {
        AWSError error = awsError(cause);
        if (error != null) {
            return error.getCode() + ": " + error.getMessage();
        }
        if (cause instanceof HttpResponseException http && http.getResponse() != null) {
            return "HTTP " + http.getResponse().getStatusCode() + " " + http.getResponse().getMessage();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
