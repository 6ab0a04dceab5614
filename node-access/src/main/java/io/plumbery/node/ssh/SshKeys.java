package io.plumbery.node.ssh;

import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

import io.plumbery.node.files.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The plan's SSH key pair: ed25519, private key in OpenSSH format (mode 0600), public key as one
 * OpenSSH line. {@link #ensure} creates it once and reuses it after.
 */
public final class SshKeys {
    public static final String PRIVATE_KEY_FILE = "id_ed25519";
    public static final String PUBLIC_KEY_FILE = "id_ed25519.pub";
    /** The login user that rendered cloud-config creates on every node. */
    public static final String DEFAULT_LOGIN_USER = "plumbery-admin";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SshKeys() {
    }

    /** {@link #ensure(Path, String)} for {@link #DEFAULT_LOGIN_USER}. */
    public static SshIdentity ensure(Path dir) {
        return ensure(dir, DEFAULT_LOGIN_USER);
    }

    /**
     * Returns the key pair in {@code dir}, generating it when absent. The private key's mode is set to 0600
     * each time. Safe to call again: existing keys are reused, never replaced.
     *
     * @throws IllegalStateException when only a public key is there, or it does not match the private key
     * @throws UncheckedIOException  when the directory cannot be read or written
     */
    public static synchronized SshIdentity ensure(Path dir, String loginUser) {
        Path privateKey = dir.resolve(PRIVATE_KEY_FILE);
        Path publicKey = dir.resolve(PUBLIC_KEY_FILE);
        try {
            PrivateFiles.ownDirectory(dir);
            if (!Files.exists(privateKey)) {
                if (Files.exists(publicKey)) {
                    throw new IllegalStateException(publicKey + " exists without its private key " + privateKey
                            + "; nodes holding it cannot be reached; remove it to generate a new pair");
                }
                generate(privateKey, publicKey, "plumbery@" + dir.toAbsolutePath().normalize().getFileName());
            }
            Files.setPosixFilePermissions(privateKey, OWNER_ONLY);
            String derived = publicLine(privateKey);
            if (!Files.exists(publicKey)) {
                writeAtomically(publicKey, (derived + "\n").getBytes(StandardCharsets.UTF_8), null);
                return new SshIdentity(privateKey, derived, loginUser);
            }
            String line = Files.readString(publicKey, StandardCharsets.UTF_8).strip();
            if (!sameKey(line, derived)) {
                throw new IllegalStateException(publicKey + " does not match " + privateKey);
            }
            return new SshIdentity(privateKey, line, loginUser);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SSH key pair in " + dir, e);
        }
    }

    /** The OpenSSH public line ({@code type base64}) of a key. */
    public static String publicLine(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob);
    }

    private static String publicLine(Path privateKey) throws IOException {
        OpenSSHKeyV1KeyFile keyFile = new OpenSSHKeyV1KeyFile();
        // from the private key's own content: init(File) would read the .pub file next to it instead
        keyFile.init(new java.io.StringReader(Files.readString(privateKey, StandardCharsets.US_ASCII)));
        return publicLine(keyFile.getPublic());
    }

    private static boolean sameKey(String line, String derived) {
        String[] a = line.split("\\s+");
        String[] b = derived.split("\\s+");
        return a.length >= 2 && a[0].equals(b[0]) && a[1].equals(b[1]);
    }

    private static void generate(Path privateKey, Path publicKey, String comment) throws IOException {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] encoded = OpenSSHPrivateKeyUtil.encodePrivateKey(pair.getPrivate());
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(70, new byte[]{'\n'}).encodeToString(encoded)
                + "\n-----END OPENSSH PRIVATE KEY-----\n";
        writeAtomically(privateKey, pem.getBytes(StandardCharsets.US_ASCII), OWNER_ONLY);
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(OpenSSHPublicKeyUtil.encodePublicKey(pair.getPublic()))
                + " " + comment;
        writeAtomically(publicKey, (line + "\n").getBytes(StandardCharsets.UTF_8), null);
    }

    private static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path temp = permissions == null
                ? Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp")
                : Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(permissions));
        try {
            Files.write(temp, content);
            if (permissions == null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
