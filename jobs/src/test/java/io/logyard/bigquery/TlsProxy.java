package io.logyard.bigquery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS-terminating TCP proxy on 127.0.0.1 for the BigQuery Storage API's gRPC channel, which
 * the spark-bigquery-connector always opens with TLS while emulators serve plaintext
 * (connector issue #1169). It presents a throwaway certificate for 127.0.0.1 (made with the
 * JDK's keytool), negotiates HTTP/2 by ALPN, and pipes the bytes to the emulator's plaintext
 * gRPC port, which accepts HTTP/2 with prior knowledge. The test JVM trusts the certificate
 * through {@code javax.net.ssl.trustStore}.
 */
final class TlsProxy implements AutoCloseable {
  private static final char[] PASSWORD = "logyard-test".toCharArray();
  private final SSLServerSocket server;
  private final Thread acceptor;
  private volatile boolean closed;

  private TlsProxy(SSLServerSocket server, int targetPort) {
    this.server = server;
    this.acceptor = new Thread(() -> accept(targetPort), "tls-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * Makes a key pair and certificate for 127.0.0.1 in {@code dir} and a trust store holding the
   * certificate; returns the trust store's path.
   */
  static Path makeCertificate(Path dir) throws IOException, InterruptedException {
    Path keyStore = dir.resolve("proxy-key.p12");
    Path cert = dir.resolve("proxy.crt");
    Path trustStore = dir.resolve("proxy-trust.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(List.of(keytool, "-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
    run(List.of(keytool, "-exportcert", "-alias", "proxy", "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD),
        "-rfc", "-file", cert.toString()));
    run(List.of(keytool, "-importcert", "-noprompt", "-alias", "proxy", "-file", cert.toString(),
        "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
    return trustStore;
  }

  static String trustStorePassword() {
    return new String(PASSWORD);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  /** Starts a proxy on an ephemeral port of 127.0.0.1 to 127.0.0.1:{@code targetPort}. */
  static TlsProxy start(Path dir, int targetPort) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("proxy-key.p12"))) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    return new TlsProxy(server, targetPort);
  }

  private void accept(int targetPort) {
    while (!closed) {
      try {
        SSLSocket client = (SSLSocket) server.accept();
        client.setHandshakeApplicationProtocolSelector((s, offered) -> offered.contains("h2") ? "h2" : null);
        Thread t = new Thread(() -> serve(client, targetPort), "tls-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) e.printStackTrace();
      }
    }
  }

  private static void serve(SSLSocket client, int targetPort) {
    try (client; Socket upstream = new Socket()) {
      client.startHandshake();
      upstream.connect(new InetSocketAddress("127.0.0.1", targetPort), 5_000);
      Thread up = pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
      pipe(upstream.getInputStream(), client.getOutputStream(), client).join();
      up.join(1_000);
    } catch (IOException | InterruptedException e) {
      // a connection ended: nothing to do
    }
  }

  private static Thread pipe(InputStream in, OutputStream out, Socket toClose) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[64 * 1024];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the other side closed
      } finally {
        try {
          toClose.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
          try {
            toClose.close();
          } catch (IOException ignored) {
            // closing anyway
          }
        }
      }
    }, "tls-proxy-pipe");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }
}
