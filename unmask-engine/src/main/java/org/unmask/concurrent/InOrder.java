package org.unmask.concurrent;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs tasks on worker threads and hands their results to one consumer, on the thread that gives
 * the tasks, in the order the tasks were given. At most {@code ahead} tasks are in flight: giving
 * one more first hands on the oldest results, so memory stays bounded however many tasks come.
 * What a task throws is thrown again where its result would have been handed on.
 *
 * <p>Not thread-safe: one thread gives the tasks and receives the results.
 *
 * @param <T> a task's result
 */
public final class InOrder<T> implements AutoCloseable {

  private final ExecutorService pool;
  private final int ahead;
  private final Consumer<T> results;
  private final ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();

  /**
   * @param workers worker threads (daemons, named {@code threadName}: an abandoned run must not
   *     keep the JVM alive)
   * @param ahead tasks in flight at most, 1 or more
   * @param results receives each result, in the order the tasks were given
   */
  public InOrder(int workers, int ahead, String threadName, Consumer<T> results) {
    if (workers < 1 || ahead < 1) {
      throw new IllegalArgumentException("workers and ahead must be 1 or more");
    }
    this.pool = Executors.newFixedThreadPool(workers, task -> {
      Thread t = new Thread(task, threadName);
      t.setDaemon(true);
      return t;
    });
    this.ahead = ahead;
    this.results = results;
  }

  /** Gives a task to the workers, after handing on the oldest results while {@code ahead} are in flight. */
  public void submit(Callable<T> task) {
    while (inFlight.size() >= ahead) {
      results.accept(result(inFlight.poll()));
    }
    inFlight.add(pool.submit(task));
  }

  /** Hands on the results of every task still in flight. */
  public void finish() {
    while (!inFlight.isEmpty()) {
      results.accept(result(inFlight.poll()));
    }
  }

  /** Stops the workers; tasks not finished are abandoned. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static <T> T result(Future<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a worker", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
