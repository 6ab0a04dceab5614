package io.plumbery.node.ssh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The expected lines are what OpenSSH's {@code ssh-keygen -lf} printed for these keys. */
class HostKeyFingerprintTest {

    @Test
    void printsKeysAsSshKeygenDoes() {
        assertEquals("256 SHA256:s87bfjLV1RX++1qlJI4Pgph7whnvSsRyHeCn2M0bJMg root@web1 (ED25519)",
                HostKeyFingerprint.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHl9lxhZIXMoVx3GBl89xUZoExdR+0py4+VWS0yo7me8"
                        + " root@web1"));
        assertEquals("384 SHA256:itoly3wbvlJo2XLBToiIAzbRhTa8jizksN+xfDjEOOg no comment (ECDSA)",
                HostKeyFingerprint.of("ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBNVTuIB"
                        + "gbZh3KopzLoJa85DRkrN9/6XzHdUNYyHUhN2kF14uPrYuA0ydsMbeUJ0pxmwfKz+1CLDNGUjXeXlm/QnpbRmJ479KJlDN+"
                        + "/ltNFJQyGfj/swgSN+j8dlhV0Op/g== "));
        assertEquals("3072 SHA256:PelHhcVTZn0sF58dGyRvyxueO3fTl5dXw35xCmDeiPQ root@web1 (RSA)",
                HostKeyFingerprint.of("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC5WYE5YOhAhJUlVYD3L8pJqotP/9rHWgQEo+N824rr5d"
                        + "KPKAUerD/g0k2ND9PD+MoU6c/t+hIo62vfwcitTDlh3x8PfS8HgfBePEqiPEnGrX11u9KlZCX9Rvjxn8iXSUH3llh8UYmsHf"
                        + "yrZCru7G4kPGs3sLdKmgu1viNCXQv/x64jT5oxMw7x+rMAD2Yg5GhO1n6VKgJjbNTfLAw3E6U8xQLTXaqgNEAk88wyEklyur"
                        + "5yBgdd5LAlV+J31PKD2dRq6iv8nB9YrbppzFEQRNH2rFEycjJSlMvM5Sodgj2dUtV8LHlzD2puIi/IqrOpTFm4giz2g/OroX"
                        + "6T2pCNG5dM/nNa/htz1AOKgWuBhk9okezMjS82G2ceV83oDLEEXrAhsuxqIEemONyf73r2lUXTXkuqDLvX3WVqAY0PeP22YQ"
                        + "ct1CkofSaw7wAFYuLBpNVsu3q22XjVK/pLH0J4+XZgeYPzmh9++J5gXd44oJDVTI59ZLPdI670xcWiGxCEn0M= root@web1"));
    }
}
