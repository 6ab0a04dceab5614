package io.plumbery.node.ssh;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleHostKeysTest {
    private static final String CONSOLE = """
            [   12.345] cloud-init[812]: Cloud-init v. 23.4 running 'modules:final'
            <14>Nov 23 18:00:01 ec2: #############################################################
            <14>Nov 23 18:00:01 ec2: -----BEGIN SSH HOST KEY KEYS-----
            <14>Nov 23 18:00:01 ec2: ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABB root@node1
            <14>Nov 23 18:00:01 ec2: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfNode1 root@node1
            <14>Nov 23 18:00:01 ec2: -----END SSH HOST KEY KEYS-----
            <14>Nov 23 18:00:01 ec2: #############################################################
            """;

    @Test
    void readsTheKeysCloudInitPrintsAndPrefersEd25519() {
        assertEquals(List.of("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABB root@node1",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfNode1 root@node1"), ConsoleHostKeys.parse(CONSOLE));
        assertEquals(Optional.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfNode1 root@node1"),
                ConsoleHostKeys.preferred(CONSOLE));
        assertEquals(Optional.empty(), ConsoleHostKeys.preferred("no keys here\n"));
    }
}
