package io.plumbery.providers.jclouds.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.ProviderException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials come from where AWS keeps them, go only into request signatures, and are never printed or kept. */
class AwsCredentialsTest {

    @TempDir
    Path home;

    @Test
    void theEnvironmentComesFirst() throws Exception {
        AwsCredentials credentials = AwsCredentials.find(Ec2Fixtures.ENV::get, home);
        assertEquals(Ec2Fixtures.ACCESS_KEY, credentials.accessKeyId());
        assertEquals(Ec2Fixtures.SESSION_TOKEN, credentials.sessionToken());
        assertEquals("AwsCredentials[from environment, with a session token]", credentials.toString());
    }

    @Test
    void thenTheSharedCredentialsFileAtTheProfileAwsProfileNames() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), """
                [default]
                aws_access_key_id = AKIADEFAULT000000001
                aws_secret_access_key = default-secret

                # the one a person picks with AWS_PROFILE
                [work]
                aws_access_key_id=AKIAWORK000000000001
                aws_secret_access_key=work-secret
                """);
        AwsCredentials byDefault = AwsCredentials.find(Map.<String, String>of()::get, home);
        assertEquals("AKIADEFAULT000000001", byDefault.accessKeyId());
        assertNull(byDefault.sessionToken());
        AwsCredentials work = AwsCredentials.find(Map.of("AWS_PROFILE", "work")::get, home);
        assertEquals("AKIAWORK000000000001", work.accessKeyId());
        assertEquals("work-secret", work.secretAccessKey());
        assertFalse(work.toString().contains("work-secret"));
        ProviderException missing = assertThrows(ProviderException.class,
                () -> AwsCredentials.find(Map.of("AWS_PROFILE", "play")::get, home));
        assertTrue(missing.getMessage().contains("profile 'play' (AWS_PROFILE)"), missing.getMessage());
    }

    @Test
    void noCredentialsSaysWhereTheyAreLookedFor() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> AwsCredentials.find(Map.<String, String>of()::get, home));
        assertTrue(e.getMessage().contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("the plan never holds them"), e.getMessage());
    }

    @Test
    void requestsAreSignedWithTheSessionTokenAndNeverCarryTheSecretNorDoRecords() throws Exception {
        try (Ec2Replay ec2 = new Ec2Replay()) {
            ec2.on("DescribeVpcs", "describe-vpcs.xml").on("DescribeSubnets", "describe-subnets.xml");
            NetworkRecord network;
            try (Ec2Provider provider = Ec2Fixtures.open(ec2, home)) {
                network = provider.ensureNetwork(Ec2Fixtures.NETWORK);
            }
            Ec2Replay.Request request = ec2.requests("DescribeVpcs").get(0);
            assertTrue(request.headers().getOrDefault("authorization", "").contains(Ec2Fixtures.ACCESS_KEY)
                    || Ec2Fixtures.ACCESS_KEY.equals(request.get("AWSAccessKeyId")), request.toString());
            assertTrue(Ec2Fixtures.SESSION_TOKEN.equals(request.headers().get("x-amz-security-token"))
                    || Ec2Fixtures.SESSION_TOKEN.equals(request.get("SecurityToken")), request.toString());
            for (Ec2Replay.Request each : ec2.requests()) {
                assertFalse(each.toString().contains(Ec2Fixtures.SECRET_KEY), each.toString());
            }
            assertFalse(network.toString().contains(Ec2Fixtures.SECRET_KEY));
            assertFalse(network.toString().contains(Ec2Fixtures.SESSION_TOKEN));
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    assertFalse(text.contains(Ec2Fixtures.SECRET_KEY) || text.contains(Ec2Fixtures.SESSION_TOKEN),
                            "a secret in " + file);
                }
            }
        }
    }
}
