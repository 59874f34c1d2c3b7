package dev.wslab.server;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes a self-signed PKCS#12 keystore with the keytool of the JDK running the tests, and a client context trusting it. */
final class TestKeystore {

    static final String PASSWORD = "changeit";

    private TestKeystore() {
    }

    /** Runs keytool as the server's package documentation says, into {@code dir}; returns the keystore. */
    static Path create(Path dir) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path keytool = java.resolveSibling("keytool");
        Path keystore = dir.resolve("wslab.p12");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "wslab",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "365", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return keystore;
    }

    /** Returns a client TLS context that trusts exactly the keystore's certificate. */
    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("wslab", store.getCertificate("wslab"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
