package io.plumbery.providers.byon;

import io.plumbery.providers.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostListTest {

    @TempDir
    Path dir;

    @Test
    void aHostsFileListsMachinesWithKeysRelativeToIt() throws Exception {
        HostList list = HostList.read(write("hosts.yaml", """
                hosts:
                  - {name: master1, address: 192.0.2.10, user: admin, key: keys/id_ed25519}
                  - name: agent1
                    address: 192.0.2.11
                    port: 2222
                    user: ops
                    key: /etc/keys/agent
                    hostKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB
                    public: 198.51.100.7
                """), false);
        ExistingHost master = list.host("master1");
        assertEquals("192.0.2.10", master.address());
        assertEquals(22, master.port());
        assertEquals(dir.resolve("keys/id_ed25519"), master.key());
        assertNull(master.hostKey());
        ExistingHost agent = list.host("agent1");
        assertEquals(2222, agent.port());
        assertEquals(Path.of("/etc/keys/agent"), agent.key());
        assertEquals("198.51.100.7", agent.publicAddress());
        assertEquals("ops@192.0.2.11:2222", agent.login());
    }

    @Test
    void vagrantSshConfigOutputIsAHostList() throws Exception {
        HostList list = HostList.read(write("ssh-config", """
                Host master1
                  HostName 127.0.0.1
                  User vagrant
                  Port 2200
                  UserKnownHostsFile /dev/null
                  StrictHostKeyChecking no
                  PasswordAuthentication no
                  IdentityFile "/home/me/.vagrant/machines/master1/virtualbox/private_key"
                  IdentitiesOnly yes
                  LogLevel FATAL

                Host agent1
                  HostName 127.0.0.1
                  User vagrant
                  Port 2201
                  IdentityFile /home/me/.vagrant/machines/agent1/virtualbox/private_key
                Host *
                  User nobody
                """), true);
        ExistingHost master = list.host("master1");
        assertEquals(2200, master.port());
        assertEquals("vagrant", master.user());
        assertEquals(Path.of("/home/me/.vagrant/machines/master1/virtualbox/private_key"), master.key());
        assertEquals(2201, list.host("agent1").port());
        assertTrue(list.find("*").isEmpty());
    }

    @Test
    void faultsNameTheFileAndTheHost() throws Exception {
        Path file = write("bad.yaml", "hosts:\n  - {name: a, address: 192.0.2.1, key: k}\n");
        ProviderException noUser = assertThrows(ProviderException.class, () -> HostList.read(file, false));
        assertEquals(file + ": host 'a' has no 'user'", noUser.getMessage());

        Path typo = write("typo.yaml", "hosts:\n  - {name: a, adress: 192.0.2.1, user: u, key: k}\n");
        assertTrue(assertThrows(ProviderException.class, () -> HostList.read(typo, false)).getMessage()
                .contains("host 1: unknown key 'adress'"));

        Path twice = write("twice.yaml", "hosts:\n  - {name: a, address: x, user: u, key: k}\n"
                + "  - {name: a, address: y, user: u, key: k}\n");
        assertTrue(assertThrows(ProviderException.class, () -> HostList.read(twice, false)).getMessage()
                .endsWith("'a' is listed twice"));

        Path noKey = write("nokey", "Host a\n  HostName 192.0.2.1\n");
        assertEquals(noKey + ": Host a has no IdentityFile: byon logs in with a key",
                assertThrows(ProviderException.class, () -> HostList.read(noKey, true)).getMessage());

        HostList list = HostList.read(write("one.yaml", "hosts:\n  - {name: a, address: x, user: u, key: k}\n"), false);
        assertTrue(assertThrows(ProviderException.class, () -> list.host("b")).getMessage()
                .endsWith("lists no host 'b' (it lists: a)"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
