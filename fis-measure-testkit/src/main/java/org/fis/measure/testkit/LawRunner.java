package org.fis.measure.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs law containers (classes implementing the law interfaces, annotated with
 * {@code @AddLifecycleHook(LawRunner.Hook.class)}) on the jqwik engine with a chosen number of
 * tries and seed, outside a test build: jqwik generates, checks and shrinks as in a test, and the
 * run returns what was checked. Needs {@code org.junit.platform:junit-platform-launcher} on the
 * classpath (an optional dependency of the kit).
 *
 * <p>One run at a time per JVM (runs are serialised); the settings apply only to properties of
 * containers carrying the {@link Hook}.
 */
public final class LawRunner {
  /** The most tries a run accepts per property. */
  public static final int TRIES_MAX = 1_000_000;

  private static final Object RUN_LOCK = new Object();
  private static volatile Run current;

  private LawRunner() {}

  /**
   * Runs the containers' properties.
   *
   * @param containers the law containers
   * @param tries tries per property, 1–{@link #TRIES_MAX}
   * @param seed the random seed of every property
   * @return what was checked, one result per property, in execution order
   */
  public static LawRunReport run(List<Class<?>> containers, int tries, long seed) {
    Objects.requireNonNull(containers, "containers");
    if (tries < 1 || tries > TRIES_MAX) {
      throw new IllegalArgumentException("tries: must be 1.." + TRIES_MAX + ", got " + tries);
    }
    synchronized (RUN_LOCK) {
      Path database = temporaryDatabase();
      Run run = new Run(tries, seed);
      current = run;
      try {
        LauncherDiscoveryRequest request =
            LauncherDiscoveryRequestBuilder.request()
                .selectors(containers.stream().map(DiscoverySelectors::selectClass).toList())
                .filters(EngineFilter.includeEngines("jqwik"))
                .configurationParameter("jqwik.database", database.toString())
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .configurationParameter("jqwik.seeds.whenfixed", "ALLOW")
                .configurationParameter("jqwik.failures.after.default", "SAMPLE_FIRST")
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, run);
      } finally {
        current = null;
        deleteQuietly(database);
      }
      return new LawRunReport(tries, seed, run.results());
    }
  }

  /** A fresh jqwik database in a new temporary folder: no earlier failure is replayed. */
  private static Path temporaryDatabase() {
    try {
      return Files.createTempDirectory("fis-laws").resolve("jqwik-database");
    } catch (IOException e) {
      throw new UncheckedIOException("jqwik database: cannot create a temporary folder", e);
    }
  }

  private static void deleteQuietly(Path database) {
    try {
      Files.deleteIfExists(database);
      Files.deleteIfExists(database.getParent());
    } catch (IOException e) {
      // A left-over temporary file is harmless.
    }
  }

  private static String key(String className, String methodName) {
    return className + "#" + methodName;
  }

  /**
   * The key of a jqwik unique id such as {@code [engine:jqwik]/[class:a.B]/[property:law]}: the
   * container class (not the law interface that declares the method) and the method.
   */
  private static String keyOf(String uniqueId) {
    String container = segment(uniqueId, "[class:");
    String property = segment(uniqueId, "[property:");
    if (container == null || property == null) {
      return uniqueId;
    }
    int parameters = property.indexOf('(');
    return key(container, parameters < 0 ? property : property.substring(0, parameters));
  }

  private static String segment(String uniqueId, String prefix) {
    int start = uniqueId.lastIndexOf(prefix);
    if (start < 0) {
      return null;
    }
    int end = uniqueId.indexOf(']', start);
    return end < 0 ? null : uniqueId.substring(start + prefix.length(), end);
  }

  /** The settings and results of one run. */
  private static final class Run implements TestExecutionListener {
    private final int tries;
    private final long seed;
    private final List<LawResult> results = Collections.synchronizedList(new ArrayList<>());

    Run(int tries, long seed) {
      this.tries = tries;
      this.seed = seed;
    }

    List<LawResult> results() {
      return List.copyOf(results);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      // Failures before a property ran (a container that cannot be instantiated, a parameter
      // without an arbitrary) never reach the hook: report them too.
      if (!test.isTest() || result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
        return;
      }
      String id = keyOf(test.getUniqueId());
      if (results.stream().noneMatch(r -> r.uniqueId().equals(id))) {
        results.add(
            new LawResult(
                id,
                test.getDisplayName(),
                LawResult.Status.FAILED,
                0,
                0,
                Long.toString(seed),
                Optional.empty(),
                result.getThrowable().map(Throwable::getMessage)));
      }
    }
  }

  /**
   * The jqwik lifecycle hook that applies a run's tries and seed and records each property's
   * result. Inert outside {@link LawRunner#run}. Add it to a law container with
   * {@code @AddLifecycleHook(LawRunner.Hook.class)}.
   */
  public static final class Hook implements AroundPropertyHook {
    /** Creates the hook; jqwik does this. */
    public Hook() {}

    /** Applies to the properties of the container the hook is added to. */
    @Override
    public PropagationMode propagateTo() {
      return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) {
      Run run = current;
      if (run == null) {
        return property.execute();
      }
      context.attributes().setTries(run.tries);
      context.attributes().setSeed(Long.toString(run.seed));
      PropertyExecutionResult result = property.execute();
      Optional<List<Object>> sample =
          result.shrunkSample().map(ShrunkFalsifiedSample::parameters).map(List::copyOf);
      run.results.add(
          new LawResult(
              key(context.containerClass().getName(), context.targetMethod().getName()),
              describe(context),
              status(result.status()),
              result.countTries(),
              result.countChecks(),
              result.seed().orElse(Long.toString(run.seed)),
              sample,
              result.throwable().map(Throwable::getMessage)));
      return result;
    }

    private static String describe(PropertyLifecycleContext context) {
      Label subject = context.containerClass().getAnnotation(Label.class);
      String container =
          subject == null ? context.containerClass().getSimpleName() : subject.value();
      return container + ": " + context.targetMethod().getName().replace('_', ' ');
    }

    private static LawResult.Status status(PropertyExecutionResult.Status status) {
      return switch (status) {
        case SUCCESSFUL -> LawResult.Status.PASSED;
        case FAILED -> LawResult.Status.FAILED;
        case ABORTED -> LawResult.Status.ABORTED;
      };
    }
  }
}
