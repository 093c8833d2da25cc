package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.fnmisp.selftest.BrokerCheck;
import org.fnmisp.soar.SoarException;
import org.fnmisp.stomp.StompException;
import org.junit.jupiter.api.Test;

/** The numbers are resilient-circuits' (scripts and service managers match on them), so they are spelled out here. */
class ExitCodesTest {

  @Test
  void shouldGiveEachSoarFailureResilientCircuitsRestCode() {
    Map<SoarException.Kind, Integer> codes = new EnumMap<>(SoarException.Kind.class);
    Arrays.stream(SoarException.Kind.values()).forEach(kind -> codes.put(kind, ExitCodes.of(kind)));

    assertThat(codes).isEqualTo(Map.of(SoarException.Kind.GENERIC, 20, SoarException.Kind.UNAUTHORIZED,
        21, SoarException.Kind.CA_FILE, 22, SoarException.Kind.TLS, 23, SoarException.Kind.ORG, 24));
  }

  @Test
  void shouldGiveARefusedStompLogin31AndAnyOtherConnectFailure30() {
    assertThat(ExitCodes.of(StompException.Kind.LOGIN_REJECTED)).isEqualTo(31);
    assertThat(ExitCodes.of(StompException.Kind.TLS_REJECTED)).isEqualTo(30);
    assertThat(ExitCodes.of(StompException.Kind.TRANSIENT)).isEqualTo(30);
  }

  @Test
  void shouldGiveEachBrokerCheckOutcomeItsSelftestCode() {
    assertThat(ExitCodes.of(BrokerCheck.Outcome.OK)).isZero();
    assertThat(ExitCodes.of(BrokerCheck.Outcome.LOGIN_REJECTED)).isEqualTo(31);
    assertThat(ExitCodes.of(BrokerCheck.Outcome.QUEUE_FORBIDDEN)).isEqualTo(32);
    assertThat(ExitCodes.of(BrokerCheck.Outcome.UNREACHABLE)).isEqualTo(30);
  }
}
