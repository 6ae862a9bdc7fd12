package org.fis.examples.demo;

import java.io.PrintStream;
import java.util.Objects;

/**
 * A one-line text progress bar for the long demo steps. On a terminal it redraws in place; when the
 * output is not a terminal (CI logs, tests) it prints at most {@link #LINES_MAX_NON_INTERACTIVE}
 * lines so logs stay short. Not thread-safe: advance it from one thread.
 */
public final class Progress implements AutoCloseable {
  /** Width of the bar in characters. */
  static final int WIDTH = 30;

  /** How many progress lines a non-interactive run prints per bar. */
  static final int LINES_MAX_NON_INTERACTIVE = 4;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean interactive;
  private long done;
  private int lastDrawn = -1;

  private Progress(PrintStream out, String label, long total, boolean interactive) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.interactive = interactive;
  }

  /**
   * Starts a bar.
   *
   * @param out where to draw
   * @param label what is progressing, e.g. {@code "Pushing readings"}
   * @param total the number of units at 100 %, at least 1
   * @return the bar
   */
  public static Progress start(PrintStream out, String label, long total) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(label, "label");
    if (total < 1) {
      throw new IllegalArgumentException("total: must be at least 1, got " + total);
    }
    Progress progress = new Progress(out, label, total, System.console() != null);
    progress.draw();
    return progress;
  }

  /**
   * Advances the bar.
   *
   * @param units how many units were completed, at least 0
   */
  public void advance(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("units: must not be negative, got " + units);
    }
    done = Math.min(total, done + units);
    draw();
  }

  /** Completes the bar and ends its line. */
  @Override
  public void close() {
    done = total;
    draw();
    if (interactive) {
      out.println();
    }
  }

  private void draw() {
    int percent = (int) (done * 100 / total);
    int step = interactive ? percent : percent / (100 / (LINES_MAX_NON_INTERACTIVE - 1));
    if (step == lastDrawn) {
      return;
    }
    lastDrawn = step;
    int filled = (int) (done * WIDTH / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    String line = String.format("  %-28s [%s] %3d%% (%d/%d)", label, bar, percent, done, total);
    if (interactive) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }
}
