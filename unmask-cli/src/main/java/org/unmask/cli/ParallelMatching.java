package org.unmask.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.unmask.concurrent.InOrder;
import org.unmask.detect.sigma.JsonEvents;
import org.unmask.detect.sigma.SigmaMatch;
import org.unmask.detect.sigma.SigmaRuleSet;
import org.unmask.event.Event;

/**
 * {@code unmask match} on several cores: the calling thread reads the files and cuts them into
 * batches of lines; worker threads parse and match the batches; the calling thread takes each
 * batch's outcomes back in the files' order and hands them on, so correlations, output and
 * rejections come exactly as one thread would give them. Parsing and matching are nearly all the
 * work (reading and cutting lines is a tenth), and a rule set matches on any number of threads.
 *
 * <p>A JSON document ({@code .json}) has to be parsed to be cut, so its events are parsed on the
 * reading thread and only matched on the workers. At most {@code 2 × threads + 1} batches are in
 * flight, so memory stays bounded whatever the files' size.
 *
 * @param <S> what the caller keeps per rule set (its correlations), chosen per event
 */
final class ParallelMatching<S> {

  /** An event with the rule set it met and the rules that matched it (at least one). */
  record Matched<S>(Event event, S set, List<SigmaMatch> matches) {}

  /** Receives the outcomes in the files' order. */
  interface Outcomes<S> {
    void matched(Matched<S> matched);

    void rejected(JsonEvents.Rejected rejected);

    /**
     * A rule set met its first event of a batch, here: the first call for a set is where one
     * thread would have met it first (and loaded it, and reported its problems).
     */
    void met(S set);
  }

  /** Where a batch first used a rule set. */
  private record Met<S>(S set) {}

  private static final int BATCH_UNITS = 1024;
  private static final int BATCH_BYTES = 4 << 20;

  private final int threads;
  private final Function<Event, S> setFor;
  private final Function<S, SigmaRuleSet> rulesOf;

  /**
   * @param setFor the rule set an event meets, or null to only count it (no rules: parsing alone)
   */
  ParallelMatching(int threads, Function<Event, S> setFor, Function<S, SigmaRuleSet> rulesOf) {
    this.threads = threads;
    this.setFor = setFor;
    this.rulesOf = rulesOf;
  }

  /** One batch's outcomes: events, in order among the rejections, and how many events it held. */
  private record Done<S>(List<Object> outcomes, long events) {}

  /** Reads, parses and matches every file; returns the number of events. */
  long run(List<Path> files, Outcomes<S> out) throws IOException {
    long[] events = {0};
    try (InOrder<Done<S>> batches = new InOrder<>(threads, 2 * threads + 1, "unmask-match", done -> events[0] += emit(done, out))) {
      List<Object> batch = new ArrayList<>(BATCH_UNITS);
      long[] bytes = {0};
      Runnable submit = () -> {
        List<Object> full = new ArrayList<>(batch);
        batch.clear();
        bytes[0] = 0;
        batches.submit(() -> work(full));
      };
      Runnable submitIfFull = () -> {
        if (batch.size() >= BATCH_UNITS || bytes[0] >= BATCH_BYTES) {
          submit.run();
        }
      };
      JsonEvents.UnparsedSink units = new JsonEvents.UnparsedSink() {
        @Override
        public void unparsed(JsonEvents.Unparsed unit) {
          batch.add(unit);
          bytes[0] += unit.bytes().length;
          submitIfFull.run();
        }

        @Override
        public void accept(Event event) {
          batch.add(event);
          submitIfFull.run();
        }
      };
      for (Path file : files) {
        JsonEvents.readUnparsed(file, units, rejected -> {
          batch.add(rejected); // keeps its place among the lines around it
          submitIfFull.run();
        });
      }
      if (!batch.isEmpty()) {
        submit.run();
      }
      batches.finish();
      return events[0];
    }
  }

  private Done<S> work(List<Object> batch) {
    List<Object> outcomes = new ArrayList<>();
    long[] events = {0};
    Set<S> met = Collections.newSetFromMap(new IdentityHashMap<>());
    JsonEvents.Sink match = event -> {
      events[0]++;
      S set = setFor.apply(event);
      if (set == null) {
        return;
      }
      if (met.add(set)) {
        outcomes.add(new Met<>(set));
      }
      List<SigmaMatch> matches = rulesOf.apply(set).matches(event);
      if (!matches.isEmpty()) {
        outcomes.add(new Matched<>(event, set, matches));
      }
    };
    for (Object unit : batch) {
      if (unit instanceof JsonEvents.Unparsed line) {
        JsonEvents.parse(line, match, outcomes::add);
      } else if (unit instanceof Event event) {
        match.accept(event);
      } else {
        outcomes.add(unit); // a rejection made while reading
      }
    }
    return new Done<>(outcomes, events[0]);
  }

  @SuppressWarnings("unchecked")
  private long emit(Done<S> done, Outcomes<S> out) {
    for (Object outcome : done.outcomes()) {
      if (outcome instanceof Matched<?> m) {
        out.matched((Matched<S>) m);
      } else if (outcome instanceof Met<?> m) {
        out.met((S) m.set());
      } else {
        out.rejected((JsonEvents.Rejected) outcome);
      }
    }
    return done.events();
  }
}
