package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jclouds.aws.domain.SessionCredentials;
import org.jclouds.domain.Credentials;

/**
 * AWS credentials, found where AWS's own tools look, in their order: the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), then the shared credentials file
 * ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}) at profile {@code AWS_PROFILE} (else
 * {@code default}). Never from the plan: a plan is shared and committed, keys are not. Never printed.
 */
record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String source) {

    static final List<String> ENVIRONMENT = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE");

    /**
     * @param env  the environment, {@code System::getenv} outside tests
     * @param home the user's home directory
     */
    static AwsCredentials find(Function<String, String> env, Path home) throws ProviderException {
        String key = blankToNull(env.apply("AWS_ACCESS_KEY_ID"));
        String secret = blankToNull(env.apply("AWS_SECRET_ACCESS_KEY"));
        if (key != null && secret != null) {
            return new AwsCredentials(key, secret, blankToNull(env.apply("AWS_SESSION_TOKEN")), "environment");
        }
        String profile = blankToNull(env.apply("AWS_PROFILE"));
        String fileName = blankToNull(env.apply("AWS_SHARED_CREDENTIALS_FILE"));
        Path file = fileName != null ? Path.of(fileName) : home.resolve(".aws").resolve("credentials");
        if (Files.isReadable(file)) {
            Map<String, String> section = profile(file, profile == null ? "default" : profile);
            String fileKey = section.get("aws_access_key_id");
            String fileSecret = section.get("aws_secret_access_key");
            if (fileKey != null && fileSecret != null) {
                return new AwsCredentials(fileKey, fileSecret, section.get("aws_session_token"),
                        "profile " + (profile == null ? "default" : profile) + " of " + file);
            }
            if (profile != null) {
                throw new ProviderException("aws-ec2: profile '" + profile + "' (AWS_PROFILE) has no "
                        + "aws_access_key_id and aws_secret_access_key in " + file);
            }
        }
        throw new ProviderException("aws-ec2: no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                + "(and AWS_SESSION_TOKEN for temporary ones), or put them in " + file + " (profile AWS_PROFILE, "
                + "else default); the plan never holds them");
    }

    /** What jclouds signs with: session credentials carry their token in every request. */
    Credentials jclouds() {
        if (sessionToken == null) {
            return new Credentials(accessKeyId, secretAccessKey);
        }
        return SessionCredentials.builder().accessKeyId(accessKeyId).secretAccessKey(secretAccessKey)
                .sessionToken(sessionToken).build();
    }

    /** The INI form AWS's tools write: {@code [name]} sections of {@code key = value}; comments with # or ;. */
    private static Map<String, String> profile(Path file, String wanted) throws ProviderException {
        Map<String, String> values = new HashMap<>();
        String section = null;
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ProviderException("aws-ec2: cannot read " + file + ": " + e.getMessage(), false, e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int equals = line.indexOf('=');
            if (wanted.equals(section) && equals > 0) {
                values.put(line.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT),
                        line.substring(equals + 1).strip());
            }
        }
        return values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() { // never the keys
        return "AwsCredentials[from " + source + (sessionToken == null ? "" : ", with a session token") + "]";
    }
}
