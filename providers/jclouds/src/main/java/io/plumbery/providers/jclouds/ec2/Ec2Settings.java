package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.jclouds.cloud.Backoff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What provider {@code aws-ec2} is opened with, from the facility's settings and the environment.
 *
 * <p>Keys (the facility's {@code providerSettings}, or its {@code locationId}):
 * <ul>
 *   <li>the region: {@code region}, else the facility's {@code locationId} / {@code regionId}, else
 *       {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}</li>
 *   <li>{@code aws.availability-zone}: where subnets go (EC2's choice when unset)</li>
 *   <li>{@code aws.image}: an AMI id that wins over the appliance table; {@code aws.instance-type}: a type that wins
 *       over the size table</li>
 *   <li>{@code aws.login-user}: the SSH user, when it is not the plan's own</li>
 *   <li>{@code aws.endpoint}: another EC2 endpoint (a private one, or a test's server)</li>
 *   <li>{@code aws.connect-timeout}, {@code aws.read-timeout} (seconds, per HTTP call), {@code aws.wait-timeout}
 *       (seconds to wait for an instance to terminate), {@code aws.console-timeout} (seconds to wait for a new
 *       instance's console output to show its SSH host keys, 240), {@code aws.retries} (attempts on throttling, 6),
 *       {@code aws.retry-delay-ms} (the first wait, 1000; doubled each time up to twenty times that)</li>
 * </ul>
 */
record Ec2Settings(String region, Optional<String> availabilityZone, Optional<String> imageId,
                   Optional<String> instanceType, Optional<String> loginUser, Optional<String> endpoint,
                   Duration connectTimeout, Duration readTimeout, Duration waitTimeout, Duration consoleTimeout,
                   Backoff backoff, AwsCredentials credentials) {

    static final String REGION = "region";
    static final String LOCATION = "location";
    static final String ZONE = "aws.availability-zone";
    static final String IMAGE = "aws.image";
    static final String INSTANCE_TYPE = "aws.instance-type";
    static final String LOGIN_USER = "aws.login-user";
    static final String ENDPOINT = "aws.endpoint";
    static final String CONNECT_TIMEOUT = "aws.connect-timeout";
    static final String READ_TIMEOUT = "aws.read-timeout";
    static final String WAIT_TIMEOUT = "aws.wait-timeout";
    static final String CONSOLE_TIMEOUT = "aws.console-timeout";
    static final String RETRIES = "aws.retries";
    static final String RETRY_DELAY_MS = "aws.retry-delay-ms";

    static final Set<String> KEYS = Set.of(REGION, LOCATION, ZONE, IMAGE, INSTANCE_TYPE, LOGIN_USER, ENDPOINT,
            CONNECT_TIMEOUT, READ_TIMEOUT, WAIT_TIMEOUT, CONSOLE_TIMEOUT, RETRIES, RETRY_DELAY_MS);

    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    static Ec2Settings resolve(ProviderSettings settings, Function<String, String> env, Path home)
            throws ProviderException {
        String key = settings.option(REGION).isPresent() ? REGION : LOCATION;
        String region = settings.option(REGION).or(() -> settings.option(LOCATION))
                .or(() -> Optional.ofNullable(env.apply("AWS_REGION")))
                .or(() -> Optional.ofNullable(env.apply("AWS_DEFAULT_REGION"))).map(String::strip).orElse(null);
        if (region == null) {
            throw new ProviderException("aws-ec2: no region: give the facility a locationId (eu-west-3, us-east-1...) "
                    + "or set AWS_REGION");
        }
        if (!REGION_NAME.matcher(region).matches()) {
            throw new ProviderException("aws-ec2: " + (key.equals(REGION) ? "region" : "locationId") + " '" + region
                    + "' is not an AWS region (eu-west-3, us-east-1...)");
        }
        Backoff backoff = Backoff.of(settings, Ec2Provider.NAME, RETRIES, RETRY_DELAY_MS);
        return new Ec2Settings(region, settings.option(ZONE), settings.option(IMAGE), settings.option(INSTANCE_TYPE),
                settings.option(LOGIN_USER), settings.option(ENDPOINT),
                Duration.ofSeconds(settings.seconds(CONNECT_TIMEOUT, 10)),
                Duration.ofSeconds(settings.seconds(READ_TIMEOUT, 60)),
                Duration.ofSeconds(settings.seconds(WAIT_TIMEOUT, 600)),
                Duration.ofSeconds(settings.seconds(CONSOLE_TIMEOUT, 240)), backoff, AwsCredentials.find(env, home));
    }
}
