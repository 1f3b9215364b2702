package org.unmask.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.unmask.store.privacy.Role;

/**
 * A real server on an ephemeral loopback port over a fresh store (H2 file or a PostgreSQL
 * database), with one token per role, and a small HTTP client for tests.
 */
final class TestServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DEMO = Path.of("..", "examples", "demo").toAbsolutePath().normalize();

  final Server server;
  final String metrics;
  final String viewer;
  final String analyst;
  final String admin;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestServer(Server server) {
    this.server = server;
    this.metrics = server.store().tokens().create(Role.METRICS, "test scraper", "test").secret();
    this.viewer = server.store().tokens().create(Role.VIEWER, "test viewer", "test").secret();
    this.analyst = server.store().tokens().create(Role.ANALYST, "test analyst", "test").secret();
    this.admin = server.store().tokens().create(Role.ADMIN, "test admin", "test").secret();
  }

  /** A server over an H2 file in {@code dir}, configured by {@code tweak}. */
  static TestServer h2(Path dir, UnaryOperator<ServerConfig> tweak) throws IOException {
    return start(dir.resolve("store").toString(), dir, tweak);
  }

  static TestServer start(String store, Path dir, UnaryOperator<ServerConfig> tweak) throws IOException {
    Path key = dir.resolve("pseudonym.key");
    if (!Files.exists(key)) {
      Files.copy(DEMO.resolveSibling("demo-expected").resolve("pseudonym.key"), key);
    }
    ServerConfig config = ServerConfig.of(store, 0, dir.resolve("state")).withKeyFile(key)
        .withConcludeEvery(Duration.ofMillis(300));
    return new TestServer(Server.start(tweak.apply(config)));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        .timeout(Duration.ofSeconds(60));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String token, String json) throws IOException, InterruptedException {
    return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> postEvents(String ndjson, boolean gzip) throws IOException, InterruptedException {
    byte[] body = ndjson.getBytes(StandardCharsets.UTF_8);
    return gzip ? send("POST", "/api/v1/events", admin, "application/x-ndjson", gzip(body), "Content-Encoding", "gzip")
        : send("POST", "/api/v1/events", admin, "application/x-ndjson", body);
  }

  HttpResponse<String> postEventsAs(String token, String ndjson) throws IOException, InterruptedException {
    return send("POST", "/api/v1/events", token, "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  @Override
  public void close() {
    server.stop();
  }
}
