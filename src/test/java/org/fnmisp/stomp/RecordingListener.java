package org.fnmisp.stomp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every listener call so tests can wait for them. */
class RecordingListener implements StompListener {

  record Received(StompFrame frame, long epoch) {}

  final List<Long> connected = new CopyOnWriteArrayList<>();
  final List<String> disconnected = new CopyOnWriteArrayList<>();
  final List<StompFrame> errors = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();

  @Override
  public void onConnected(long epoch) {
    connected.add(epoch);
  }

  @Override
  public void onMessage(StompFrame message, long epoch) {
    messages.add(new Received(message, epoch));
  }

  @Override
  public void onDisconnected(long epoch, String reason) {
    disconnected.add(epoch + ": " + reason);
  }

  @Override
  public void onError(StompFrame error) {
    errors.add(error);
  }

  /** The next message, failing the test when none arrives in time. */
  Received nextMessage(Duration timeout) throws InterruptedException {
    Received received = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (received == null) {
      throw new AssertionError("no MESSAGE within " + timeout);
    }
    return received;
  }

  boolean hasNoMessage() {
    return messages.isEmpty();
  }
}
