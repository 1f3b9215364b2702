package org.unmask.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A loopback client of one server: posts gzip batches, retries 429 after Retry-After, or dies mid-request. */
final class Client {

  static final ObjectMapper JSON = new ObjectMapper();

  final int port;
  final String token;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  long refusals;

  Client(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** Posts one batch until it is acknowledged; returns the receipt. */
  JsonNode post(byte[] gzipBatch) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
          .header("Content-Encoding", "gzip").timeout(Duration.ofMinutes(2))
          .POST(HttpRequest.BodyPublishers.ofByteArray(gzipBatch)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return JSON.readTree(r.body());
      }
      if (r.statusCode() == 429 && System.nanoTime() < deadline) {
        refusals++;
        long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        Thread.sleep(Math.min(wait * 1000, 200)); // honour it loosely: the bound is what we measure
        continue;
      }
      throw new IOException("batch refused: " + r.statusCode() + " " + r.body());
    }
  }

  /**
   * Sends a batch and dies: writes the request (all of it, or only {@code fraction} of the body)
   * on a raw socket and closes it without reading the answer, as a killed process would.
   */
  void dieDuring(byte[] gzipBatch, double fraction) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      String head = "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/x-ndjson\r\nContent-Encoding: gzip\r\nContent-Length: " + gzipBatch.length
          + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(gzipBatch, 0, (int) (gzipBatch.length * fraction));
      out.flush();
      if (fraction >= 1.0) {
        // The whole request is out; the process dies before reading the answer, which the server
        // may or may not have written yet.
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        s.setSoLinger(true, 0); // dies mid-body: a reset, not a polite close
      }
    }
  }

  void put(String path, Path file) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("PUT " + path + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** Uploads the world's reference data through the API, as an operator would. */
  void uploadReference(Path world) throws IOException, InterruptedException {
    for (String kind : new String[] {"people", "devices", "applicants", "payroll"}) {
      Path f = world.resolve(kind + ".csv");
      if (Files.exists(f)) {
        put("/api/v1/reference/" + kind, f);
      }
    }
    Path lists = world.resolve("watchlists");
    if (Files.isDirectory(lists)) {
      try (var files = Files.list(lists)) {
        for (Path f : files.sorted().toList()) {
          put("/api/v1/reference/watchlists/" + f.getFileName().toString().replace(".csv", ""), f);
        }
      }
    }
  }
}
