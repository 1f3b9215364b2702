package org.unmask.ingest;

import java.nio.file.Path;
import java.time.Instant;
import org.unmask.event.Event;

/**
 * Run in a forked small-heap JVM by {@link BoundedMemoryTest}: reads a dataset and checks that
 * events come out in order. Prints {@code ok <events> <rejections>} or exits non-zero.
 */
public final class BoundedMemoryMain {

  private BoundedMemoryMain() {}

  public static void main(String[] args) {
    Dataset ds = Dataset.open(Path.of(args[0]));
    long count = 0;
    long[] rejected = {0};
    Instant previous = Instant.MIN;
    try (EventStream events = ds.events(r -> rejected[0]++, ReadOptions.defaults().withSpillDir(Path.of(args[1])))) {
      while (events.hasNext()) {
        Event e = events.next();
        if (e.timestamp().isBefore(previous)) {
          System.out.println("out of order at " + e.source());
          System.exit(2);
        }
        previous = e.timestamp();
        count++;
      }
    }
    System.out.println("ok " + count + " " + rejected[0]);
  }
}
