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
  private final DeliveryLedger ledger = new DeliveryLedger(new WorkerSettings(1, 1, 3, java.time.Duration.ofHours(1), java.time.Duration.ofHours(1), 3), now::get);
  private final Reply reply = new Reply("/queue/acks.201.fn_misp", Map.of("correlation-id", "invid:1"),
      "{}".getBytes(StandardCharsets.UTF_8));

  @Test
  void shouldRunAMessageOnlyOnceWhileItIsRunning() {
    assertThat(ledger.delivered("m1", new Delivery("a1", 1, "s"))).isEqualTo(Decision.RUN);
    assertThat(ledger.delivered("m1", new Delivery("a2", 2, "s"))).isEqualTo(Decision.ALREADY_RUNNING);
    assertThat(ledger.latestDelivery("m1")).contains(new Delivery("a2", 2, "s"));
  }

  @Test
  void shouldAckTheNewestDeliveryOnceTheReplyIsConfirmed() {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.replyReady("m1", reply);
    ledger.delivered("m1", new Delivery("a2", 2, "s"));
    assertThat(ledger.replyConfirmed("m1")).contains(new Delivery("a2", 2, "s"));
  }

  @Test
  void shouldResendAnUnconfirmedReplyOnRedeliveryButNeverTwoSendersAtOnce() {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.replyReady("m1", reply);
    assertThat(ledger.delivered("m1", new Delivery("a2", 2, "s"))).isEqualTo(Decision.RESEND_REPLY);
    assertThat(ledger.claimReply("m1")).as("the first sender still owns it").isEmpty();
    assertThat(ledger.releaseReply("m1", false)).as("so it must try again on the newer delivery").isTrue();
    assertThat(ledger.releaseReply("m1", false)).as("and may then give up").isFalse();
    assertThat(ledger.claimReply("m1")).contains(reply);
    assertThat(ledger.claimReply("m1")).isEmpty();
  }

  @Test
  void shouldSettleOnceEveryMessageIsAcknowledgedOrAbandoned() throws Exception {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.delivered("m2", new Delivery("a2", 1, "s"));
    assertThat(ledger.awaitSettled(now.get())).isFalse();
    ledger.acknowledged("m1");
    ledger.abandoned("m2");
    assertThat(ledger.awaitSettled(now.get())).isTrue();
  }

  @Test
  void shouldOnlyAckARedeliveryOfAConfirmedOrAcknowledgedMessage() {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.replyReady("m1", reply);
    ledger.replyConfirmed("m1");
    assertThat(ledger.delivered("m1", new Delivery("a2", 2, "s"))).isEqualTo(Decision.ACK_ONLY);
    ledger.acknowledged("m1");
    assertThat(ledger.delivered("m1", new Delivery("a3", 3, "s"))).isEqualTo(Decision.ACK_ONLY);
    assertThat(ledger.unfinished()).isZero();
  }

  @Test
  void shouldForgetAcknowledgedMessagesAfterAnHour() {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.acknowledged("m1");
    now.addAndGet(TimeUnit.MINUTES.toNanos(61));
    assertThat(ledger.delivered("m1", new Delivery("a2", 2, "s"))).isEqualTo(Decision.RUN);
  }

  @Test
  void shouldRememberAtMostTheConfiguredNumberOfAcknowledgedMessages() {
    for (String id : new String[] {"m1", "m2", "m3", "m4"}) {
      ledger.delivered(id, new Delivery("a", 1, "s"));
      ledger.acknowledged(id);
    }
    assertThat(ledger.delivered("m4", new Delivery("b", 1, "s"))).isEqualTo(Decision.ACK_ONLY);
    assertThat(ledger.delivered("m1", new Delivery("b", 1, "s"))).as("the oldest was forgotten").isEqualTo(Decision.RUN);
  }

  @Test
  void shouldLetAnAbandonedMessageRunAgain() {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.abandoned("m1");
    assertThat(ledger.delivered("m1", new Delivery("a2", 2, "s"))).isEqualTo(Decision.RUN);
  }
}
