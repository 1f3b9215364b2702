package org.unmask.server.load;

import java.io.IOException;
import java.nio.file.Path;

/** Entry points of the load test for JUnit (World is package-private). */
public final class LoadTestHarness {

  private LoadTestHarness() {}

  public static Object world(Path folder, int employees, int days, int batch) throws IOException {
    return World.simulate(folder, employees, days, 5, batch, Long.MAX_VALUE);
  }

  public static long events(Object world) {
    return ((World) world).events;
  }

  public static LoadTest.Throughput throughput(Object world, Path dir, int clients) throws Exception {
    return LoadTest.throughput((World) world, dir, clients, 20_000);
  }

  public static LoadTest.KillResume killAndResume(Object world, int batches, Path dir, int kills, long seed) throws Exception {
    return LoadTest.killAndResume((World) world, Math.min(batches, ((World) world).batches.size()), dir, kills, seed);
  }
}
