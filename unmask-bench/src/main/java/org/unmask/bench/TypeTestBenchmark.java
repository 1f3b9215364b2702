package org.unmask.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why the Sigma matcher asks an event's values whether they are a {@code Long}, a {@code Double} or a
 * {@code Boolean} before asking whether they are a {@code List}: a failing {@code instanceof} against
 * an interface scans the class's interfaces, which on Java 17 costs about 11 ns per test. The same test
 * against a final class is one compare. Java 23 and later answer both at the same speed.
 * docs/BENCHMARKS.md "Ninth session" has the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TypeTestBenchmark {

  private static final int VALUES = 4096;

  /** Numbers as a JSON reader makes them: distinct {@code Long} objects. */
  private Object[] numbers;

  @Setup
  public void setUp() {
    numbers = new Object[VALUES];
    for (int i = 0; i < VALUES; i++) {
      numbers[i] = i * 7919L;
    }
  }

  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int listTestFirst() {
    int lists = 0;
    for (Object value : numbers) {
      if (value instanceof List<?>) {
        lists++;
      }
    }
    return lists;
  }

  @Benchmark
  @OperationsPerInvocation(VALUES)
  public int finalClassesFirst() {
    int lists = 0;
    for (Object value : numbers) {
      if (!(value instanceof Long || value instanceof Double || value instanceof Boolean) && value instanceof List<?>) {
        lists++;
      }
    }
    return lists;
  }
}
