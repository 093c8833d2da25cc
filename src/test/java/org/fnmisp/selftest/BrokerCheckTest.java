package org.fnmisp.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.fnmisp.testing.TestBroker;
import org.junit.jupiter.api.Test;

class BrokerCheckTest {

  @Test
  void shouldReportAQueueTheKeyMayNotReadWithTheFix() throws Exception {
    try (TestBroker broker = TestBroker.start()) {
      BrokerCheck.Result result = BrokerCheck.check(broker.tlsSettings(), List.of("forbidden.fn_misp"),
          Duration.ofSeconds(5));

      assertThat(result.outcome()).isEqualTo(BrokerCheck.Outcome.QUEUE_FORBIDDEN);
      assertThat(result.message()).contains("not authorized to read").contains("fn-misp customize");
    }
  }

  @Test
  void shouldPassForAQueueTheKeyMayRead() throws Exception {
    try (TestBroker broker = TestBroker.start()) {
      BrokerCheck.Result result = BrokerCheck.check(broker.tlsSettings(), List.of("actions.201.fn_misp"),
          Duration.ofSeconds(5));

      assertThat(result.outcome()).isEqualTo(BrokerCheck.Outcome.OK);
      assertThat(broker.queueSize("actions.201.fn_misp")).isZero();
    }
  }
}
