package org.unmask.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.unmask.server.Server;
import org.unmask.server.ServerConfig;
import org.unmask.store.privacy.Role;

/**
 * A real Unmask server for the browser tests: an H2 store in a temporary folder, the demo's
 * pseudonym key, a dataset backfilled at start, and tokens made the way an admin makes them.
 */
final class ConsoleServer implements AutoCloseable {

  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final Path DEMO = EXAMPLES.resolve("demo");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ConsoleServer(Server server) {
    this.server = server;
  }

  /** Starts a server in {@code dir}; {@code dataset} (or null) is backfilled before it answers. */
  static ConsoleServer start(Path dir, Path dataset) throws IOException {
    Path key = dir.resolve("pseudonym.key");
    Files.copy(EXAMPLES.resolve("demo-expected").resolve("pseudonym.key"), key);
    ServerConfig config = ServerConfig.of(dir.resolve("store").toString(), 0, dir.resolve("state"))
        .withKeyFile(key)
        .withConcludeEvery(Duration.ofMillis(300));
    if (dataset != null) {
      config = config.withDataset(dataset);
    }
    return new ConsoleServer(Server.start(config));
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  String token(Role role, String name) {
    return server.store().tokens().create(role, name, "console test").secret();
  }

  JsonNode get(String path, String token) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base().resolve(path)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  JsonNode send(String method, String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base().resolve(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /**
   * Polls {@code path} until {@code ready} holds (the live engine concludes every 300 ms), failing
   * with the last answer after {@code timeout}. An explicit wait on the server's state, not a sleep.
   */
  JsonNode await(String path, String token, Predicate<JsonNode> ready, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = get(path, token);
      if (ready.test(last)) {
        return last;
      }
      Thread.sleep(100); // the poll interval of this wait, not a guess at how long the server takes
    }
    throw new AssertionError("the server never got there: GET " + path + " still answers " + last);
  }

  @Override
  public void close() {
    server.stop();
  }
}
