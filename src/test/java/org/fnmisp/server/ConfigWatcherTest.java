package org.fnmisp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

  private static final Duration INTERVAL = Duration.ofMillis(20);
  /** Many intervals: long enough for a watcher that would fire to have fired. */
  private static final Duration QUIET = Duration.ofMillis(400);

  @TempDir
  Path dir;

  private final AtomicInteger calls = new AtomicInteger();
  private ConfigWatcher watcher;

  @AfterEach
  void close() {
    watcher.close();
  }

  @Test
  void shouldCallBackOnceWhenTheContentChanges() throws Exception {
    Path file = Files.writeString(dir.resolve("app.config"), "[fn_misp]\nmisp_url = https://a\n");
    watcher = ConfigWatcher.start(file, INTERVAL, calls::incrementAndGet);

    Files.writeString(file, "[fn_misp]\nmisp_url = https://b\n");

    await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
    assertThat(watcher.changed()).isTrue();
    Files.writeString(file, "[fn_misp]\nmisp_url = https://c\n");
    await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> calls.get() == 1);
  }

  @Test
  void shouldIgnoreAFileRewrittenWithTheSameContent() throws Exception {
    Path file = Files.writeString(dir.resolve("app.config"), "[fn_misp]\nmisp_url = https://a\n");
    watcher = ConfigWatcher.start(file, INTERVAL, calls::incrementAndGet);

    Files.writeString(file, "[fn_misp]\nmisp_url = https://a\n");
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

    await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> calls.get() == 0);
    assertThat(watcher.changed()).isFalse();
  }

  @Test
  void shouldTreatAFileThatIsMissingForAMomentAsUnchanged() throws Exception {
    Path file = Files.writeString(dir.resolve("app.config"), "[fn_misp]\nmisp_url = https://a\n");
    watcher = ConfigWatcher.start(file, INTERVAL, calls::incrementAndGet);

    Files.move(file, dir.resolve("app.config.old"));
    await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> calls.get() == 0);
    Files.move(dir.resolve("app.config.old"), file);
    Files.writeString(file, "[fn_misp]\nmisp_url = https://b\n");

    await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
  }
}
