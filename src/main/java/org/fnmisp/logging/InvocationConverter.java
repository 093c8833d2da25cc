package org.fnmisp.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * The {@code %invocation} pattern word: {@code " [<function> <message id>]"} from the MDC keys the worker sets while
 * it runs a function call, or nothing at all outside a call, so lines without context carry no empty brackets.
 */
public final class InvocationConverter extends ClassicConverter {

  /** The MDC key of the function name, e.g. {@code misp_create_event}. */
  public static final String FUNCTION = "function";

  /** The MDC key of the STOMP message id of the call. */
  public static final String MESSAGE_ID = "message_id";

  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    String function = mdc.get(FUNCTION);
    String messageId = mdc.get(MESSAGE_ID);
    if (function == null && messageId == null) {
      return "";
    }
    if (function == null || messageId == null) {
      return " [" + (function == null ? messageId : function) + "]";
    }
    return " [" + function + " " + messageId + "]";
  }
}
