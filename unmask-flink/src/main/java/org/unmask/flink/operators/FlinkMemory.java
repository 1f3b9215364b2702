package org.unmask.flink.operators;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.unmask.detect.sigma.SigmaEventRules;
import org.unmask.detect.sigma.correlation.StateProvider;
import org.unmask.state.State;

/**
 * The rules' memory in Flink keyed state: reported facts and correlation windows of the entity
 * being judged (the operator's current key), so a checkpoint holds them and a subtask remembers only
 * its own entities. Correlation windows are {@link java.io.Serializable} engine classes and are
 * kept as Java-serialised bytes; they change only when a rule matches, which is rare.
 */
final class FlinkMemory implements SigmaEventRules.Memory {

  private static final char SEPARATOR = '\u0000';

  private final MapState<String, Boolean> reported;
  private final MapState<String, byte[]> windows;

  FlinkMemory(MapState<String, Boolean> reported, MapState<String, byte[]> windows) {
    this.reported = reported;
    this.windows = windows;
  }

  @Override
  public boolean firstReport(LocalDate day, String fact) {
    String key = day + "|" + fact;
    try {
      if (reported.contains(key)) {
        return false;
      }
      reported.put(key, Boolean.TRUE);
      return true;
    } catch (Exception e) {
      throw new IllegalStateException("keyed state failed: " + e.getMessage(), e);
    }
  }

  /**
   * Nothing to do here: only the current key's state is reachable from an event, so the facts
   * of every key expire by the state's time-to-live instead ({@link Judge}).
   */
  @Override
  public void forgetDaysBefore(LocalDate day) {}

  @Override
  public StateProvider correlations() {
    return new StateProvider() {
      @Override
      public <S> State<S> state(String correlationId, String groupKey) {
        return new Window<>(correlationId + SEPARATOR + groupKey);
      }

      @Override
      public Collection<String> groupKeys(String correlationId) {
        String prefix = correlationId + SEPARATOR;
        List<String> groups = new ArrayList<>();
        try {
          for (String k : windows.keys()) {
            if (k.startsWith(prefix)) {
              groups.add(k.substring(prefix.length()));
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException("keyed state failed: " + e.getMessage(), e);
        }
        return groups;
      }
    };
  }

  private final class Window<S> implements State<S> {
    private final String key;

    Window(String key) {
      this.key = key;
    }

    @Override
    @SuppressWarnings("unchecked")
    public S value() {
      try {
        byte[] b = windows.get(key);
        if (b == null) {
          return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
          return (S) in.readObject();
        }
      } catch (IOException | ClassNotFoundException e) {
        throw new IllegalStateException("unreadable correlation window " + key + ": " + e.getMessage(), e);
      } catch (Exception e) {
        throw new IllegalStateException("keyed state failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void update(S value) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      } catch (IOException e) {
        throw new UncheckedIOException("correlation window is not serialisable", e);
      }
      try {
        windows.put(key, bytes.toByteArray());
      } catch (Exception e) {
        throw new IllegalStateException("keyed state failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void clear() {
      try {
        windows.remove(key);
      } catch (Exception e) {
        throw new IllegalStateException("keyed state failed: " + e.getMessage(), e);
      }
    }
  }
}
