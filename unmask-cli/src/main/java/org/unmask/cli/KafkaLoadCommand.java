package org.unmask.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unmask kafka-load DATASET --topic-prefix P --bootstrap-servers HOST:PORT}: feeds the Flink job. */
@Command(name = "kafka-load", mixinStandardHelpOptions = true,
    description = "Replay a dataset into Kafka for the Flink job (reference CSVs to P.reference, events to P.events); creates missing topics.")
final class KafkaLoadCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET", description = "dataset folder holding events/")
  Path dataset;

  @Option(names = "--topic-prefix", required = true, paramLabel = "P", description = "topic prefix: events go to P.events")
  String prefix;

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
  String bootstrap;

  @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
      description = "partitions of topics this command creates (default: ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--rules", paramLabel = "PATH",
      description = "Sigma rule files or folders to send with the reference set (under rules/); a running job compiles them")
  java.util.List<Path> rules = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    if (!prefix.matches("[A-Za-z0-9._-]{1,200}")) {
      System.err.println("unmask kafka-load: --topic-prefix may hold letters, digits, '.', '_' and '-' only");
      return 2;
    }
    if (!java.nio.file.Files.isDirectory(dataset)) {
      System.err.println("unmask kafka-load: no such folder: " + dataset + " — pass the folder that holds people.csv and events/");
      return 2;
    }
    try {
      long started = System.nanoTime();
      KafkaLoad.createTopics(bootstrap, prefix, partitions);
      KafkaLoad.Counts c = KafkaLoad.replay(dataset, bootstrap, prefix, rules);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("sent %d reference files to %s.reference and %d events to %s.events in %.1f s (%.0f events/s);"
          + " %d records rejected by the reader%n", c.referenceFiles(), prefix, c.sent(), prefix, seconds,
          c.sent() / Math.max(seconds, 1e-9), c.rejected());
      return 0;
    } catch (RuntimeException e) {
      System.err.println("unmask kafka-load: " + e.getMessage());
      return 1;
    }
  }
}
