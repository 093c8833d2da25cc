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
  private final DeliveryLedger ledger = new DeliveryLedger(
      new WorkerSettings(1, 1, 3, java.time.Duration.ofHours(1), java.time.Duration.ofHours(1), 3), now::get);
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
    assertThat(ledger.delivered("m1", new Delivery("b", 1, "s"))).as("the oldest was forgotten")
        .isEqualTo(Decision.RUN);
  }

  @Test
  void shouldLetAnAbandonedMessageRunAgain() {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.abandoned("m1");
    assertThat(ledger.delivered("m1", new Delivery("a2", 2, "s"))).isEqualTo(Decision.RUN);
  }

  @Test
  void shouldResendTheKeptReplyAfterARefusalAndHandTheMessageToTheDlqAfterTheLastOne() {
    // deliveryAttempts = 3
    Delivery first = new Delivery("a1", 1, "s");
    ledger.delivered("m1", first);
    ledger.replyReady("m1", reply);
    assertThat(ledger.refused("m1", first)).isEqualTo(1);
    assertThat(ledger.latestDelivery("m1")).as("the spent ACK id is never used again").isEmpty();
    assertThat(ledger.delivered("m1", new Delivery("a2", 2, "s"))).isEqualTo(Decision.RESEND_REPLY);
    assertThat(ledger.claimReply("m1")).contains(reply);
    assertThat(ledger.refused("m1", new Delivery("a2", 2, "s"))).isEqualTo(2);
    assertThat(ledger.delivered("m1", new Delivery("a3", 3, "s"))).isEqualTo(Decision.RESEND_REPLY);
    assertThat(ledger.claimReply("m1")).contains(reply);
    assertThat(ledger.refused("m1", new Delivery("a3", 3, "s"))).isEqualTo(3);
    assertThat(ledger.unfinished()).as("a refused reply is not done").isEqualTo(1);
    assertThat(ledger.delivered("m1", new Delivery("a4", 4, "s"))).isEqualTo(Decision.DEAD_LETTER);
  }

  @Test
  void shouldBoundTheKeptRepliesByCountDroppingThoseThatMayBeCommittedFirst() {
    DeliveryLedger bounded = new DeliveryLedger(new WorkerSettings(1, 1, 3, java.time.Duration.ofHours(1),
        java.time.Duration.ofHours(1), 100, 2, 1_000_000), now::get);
    for (String id : new String[] {"m1", "m2"}) {
      bounded.delivered(id, new Delivery("a", 1, "s"));
      bounded.replyReady(id, reply);
    }
    bounded.releaseReply("m1", false);
    bounded.releaseReply("m2", true);

    bounded.delivered("m3", new Delivery("a", 1, "s"));
    bounded.replyReady("m3", reply);

    assertThat(bounded.keptReplyBytes()).isEqualTo(2L * reply.body().length);
    assertThat(bounded.delivered("m2", new Delivery("b", 2, "s"))).as("dropped: runs again").isEqualTo(Decision.RUN);
    assertThat(bounded.delivered("m1", new Delivery("b", 2, "s"))).isEqualTo(Decision.RESEND_REPLY);
  }

  @Test
  void shouldBoundTheKeptRepliesByBytesButNeverDropOneBeingSent() {
    Reply big = new Reply("/queue/r", Map.of(), new byte[600]);
    DeliveryLedger bounded = new DeliveryLedger(new WorkerSettings(1, 1, 3, java.time.Duration.ofHours(1),
        java.time.Duration.ofHours(1), 100, 100, 1_000), now::get);
    bounded.delivered("m1", new Delivery("a", 1, "s"));
    bounded.replyReady("m1", big);
    bounded.delivered("m2", new Delivery("a", 1, "s"));
    bounded.replyReady("m2", big);
    assertThat(bounded.keptReplyBytes()).as("both are being sent").isEqualTo(1_200);

    bounded.releaseReply("m1", true);
    bounded.delivered("m3", new Delivery("a", 1, "s"));
    bounded.replyReady("m3", big);

    assertThat(bounded.keptReplyBytes()).isEqualTo(1_200);
    assertThat(bounded.delivered("m1", new Delivery("b", 2, "s"))).isEqualTo(Decision.RUN);
  }

  @Test
  void shouldDropAnUnconfirmedReplyAfterTheRememberTime() {
    ledger.delivered("m1", new Delivery("a1", 1, "s"));
    ledger.replyReady("m1", reply);
    ledger.releaseReply("m1", true);
    now.addAndGet(TimeUnit.MINUTES.toNanos(61));
    ledger.delivered("m2", new Delivery("a2", 2, "s"));
    assertThat(ledger.keptReplyBytes()).isZero();
  }
}
