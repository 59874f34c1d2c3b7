package dev.wslab.server;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;

/**
 * TlsConfig is where the server's certificate and private key are: a PKCS#12 keystore and its password.
 * With it the server speaks {@code wss://} (RFC 6455 §4.1: the TLS handshake comes first, then the
 * WebSocket handshake inside it). See the package documentation for making a self-signed one.
 *
 * @param keystore the PKCS#12 file
 * @param password the password of the keystore and of its key
 */
public record TlsConfig(Path keystore, String password) {

    public TlsConfig {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Returns a TLS context whose key manager presents the keystore's certificate.
     *
     * @throws IOException when the file cannot be read or the password is wrong
     */
    public SSLContext sslContext() throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsConfig[keystore=" + keystore + ", password=***]";
    }
}
