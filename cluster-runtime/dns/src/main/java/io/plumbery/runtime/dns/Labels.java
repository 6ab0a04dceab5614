package io.plumbery.runtime.dns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DNS labels from task and framework names, exactly as Mesos-DNS makes them ({@code records/labels}), so that the
 * names clients already use keep resolving: lower case, {@code [a-z0-9-]}, {@code . _} become {@code -}, anything
 * else is dropped, leading and trailing dashes trimmed, cut at 63 (RFC 1123) or 24 (RFC 952) characters.
 */
public enum Labels {
    RFC1123(63, "-"),
    /** Mesos-DNS's {@code EnforceRFC952}: shorter labels that may not start with a digit. */
    RFC952(24, "-0123456789");

    private static final String ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";
    private final int maxLength;
    private final String leftCut;

    Labels(int maxLength, String leftCut) {
        this.maxLength = maxLength;
        this.leftCut = leftCut;
    }

    /** One label: {@code web.prod} (the task name Marathon gives app {@code /prod/web}) becomes {@code web-prod}. */
    public String label(String name) {
        StringBuilder mapped = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                mapped.append(c);
            } else if (c == '-' || c == '.' || c == '_') {
                mapped.append('-');
            }
        }
        return trimCut(mapped.toString());
    }

    /**
     * Several labels, split at dots: framework names keep their dots ({@code marathon.prod} stays two labels), each
     * part is a {@link #label}, empty parts are dropped.
     */
    public String domainFragment(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            String label = label(part);
            if (!label.isEmpty()) {
                parts.add(label);
            }
        }
        return String.join(".", parts);
    }

    /** Mesos-DNS's {@code trimCut}: cut at the limit without ending on a dash, refilling from what follows. */
    private String trimCut(String label) {
        int start = 0;
        while (start < label.length() && leftCut.indexOf(label.charAt(start)) >= 0) {
            start++;
        }
        String trimmed = label.substring(start);
        int size = Math.min(trimmed.length(), maxLength);
        String head = stripTrailingDashes(trimmed.substring(0, size));
        if (head.length() == size) {
            return head;
        }
        String tail = trimmed.substring(size).replaceFirst("^-+", "");
        return head + tail.substring(0, Math.min(tail.length(), size - head.length()));
    }

    private static String stripTrailingDashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * The 5-character hash of a task id in canonical names ({@code web-prod-<hash>-s0}): the first 25 bits of its
     * SHA-1 in z-base-32, as Mesos-DNS's {@code hashString}, so canonical names are the same as there.
     */
    public static String hash(String taskId) {
        byte[] sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1").digest(taskId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
        long bits = (sha1[0] & 0xFFL) << 24 | (sha1[1] & 0xFFL) << 16 | (sha1[2] & 0xFFL) << 8 | sha1[3] & 0xFFL;
        StringBuilder out = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            out.append(ZBASE32.charAt((int) (bits >>> (27 - 5 * i)) & 0x1F));
        }
        return out.toString();
    }

    /** The last dash-separated part of an agent id, lower case: {@code 20150101-...-S3} gives {@code s3}. */
    public static String agentIdTail(String agentId) {
        return agentId.substring(agentId.lastIndexOf('-') + 1).toLowerCase(Locale.ROOT);
    }
}
