package org.fnmisp.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fnmisp.worker.DeliveryLedger.Decision;
import org.fnmisp.worker.DeliveryLedger.Delivery;
import org.fnmisp.worker.DeliveryLedger.Reply;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  private final AtomicLong now = new AtomicLong();
  private final DeliveryLedger ledger = new DeliveryLedger(TimeUnit.HOURS.toNanos(1), 3, now::get);
  private final Reply reply = new Reply("/queue/acks.201.fn_misp", Map.of("correlation-id", "invid:1"),
      "{}".getBytes(StandardCharsets.UTF_8));

  @Test
  void shouldRunAMessageOnlyOnceWhileItIsRunning() {
    assertThat(ledger.delivered("m1", new Delivery("a1", 1))).isEqualTo(Decision.RUN);
    assertThat(ledger.delivered("m1", new Delivery("a2", 2))).isEqualTo(Decision.ALREADY_RUNNING);
    assertThat(ledger.latestDelivery("m1")).contains(new Delivery("a2", 2));
  }

  @Test
  void shouldAckTheNewestDeliveryOnceTheReplyIsConfirmed() {
    ledger.delivered("m1", new Delivery("a1", 1));
    ledger.replyReady("m1", reply);
    ledger.delivered("m1", new Delivery("a2", 2));
    assertThat(ledger.replyConfirmed("m1")).contains(new Delivery("a2", 2));
  }

  @Test
  void shouldResendAnUnconfirmedReplyOnRedeliveryButNeverTwoSendersAtOnce() {
    ledger.delivered("m1", new Delivery("a1", 1));
    ledger.replyReady("m1", reply);
    assertThat(ledger.delivered("m1", new Delivery("a2", 2))).isEqualTo(Decision.RESEND_REPLY);
    assertThat(ledger.claimReply("m1")).as("the first sender still owns it").isEmpty();
    assertThat(ledger.releaseReply("m1", false)).as("so it must try again on the newer delivery").isTrue();
    assertThat(ledger.releaseReply("m1", false)).as("and may then give up").isFalse();
    assertThat(ledger.claimReply("m1")).contains(reply);
    assertThat(ledger.claimReply("m1")).isEmpty();
  }

  @Test
  void shouldSettleOnceEveryMessageIsAcknowledgedOrAbandoned() throws Exception {
    ledger.delivered("m1", new Delivery("a1", 1));
    ledger.delivered("m2", new Delivery("a2", 1));
    assertThat(ledger.awaitSettled(now.get())).isFalse();
    ledger.acknowledged("m1");
    ledger.abandoned("m2");
    assertThat(ledger.awaitSettled(now.get())).isTrue();
  }

  @Test
  void shouldOnlyAckARedeliveryOfAConfirmedOrAcknowledgedMessage() {
    ledger.delivered("m1", new Delivery("a1", 1));
    ledger.replyReady("m1", reply);
    ledger.replyConfirmed("m1");
    assertThat(ledger.delivered("m1", new Delivery("a2", 2))).isEqualTo(Decision.ACK_ONLY);
    ledger.acknowledged("m1");
    assertThat(ledger.delivered("m1", new Delivery("a3", 3))).isEqualTo(Decision.ACK_ONLY);
    assertThat(ledger.unfinished()).isZero();
  }

  @Test
  void shouldForgetAcknowledgedMessagesAfterAnHour() {
    ledger.delivered("m1", new Delivery("a1", 1));
    ledger.acknowledged("m1");
    now.addAndGet(TimeUnit.MINUTES.toNanos(61));
    assertThat(ledger.delivered("m1", new Delivery("a2", 2))).isEqualTo(Decision.RUN);
  }

  @Test
  void shouldRememberAtMostTheConfiguredNumberOfAcknowledgedMessages() {
    for (String id : new String[] {"m1", "m2", "m3", "m4"}) {
      ledger.delivered(id, new Delivery("a", 1));
      ledger.acknowledged(id);
    }
    assertThat(ledger.delivered("m4", new Delivery("b", 1))).isEqualTo(Decision.ACK_ONLY);
    assertThat(ledger.delivered("m1", new Delivery("b", 1))).as("the oldest was forgotten").isEqualTo(Decision.RUN);
  }

  @Test
  void shouldLetAnAbandonedMessageRunAgain() {
    ledger.delivered("m1", new Delivery("a1", 1));
    ledger.abandoned("m1");
    assertThat(ledger.delivered("m1", new Delivery("a2", 2))).isEqualTo(Decision.RUN);
  }
}
