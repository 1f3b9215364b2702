package org.unmask.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.cli.KafkaLoad;
import org.unmask.event.Finding;
import org.unmask.flink.wire.Routed;
import org.unmask.verdict.PersonVerdict;

/**
 * Kills the job mid-stream, after a checkpoint, and lets Flink restore it from that checkpoint:
 * the committed Kafka output (read_committed) and the PostgreSQL store still hold every finding of
 * the uninterrupted scan exactly once, and nothing was published twice.
 */
class FailureRecoveryIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path dir;

  /** Failure injection state lives outside the job, so the restored job does not fail again. */
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
  static final AtomicInteger SEEN = new AtomicInteger();
  static volatile int failAfter;

  /** Passes records through; slows down until a checkpoint completed, then throws once. */
  static final class FailOnce extends RichMapFunction<Routed, Routed> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    @Override
    public Routed map(Routed r) throws Exception {
      if (!FAILED.get() && SEEN.incrementAndGet() >= failAfter) {
        if (CHECKPOINTED.get()) {
          FAILED.set(true);
          throw new IllegalStateException("injected failure after " + SEEN.get() + " records");
        }
        Thread.sleep(1); // give the checkpoint coordinator time to complete one first
      }
      return r;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (SEEN.get() > 0) {
        CHECKPOINTED.set(true);
      }
    }
  }

  @Test
  void jobKilledMidStream_restoresFromCheckpoint_withNoFindingLostOrDoubled() throws Exception {
    World world = World.simulate(dir, 40, 10, 11, 0.08);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String prefix = "ff";
      KafkaLoad.createTopics(kafka.bootstrapServers(), prefix, 2);
      long sent = KafkaLoad.replay(world.dataset(), kafka.bootstrapServers(), prefix).sent();
      failAfter = (int) sent; // about a third of the routed copies: mid-stream

      Configuration conf = new Configuration();
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.setParallelism(2);
      env.enableCheckpointing(200);
      String jdbc = pg.getJdbcUrl("postgres", "postgres");
      UnmaskJob.build(env, new UnmaskJob.Kafka(kafka.bootstrapServers(), prefix, "ff-test", true, 200),
          JobSettings.defaults(world.dataset()).withPublishEvery(Duration.ofDays(1)).withStore(jdbc), new FailOnce());
      env.execute("failure and recovery");

      assertThat(FAILED).as("the failure was injected").isTrue();
      Map<String, String> expected = world.findings();
      assertThat(expected).hasSizeGreaterThan(20);

      // Kafka: the committed table equals the scan, and no key got the same value twice in a row
      // (what a replay without transactions would leave behind).
      List<EmbeddedKafka.Record> log = kafka.readAll(prefix + ".findings");
      assertThat(kafka.table(prefix + ".findings")).containsExactlyInAnyOrderEntriesOf(expected);
      assertThat(kafka.table(prefix + ".persons")).containsExactlyInAnyOrderEntriesOf(world.persons());
      Map<String, String> last = new HashMap<>();
      List<String> doubled = new ArrayList<>();
      Set<String> everPublished = new HashSet<>();
      for (EmbeddedKafka.Record r : log) {
        if (r.value() != null && r.value().equals(last.get(r.key()))) {
          doubled.add(r.key());
        }
        last.put(r.key(), r.value());
        everPublished.add(r.key());
      }
      assertThat(doubled).as("findings published twice").isEmpty();
      System.out.printf("failure test: %d events, %d findings expected, %d records on the findings topic%n",
          sent, expected.size(), log.size());

      // PostgreSQL: every finding of the scan is there once (the key is the primary key), with its
      // rule and entity; rows beyond them are findings an earlier publication held and a later one
      // withdrew (tombstoned on Kafka), never unknown ones.
      Map<String, String> stored = new HashMap<>();
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT finding_id, rule_id, entity_type, entity_id FROM findings")) {
        while (rs.next()) {
          stored.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
        }
      }
      for (Finding f : world.scan().findings()) {
        assertThat(stored).containsEntry(f.id(), f.ruleId() + "|" + f.entity().type().label() + "|" + f.entity().id());
      }
      assertThat(everPublished).containsAll(stored.keySet());
      Map<String, Boolean> cases = new HashMap<>();
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT person_id, case_opened FROM person_verdicts")) {
        while (rs.next()) {
          cases.put(rs.getString(1), rs.getBoolean(2));
        }
      }
      for (PersonVerdict p : world.scan().persons()) {
        assertThat(cases).containsEntry(p.personId(), p.caseOpened());
      }
    }
  }
}
